package org.cvote.crypto.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.TreeMap;
import org.cvote.crypto.encoding.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generic RFC 9474 layer with random inputs, its blinding factor, and its preconditions. */
class BlindRsaTest {
  private static final SecureRandom RND = new SecureRandom();
  private static RSAPublicKey pub;
  private static RSAPrivateCrtKey priv;
  private static BigInteger n;

  @BeforeAll
  static void keys() {
    TokenKeyPair kp = TestKeys.a();
    pub = kp.publicKey().rsaPublicKey();
    priv = kp.privateKey();
    n = pub.getModulus();
  }

  @ParameterizedTest
  @EnumSource(BlindRsaVariant.class)
  void roundTripWithRandomMessages(BlindRsaVariant variant) throws Exception {
    BlindRsaClient client = BlindRsaClient.create(variant, pub);
    BlindRsaSigner signer = BlindRsaSigner.create(priv);
    BlindRsaVerifier verifier = BlindRsaVerifier.create(variant, pub);
    for (int len : new int[] {0, 1, 47, 1000}) {
      byte[] msg = new byte[len];
      RND.nextBytes(msg);
      byte[] prepared = client.prepare(msg, RND);
      assertEquals(len + (variant.isRandomized() ? 32 : 0), prepared.length);
      BlindResult b = client.blind(prepared, RND);
      assertEquals(384, b.blindedMessage().length);
      byte[] sig = client.finalizeSignature(b.state(), signer.blindSign(b.blindedMessage()));
      assertEquals(384, sig.length);
      assertTrue(verifier.verify(prepared, sig));
      if (prepared.length > 0) {
        prepared[prepared.length - 1] ^= 1;
        assertFalse(verifier.verify(prepared, sig));
      } else {
        assertFalse(verifier.verify(new byte[] {0}, sig));
      }
    }
  }

  @Test
  void blindingIsFreshEachTime() throws Exception {
    BlindRsaClient client =
        BlindRsaClient.create(BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED, pub);
    byte[] prepared = client.prepare(new byte[] {1, 2, 3}, RND);
    BlindResult a = client.blind(prepared, RND);
    BlindResult b = client.blind(prepared, RND);
    assertFalse(java.util.Arrays.equals(a.blindedMessage(), b.blindedMessage()));
    assertFalse(java.util.Arrays.equals(a.state().inverse(), b.state().inverse()));
  }

  @Test
  void blindingFactorIsAUnitInRangeAndReachesTheTopOfTheRange() {
    // BC's generator draws from [2, 2^(k-1)) and so never reaches [2^(k-1), n); ours must.
    int top = 0;
    for (int i = 0; i < 300; i++) {
      BigInteger r = BlindRsaClient.drawBlindingFactor(n, RND);
      assertTrue(r.signum() > 0, "r >= 1");
      assertTrue(r.compareTo(n) < 0, "r < n");
      assertEquals(BigInteger.ONE, r.gcd(n));
      if (r.bitLength() == n.bitLength()) {
        top++;
      }
    }
    // P(r >= 2^(k-1)) = (n - 2^(k-1)) / n; expect about that fraction of 300 draws.
    int shift = n.bitLength() - 60;
    double expected =
        n.subtract(BigInteger.ONE.shiftLeft(n.bitLength() - 1)).shiftRight(shift).doubleValue()
            / n.shiftRight(shift).doubleValue();
    assertTrue(top > 0, "some r must be >= 2^(k-1)");
    assertTrue(
        Math.abs(top / 300.0 - expected) < 0.12, "fraction " + top / 300.0 + " vs " + expected);
  }

  @Test
  void blindingFactorIsUniformOverTheUnitsOfASmallModulus() {
    // n = 15: the units are 1 2 4 7 8 11 13 14; each must come up ~1/8 of the time, 0 and non-units
    // never (8..14 lie above 2^(bits-1) = 8, where BC's generator never goes; 1 is excluded by BC).
    BigInteger small = BigInteger.valueOf(15);
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    int draws = 16000;
    for (int i = 0; i < draws; i++) {
      counts.merge(BlindRsaClient.drawBlindingFactor(small, RND).intValue(), 1, Integer::sum);
    }
    assertEquals(
        java.util.List.of(1, 2, 4, 7, 8, 11, 13, 14), java.util.List.copyOf(counts.keySet()));
    for (int c : counts.values()) {
      assertTrue(
          Math.abs(c - draws / 8) < 300, "count " + c + " far from " + draws / 8 + ": " + counts);
    }
  }

  @Test
  void blindRejectsFactorSharingAPrimeWithN() {
    BlindRsaClient client =
        BlindRsaClient.create(BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED, pub);
    assertThrows(
        IllegalArgumentException.class,
        () -> client.blindWith(new byte[] {1}, priv.getPrimeP(), new byte[48]));
    assertThrows(
        IllegalArgumentException.class,
        () -> client.blindWith(new byte[] {1}, BigInteger.ZERO, new byte[48]));
    assertThrows(
        IllegalArgumentException.class, () -> client.blindWith(new byte[] {1}, n, new byte[48]));
    assertThrows(
        IllegalArgumentException.class,
        () -> client.blindWith(new byte[] {1}, BigInteger.TWO, new byte[47]));
  }

  @Test
  void finalizeRejectsBadBlindSignatures() throws Exception {
    BlindRsaClient client =
        BlindRsaClient.create(BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED, pub);
    BlindRsaSigner signer = BlindRsaSigner.create(priv);
    BlindResult b = client.blind(client.prepare(new byte[] {7}, RND), RND);
    byte[] blindSig = signer.blindSign(b.blindedMessage());
    assertThrows(
        GeneralSecurityException.class,
        () -> client.finalizeSignature(b.state(), java.util.Arrays.copyOf(blindSig, 383)));
    assertThrows(
        GeneralSecurityException.class,
        () -> client.finalizeSignature(b.state(), java.util.Arrays.copyOf(blindSig, 385)));
    byte[] tampered = blindSig.clone();
    tampered[100] ^= 1;
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class, () -> client.finalizeSignature(b.state(), tampered));
    assertTrue(e.getMessage().contains("does not verify"));
    byte[] tooBig = new byte[384];
    java.util.Arrays.fill(tooBig, (byte) 0xFF);
    assertThrows(GeneralSecurityException.class, () -> client.finalizeSignature(b.state(), tooBig));
    // A state of another key (inverse >= n here) is refused.
    BlindingState foreign = BlindingState.of(new byte[] {7}, tooBig);
    assertThrows(IllegalArgumentException.class, () -> client.finalizeSignature(foreign, blindSig));
    BlindingState shortInverse = BlindingState.of(new byte[] {7}, Bytes.i2osp(BigInteger.TWO, 257));
    assertThrows(
        IllegalArgumentException.class, () -> client.finalizeSignature(shortInverse, blindSig));
  }

  @Test
  void signerRejectsMalformedBlindedMessages() throws Exception {
    BlindRsaSigner signer = BlindRsaSigner.create(priv);
    assertThrows(IllegalArgumentException.class, () -> signer.blindSign(null));
    assertThrows(IllegalArgumentException.class, () -> signer.blindSign(new byte[383]));
    assertThrows(IllegalArgumentException.class, () -> signer.blindSign(new byte[385]));
    assertThrows(IllegalArgumentException.class, () -> signer.blindSign(Bytes.i2osp(n, 384)));
    assertEquals(384, signer.blindSign(Bytes.i2osp(n.subtract(BigInteger.ONE), 384)).length);
  }

  @Test
  void signerIsDeterministicSoIssuanceCanBeIdempotent() throws Exception {
    BlindRsaSigner signer = BlindRsaSigner.create(priv);
    byte[] z = Bytes.i2osp(new BigInteger(3000, RND), 384);
    assertArrayEquals(signer.blindSign(z), signer.blindSign(z));
  }

  @Test
  void secretsAreNotPrinted() throws Exception {
    BlindRsaClient client =
        BlindRsaClient.create(BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED, pub);
    byte[] prepared = client.prepare(new byte[] {1}, RND);
    BlindResult b = client.blind(prepared, RND);
    String s = b.toString() + b.state().toString();
    HexFormat hex = HexFormat.of();
    assertFalse(s.contains(hex.formatHex(b.state().inverse()).substring(0, 16)));
    assertFalse(s.contains(hex.formatHex(prepared).substring(0, 16)));
    assertFalse(s.contains(b.state().inverse().toString().substring(3)));
    assertFalse(
        BlindRsaSigner.create(priv)
            .toString()
            .contains(priv.getPrivateExponent().toString(16).substring(0, 16)));
  }

  // ---- preconditions ----

  @Test
  void variantPreconditions() {
    assertThrows(IllegalArgumentException.class, () -> BlindRsaVariant.fromRfcName(null));
    assertThrows(
        IllegalArgumentException.class,
        () -> BlindRsaVariant.fromRfcName("RSABSSA-SHA384-PSS-randomized"));
  }

  @Test
  void clientPreconditions() throws Exception {
    BlindRsaVariant v = BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED;
    assertThrows(IllegalArgumentException.class, () -> BlindRsaClient.create(null, pub));
    assertThrows(IllegalArgumentException.class, () -> BlindRsaClient.create(v, null));
    RSAPublicKey small =
        TestKeys.rsaPublic(
            BigInteger.ONE.shiftLeft(1023).add(BigInteger.ONE), BigInteger.valueOf(65537));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BlindRsaClient.create(v, small));
    assertTrue(e.getMessage().contains("1024"));
    RSAPublicKey even = TestKeys.rsaPublic(n.add(BigInteger.ONE), BigInteger.valueOf(65537));
    assertThrows(IllegalArgumentException.class, () -> BlindRsaClient.create(v, even));
    RSAPublicKey evenE = TestKeys.rsaPublic(n, BigInteger.valueOf(65536));
    assertThrows(IllegalArgumentException.class, () -> BlindRsaClient.create(v, evenE));
    BlindRsaClient c = BlindRsaClient.create(v, pub);
    assertThrows(IllegalArgumentException.class, () -> c.prepare(null, RND));
    assertThrows(IllegalArgumentException.class, () -> c.prepare(new byte[1], null));
    assertThrows(IllegalArgumentException.class, () -> c.prepareWith(new byte[1], new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> c.blind(null, RND));
    assertThrows(IllegalArgumentException.class, () -> c.blind(new byte[1], null));
    BlindingState st = c.blind(new byte[1], RND).state();
    assertThrows(IllegalArgumentException.class, () -> c.finalizeSignature(null, new byte[384]));
    assertThrows(IllegalArgumentException.class, () -> c.finalizeSignature(st, null));
  }

  @Test
  void deterministicPrepareIsIdentity() {
    BlindRsaClient c = BlindRsaClient.create(BlindRsaVariant.RSABSSA_SHA384_PSS_DETERMINISTIC, pub);
    assertArrayEquals(new byte[] {4, 5}, c.prepare(new byte[] {4, 5}, RND));
    assertThrows(IllegalArgumentException.class, () -> c.prepareWith(new byte[1], new byte[32]));
  }

  @Test
  void blindingStatePreconditions() {
    byte[] inv = Bytes.i2osp(BigInteger.TWO, 384);
    assertThrows(IllegalArgumentException.class, () -> BlindingState.of(null, inv));
    assertThrows(IllegalArgumentException.class, () -> BlindingState.of(new byte[1], null));
    assertThrows(IllegalArgumentException.class, () -> BlindingState.of(new byte[0], inv));
    assertThrows(
        IllegalArgumentException.class, () -> BlindingState.of(new byte[1], new byte[255]));
    assertThrows(
        IllegalArgumentException.class, () -> BlindingState.of(new byte[1], new byte[384]));
    assertThrows(
        IllegalArgumentException.class,
        () -> BlindingState.of(new byte[1], Bytes.i2osp(BigInteger.TWO, 2049)));
    BlindingState s = BlindingState.of(new byte[] {9}, inv);
    assertArrayEquals(inv, s.inverse());
    byte[] leaked = s.inverse();
    leaked[0] = 1;
    assertNotEquals(leaked[0], s.inverse()[0]); // defensive copies
  }

  @Test
  void verifierPreconditions() {
    BlindRsaVariant v = BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED;
    assertThrows(IllegalArgumentException.class, () -> BlindRsaVerifier.create(null, pub));
    assertThrows(IllegalArgumentException.class, () -> BlindRsaVerifier.create(v, null));
    BlindRsaVerifier ver = BlindRsaVerifier.create(v, pub);
    assertThrows(IllegalArgumentException.class, () -> ver.verify(null, new byte[384]));
    assertThrows(IllegalArgumentException.class, () -> ver.verify(new byte[1], null));
    assertFalse(ver.verify(new byte[1], new byte[384]));
  }

  @Test
  void signerPreconditions() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> BlindRsaSigner.create(null));
    // q^-1 mod p replaced by a wrong value: the CRT consistency check must notice.
    RSAPrivateCrtKey k = priv;
    RSAPrivateCrtKey broken =
        (RSAPrivateCrtKey)
            java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(
                    new java.security.spec.RSAPrivateCrtKeySpec(
                        k.getModulus(),
                        k.getPublicExponent(),
                        k.getPrivateExponent(),
                        k.getPrimeP(),
                        k.getPrimeQ(),
                        k.getPrimeExponentP(),
                        k.getPrimeExponentQ(),
                        k.getCrtCoefficient().add(BigInteger.ONE)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BlindRsaSigner.create(broken));
    assertTrue(e.getMessage().contains("CRT coefficient"));
  }
}
