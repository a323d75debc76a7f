package org.cvote.crypto.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.junit.jupiter.api.Test;

/** The cvote token layer: message, prepared-message parser, keys, issuance and verification. */
class TokenTest {
  private static final SecureRandom RND = new SecureRandom();
  private static final String POLL = "poll-2026-11-A";

  /** Issues a real token for {@code pollId} under {@code kp}. */
  private static SignedToken issue(TokenKeyPair kp, String pollId) throws Exception {
    TokenClient client = TokenClient.create(kp.publicKey(), pollId);
    BlindResult b = client.begin(RND);
    return client.finish(b.state(), TokenIssuer.create(kp).blindSign(b.blindedMessage()));
  }

  private static TokenVerifier verifier() {
    return TokenVerifier.create(TestKeys.a().publicKey(), POLL);
  }

  // ---- TokenMessage ----

  @Test
  void tokenMessageLayoutIsExact() {
    byte[] nonce = new byte[32];
    Arrays.fill(nonce, (byte) 0xAB);
    String poll = "bầu-cử";
    byte[] id = poll.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream want = new ByteArrayOutputStream();
    want.writeBytes("cvote/v1/token".getBytes(StandardCharsets.US_ASCII));
    want.write(0);
    want.write(id.length);
    want.writeBytes(id);
    want.writeBytes(nonce);
    TokenMessage m = TokenMessage.create(poll, nonce);
    assertArrayEquals(want.toByteArray(), m.toBytes());
    assertEquals(poll, m.pollId());
    assertArrayEquals(nonce, m.nonce());
    assertFalse(m.toString().contains("ab".repeat(8)));
  }

  @Test
  void tokenMessagePreconditions() {
    byte[] nonce = new byte[32];
    assertThrows(IllegalArgumentException.class, () -> TokenMessage.create(null, nonce));
    assertThrows(IllegalArgumentException.class, () -> TokenMessage.create("", nonce));
    assertThrows(IllegalArgumentException.class, () -> TokenMessage.create("poll\uD800", nonce));
    assertThrows(
        IllegalArgumentException.class, () -> TokenMessage.create("x".repeat(65536), nonce));
    assertEquals(65536 + 48, TokenMessage.create("x".repeat(65535), nonce).toBytes().length + 1);
    assertThrows(IllegalArgumentException.class, () -> TokenMessage.create(POLL, null));
    assertThrows(IllegalArgumentException.class, () -> TokenMessage.create(POLL, new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> TokenMessage.create(POLL, new byte[33]));
    assertThrows(IllegalArgumentException.class, () -> TokenMessage.random(POLL, null));
    assertEquals(POLL, TokenMessage.random(POLL, RND).pollId());
  }

  // ---- PreparedToken ----

  private static byte[] sampleToken(String pollId) {
    byte[] prefix = new byte[32];
    byte[] nonce = new byte[32];
    RND.nextBytes(prefix);
    RND.nextBytes(nonce);
    return PreparedToken.of(prefix, TokenMessage.create(pollId, nonce)).toBytes();
  }

  @Test
  void preparedTokenParsesItsOwnEncoding() {
    byte[] prepared = sampleToken(POLL);
    PreparedToken t = PreparedToken.parse(prepared, POLL);
    assertArrayEquals(prepared, t.toBytes());
    assertEquals(POLL, t.pollId());
    assertArrayEquals(Arrays.copyOf(prepared, 32), t.prefix());
    assertArrayEquals(
        Arrays.copyOfRange(prepared, prepared.length - 32, prepared.length), t.message().nonce());
    assertEquals(32 + 14 + 2 + POLL.length() + 32, prepared.length);
  }

  @Test
  void spendKeyAndTau() throws Exception {
    byte[] prepared = sampleToken(POLL);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(prepared);
    assertArrayEquals(sha, PreparedToken.spendKeyOf(prepared));
    assertArrayEquals(sha, PreparedToken.parse(prepared, POLL).spendKey());
    assertEquals(32, sha.length);
    // τ = SHA-256( I2OSP(14,2) ‖ "cvote/v1/token" ‖ I2OSP(len,4) ‖ prepared )
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(new byte[] {0, 14});
    md.update("cvote/v1/token".getBytes(StandardCharsets.US_ASCII));
    md.update(new byte[] {0, 0, 0, (byte) prepared.length});
    md.update(prepared);
    assertArrayEquals(md.digest(), PreparedToken.parse(prepared, POLL).tau());
    assertThrows(IllegalArgumentException.class, () -> PreparedToken.spendKeyOf(null));
  }

  private static String parseError(byte[] prepared, String pollId) {
    return assertThrows(IllegalArgumentException.class, () -> PreparedToken.parse(prepared, pollId))
        .getMessage();
  }

  @Test
  void parseRejectsNull() {
    assertTrue(parseError(null, POLL).contains("null"));
    assertThrows(
        IllegalArgumentException.class, () -> PreparedToken.parse(sampleToken(POLL), null));
  }

  @Test
  void parseRejectsTooShort() {
    assertTrue(parseError(new byte[80], POLL).contains("too short"));
  }

  @Test
  void parseRejectsAlteredLiteral() {
    for (int i = 32; i < 46; i++) {
      byte[] t = sampleToken(POLL);
      t[i] ^= 0x20;
      assertTrue(parseError(t, POLL).contains("literal"), "byte " + i);
    }
  }

  @Test
  void parseRejectsTruncated() {
    byte[] t = sampleToken(POLL);
    assertTrue(parseError(Arrays.copyOf(t, t.length - 1), POLL).contains("truncated"));
  }

  @Test
  void parseRejectsTrailingBytes() {
    byte[] t = sampleToken(POLL);
    assertTrue(parseError(Arrays.copyOf(t, t.length + 1), POLL).contains("trailing"));
  }

  @Test
  void parseRejectsZeroPollIdLength() {
    byte[] t = sampleToken(POLL);
    t[46] = 0;
    t[47] = 0;
    assertTrue(parseError(t, POLL).contains("empty pollId"));
  }

  @Test
  void parseRejectsTokenOfAnotherPoll() {
    assertTrue(parseError(sampleToken("poll-2026-11-B"), POLL).contains("another poll"));
    assertTrue(parseError(sampleToken("poll-2026-11-AB"), POLL).contains("another poll"));
    assertTrue(parseError(sampleToken(POLL), "poll-2026-11-B").contains("another poll"));
  }

  @Test
  void preparedTokenPreconditions() {
    TokenMessage m = TokenMessage.random(POLL, RND);
    assertThrows(IllegalArgumentException.class, () -> PreparedToken.of(null, m));
    assertThrows(IllegalArgumentException.class, () -> PreparedToken.of(new byte[32], null));
    assertThrows(IllegalArgumentException.class, () -> PreparedToken.of(new byte[31], m));
    assertThrows(IllegalArgumentException.class, () -> PreparedToken.of(new byte[33], m));
  }

  // ---- keys ----

  @Test
  void generatedKeyIsRsa3072WithF4() {
    TokenKeyPair kp = TestKeys.a();
    assertEquals(3072, kp.publicKey().rsaPublicKey().getModulus().bitLength());
    assertEquals(BigInteger.valueOf(65537), kp.publicKey().rsaPublicKey().getPublicExponent());
    assertThrows(IllegalArgumentException.class, () -> TokenKeyPair.generate(null));
  }

  @Test
  void spkiRoundTripsAndEqualsTheJdkEncoding() {
    TokenPublicKey pub = TestKeys.a().publicKey();
    byte[] spki = pub.toSpki();
    assertArrayEquals(pub.rsaPublicKey().getEncoded(), spki); // what WebCrypto's "spki" also is
    assertEquals(pub, TokenPublicKey.fromSpki(spki));
    assertArrayEquals(spki, TokenPublicKey.fromSpki(spki).toSpki());
    assertArrayEquals(org.cvote.crypto.hash.Digest.sha256(spki).bytes(), pub.spkiSha256());
    assertEquals(pub, TokenPublicKey.of(pub.rsaPublicKey()));
  }

  private static String spkiError(byte[] der) {
    return assertThrows(IllegalArgumentException.class, () -> TokenPublicKey.fromSpki(der))
        .getMessage();
  }

  @Test
  void spkiRejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> TokenPublicKey.fromSpki(null));
    assertThrows(IllegalArgumentException.class, () -> TokenPublicKey.of(null));
  }

  @Test
  void spkiRejects2048BitKey() throws Exception {
    byte[] der = TestKeys.jdkRsa(2048, BigInteger.valueOf(65537)).getPublic().getEncoded();
    assertTrue(spkiError(der).contains("2048"));
  }

  @Test
  void spkiRejectsExponentOtherThan65537() {
    BigInteger n = TestKeys.a().publicKey().rsaPublicKey().getModulus();
    assertTrue(spkiError(TokenPublicKey.encodeSpki(n, BigInteger.valueOf(3))).contains("65537"));
    assertTrue(
        spkiError(TokenPublicKey.encodeSpki(n, BigInteger.valueOf(65539))).contains("65537"));
  }

  @Test
  void spkiRejectsGarbage() {
    assertTrue(spkiError(new byte[0]).startsWith("SPKI"));
    assertTrue(spkiError("not a key".getBytes(StandardCharsets.US_ASCII)).startsWith("SPKI"));
    byte[] junk = new byte[400];
    RND.nextBytes(junk);
    junk[0] = 0x30;
    assertTrue(spkiError(junk).startsWith("SPKI"));
  }

  @Test
  void spkiRejectsTrailingBytes() {
    byte[] spki = TestKeys.a().publicKey().toSpki();
    spkiError(Arrays.copyOf(spki, spki.length + 1));
  }

  @Test
  void spkiRejectsOtherAlgorithmOrParameters() throws Exception {
    RSAPrivateCrtKey k = TestKeys.a().privateKey();
    org.bouncycastle.asn1.pkcs.RSAPublicKey rsa =
        new org.bouncycastle.asn1.pkcs.RSAPublicKey(k.getModulus(), k.getPublicExponent());
    byte[] pss =
        new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS), rsa)
            .getEncoded(ASN1Encoding.DER);
    assertTrue(spkiError(pss).contains("rsaEncryption"));
    byte[] noNull =
        new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption), rsa)
            .getEncoded(ASN1Encoding.DER);
    assertTrue(spkiError(noNull).contains("NULL"));
    byte[] ok =
        new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa)
            .getEncoded(ASN1Encoding.DER);
    TokenPublicKey.fromSpki(ok);
  }

  @Test
  void pkcs8RoundTrips() throws Exception {
    TokenKeyPair kp = TestKeys.a();
    byte[] pkcs8 = kp.toPkcs8();
    TokenKeyPair back = TokenKeyPair.fromPkcs8(pkcs8);
    assertEquals(kp.publicKey(), back.publicKey());
    assertArrayEquals(pkcs8, back.toPkcs8());
    assertArrayEquals(kp.privateKey().getEncoded(), pkcs8); // the JDK's PKCS#8 is the same DER
    // The reloaded key signs tokens that verify under the original public key.
    SignedToken t = issue(back, POLL);
    verifier().verify(t.prepared(), t.signature());
  }

  @Test
  void pkcs8Preconditions() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> TokenKeyPair.fromPkcs8(null));
    assertThrows(IllegalArgumentException.class, () -> TokenKeyPair.fromPkcs8(new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> TokenKeyPair.fromPkcs8(new byte[] {0x30, 0x03, 2, 1, 0}));
    byte[] small = TestKeys.jdkRsa(2048, BigInteger.valueOf(65537)).getPrivate().getEncoded();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> TokenKeyPair.fromPkcs8(small))
            .getMessage()
            .contains("2048"));
    byte[] pkcs8 = TestKeys.a().toPkcs8();
    assertThrows(
        IllegalArgumentException.class,
        () -> TokenKeyPair.fromPkcs8(Arrays.copyOf(pkcs8, pkcs8.length + 1)));
    assertThrows(IllegalArgumentException.class, () -> TokenKeyPair.of(null));
    RSAPrivateCrtKey small2048 =
        (RSAPrivateCrtKey) TestKeys.jdkRsa(2048, BigInteger.valueOf(65537)).getPrivate();
    assertThrows(IllegalArgumentException.class, () -> TokenKeyPair.of(small2048));
  }

  @Test
  void privateKeyIsNeverPrinted() {
    TokenKeyPair kp = TestKeys.a();
    String s = kp.toString() + TokenIssuer.create(kp);
    assertFalse(s.contains(kp.privateKey().getPrivateExponent().toString(16).substring(0, 16)));
    assertFalse(s.contains(kp.privateKey().getPrimeP().toString(16).substring(0, 16)));
    assertFalse(s.contains(HexFormat.of().formatHex(kp.toPkcs8()).substring(60, 90)));
  }

  // ---- issuance and verification ----

  @Test
  void roundTripIssuesVerifiableTokens() throws Exception {
    TokenVerifier v = verifier();
    byte[] last = null;
    for (int i = 0; i < 3; i++) {
      SignedToken t = issue(TestKeys.a(), POLL);
      assertEquals(384, t.signature().length);
      PreparedToken parsed = v.verify(t.prepared(), t.signature());
      assertEquals(t.token(), parsed);
      assertTrue(v.isValid(t.prepared(), t.signature()));
      assertFalse(Arrays.equals(last, t.prepared()));
      last = t.prepared();
    }
  }

  @Test
  void tokensAreStandardRsassaPssForTheJdkVerifier() throws Exception {
    // An independent implementation (the JDK's SunRsaSign) accepts the finalized signature as plain
    // RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt over the prepared message.
    SignedToken t = issue(TestKeys.a(), POLL);
    java.security.Signature jdk = java.security.Signature.getInstance("RSASSA-PSS");
    jdk.setParameter(
        new java.security.spec.PSSParameterSpec(
            "SHA-384", "MGF1", java.security.spec.MGF1ParameterSpec.SHA384, 48, 1));
    jdk.initVerify(TestKeys.a().publicKey().rsaPublicKey());
    jdk.update(t.prepared());
    assertTrue(jdk.verify(t.signature()));
  }

  @Test
  void retryWithSavedStateAndResentBlindedMessageGivesTheSameToken() throws Exception {
    TokenKeyPair kp = TestKeys.a();
    TokenClient client = TokenClient.create(kp.publicKey(), POLL);
    TokenIssuer issuer = TokenIssuer.create(kp);
    BlindResult b = client.begin(RND);
    byte[] savedPrepared = b.state().preparedMessage();
    byte[] savedInverse = b.state().inverse();
    byte[] first = issuer.blindSign(b.blindedMessage());
    byte[] second = issuer.blindSign(b.blindedMessage()); // same voter resends: same answer
    assertArrayEquals(first, second);
    SignedToken t1 = client.finish(b.state(), first);
    SignedToken t2 = client.finish(BlindingState.of(savedPrepared, savedInverse), second);
    assertEquals(t1, t2);
  }

  private static String verifyError(byte[] prepared, byte[] sig) {
    return assertThrows(GeneralSecurityException.class, () -> verifier().verify(prepared, sig))
        .getMessage();
  }

  @Test
  void rejectsSignatureOf383Bytes() throws Exception {
    SignedToken t = issue(TestKeys.a(), POLL);
    assertTrue(verifyError(t.prepared(), Arrays.copyOf(t.signature(), 383)).contains("384"));
    assertFalse(verifier().isValid(t.prepared(), Arrays.copyOfRange(t.signature(), 1, 384)));
  }

  @Test
  void rejectsSignatureOf385Bytes() throws Exception {
    SignedToken t = issue(TestKeys.a(), POLL);
    byte[] padded = new byte[385];
    System.arraycopy(t.signature(), 0, padded, 1, 384);
    assertTrue(verifyError(t.prepared(), padded).contains("384"));
    assertTrue(verifyError(t.prepared(), Arrays.copyOf(t.signature(), 385)).contains("384"));
  }

  @Test
  void rejects383ByteSignatureThatWouldVerifyIfLeftPadded() throws Exception {
    // Find a valid signature whose first byte is 0 (about 1 in 256), by signing with varying salts.
    TokenKeyPair kp = TestKeys.a();
    BlindRsaClient raw =
        BlindRsaClient.create(
            BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED, kp.publicKey().rsaPublicKey());
    BlindRsaSigner signer = BlindRsaSigner.create(kp.privateKey());
    byte[] prepared = sampleToken(POLL);
    byte[] sig = null;
    byte[] salt = new byte[48];
    for (int i = 0; i < 5000 && sig == null; i++) {
      RND.nextBytes(salt);
      byte[] em =
          raw.blindWith(prepared, BigInteger.ONE, salt).blindedMessage(); // r = 1: EM itself
      byte[] s = signer.blindSign(em);
      if (s[0] == 0) {
        sig = s;
      }
    }
    assertTrue(sig != null, "no signature with a leading zero byte found");
    assertTrue(verifier().isValid(prepared, sig));
    byte[] short383 = Arrays.copyOfRange(sig, 1, 384);
    // Bouncy Castle's PSS verifier alone accepts it (it left-pads) — the reason for the length
    // check.
    PSSSigner bc =
        new PSSSigner(
            new RSAEngine(),
            new SHA384Digest(),
            new SHA384Digest(),
            48,
            PSSSigner.TRAILER_IMPLICIT);
    RSAKeyParameters key =
        new RSAKeyParameters(
            false, kp.privateKey().getModulus(), kp.privateKey().getPublicExponent());
    bc.init(false, key);
    bc.update(prepared, 0, prepared.length);
    assertTrue(bc.verifySignature(short383));
    assertTrue(verifyError(prepared, short383).contains("384"));
    assertFalse(
        BlindRsaVerifier.create(
                BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED, kp.publicKey().rsaPublicKey())
            .verify(prepared, short383));
  }

  @Test
  void rejectsSignatureOfAnotherKey() throws Exception {
    SignedToken t = issue(TestKeys.b(), POLL);
    assertTrue(verifyError(t.prepared(), t.signature()).contains("does not verify"));
  }

  @Test
  void rejectsAlteredPrefix() throws Exception {
    SignedToken t = issue(TestKeys.a(), POLL);
    byte[] p = t.prepared();
    p[0] ^= 1;
    assertTrue(verifyError(p, t.signature()).contains("does not verify"));
  }

  @Test
  void rejectsAlteredLiteral() throws Exception {
    SignedToken t = issue(TestKeys.a(), POLL);
    byte[] p = t.prepared();
    p[32 + 6] ^= 1;
    assertTrue(verifyError(p, t.signature()).contains("literal"));
  }

  @Test
  void rejectsAlteredNonce() throws Exception {
    SignedToken t = issue(TestKeys.a(), POLL);
    byte[] p = t.prepared();
    p[p.length - 1] ^= 1;
    assertTrue(verifyError(p, t.signature()).contains("does not verify"));
  }

  @Test
  void rejectsTokenOfAnotherPoll() throws Exception {
    SignedToken t = issue(TestKeys.a(), "poll-2026-11-B"); // validly signed, same key
    assertTrue(verifyError(t.prepared(), t.signature()).contains("another poll"));
    TokenVerifier.create(TestKeys.a().publicKey(), "poll-2026-11-B")
        .verify(t.prepared(), t.signature());
  }

  @Test
  void rejectsTruncatedMessage() throws Exception {
    SignedToken t = issue(TestKeys.a(), POLL);
    byte[] p = t.prepared();
    assertTrue(verifyError(Arrays.copyOf(p, p.length - 1), t.signature()).contains("truncated"));
    assertTrue(verifyError(Arrays.copyOf(p, 40), t.signature()).contains("too short"));
  }

  @Test
  void rejectsSignatureNotBelowModulus() throws Exception {
    SignedToken t = issue(TestKeys.a(), POLL);
    byte[] ff = new byte[384];
    Arrays.fill(ff, (byte) 0xFF);
    assertTrue(verifyError(t.prepared(), ff).contains("does not verify"));
    assertTrue(verifyError(t.prepared(), new byte[384]).contains("does not verify"));
  }

  @Test
  void verifierPreconditions() {
    TokenPublicKey pk = TestKeys.a().publicKey();
    assertThrows(IllegalArgumentException.class, () -> TokenVerifier.create(null, POLL));
    assertThrows(IllegalArgumentException.class, () -> TokenVerifier.create(pk, null));
    assertThrows(IllegalArgumentException.class, () -> TokenVerifier.create(pk, ""));
    assertThrows(IllegalArgumentException.class, () -> verifier().verify(null, new byte[384]));
    assertThrows(IllegalArgumentException.class, () -> verifier().verify(new byte[100], null));
  }

  @Test
  void clientPreconditions() throws Exception {
    TokenPublicKey pk = TestKeys.a().publicKey();
    assertThrows(IllegalArgumentException.class, () -> TokenClient.create(null, POLL));
    assertThrows(IllegalArgumentException.class, () -> TokenClient.create(pk, null));
    assertThrows(IllegalArgumentException.class, () -> TokenClient.create(pk, ""));
    TokenClient c = TokenClient.create(pk, POLL);
    assertThrows(IllegalArgumentException.class, () -> c.begin(null));
    assertThrows(IllegalArgumentException.class, () -> c.finish(null, new byte[384]));
    // A state whose message belongs to another poll is refused.
    BlindResult other = TokenClient.create(pk, "poll-2026-11-B").begin(RND);
    byte[] sig = TokenIssuer.create(TestKeys.a()).blindSign(other.blindedMessage());
    assertThrows(IllegalArgumentException.class, () -> c.finish(other.state(), sig));
    BlindResult mine = c.begin(RND);
    assertThrows(IllegalArgumentException.class, () -> c.finish(mine.state(), null));
  }

  @Test
  void issuerPreconditions() {
    assertThrows(IllegalArgumentException.class, () -> TokenIssuer.create(null));
    TokenIssuer issuer = TokenIssuer.create(TestKeys.a());
    assertThrows(IllegalArgumentException.class, () -> issuer.blindSign(null));
    assertThrows(IllegalArgumentException.class, () -> issuer.blindSign(new byte[383]));
    assertThrows(IllegalArgumentException.class, () -> issuer.blindSign(new byte[385]));
    byte[] ff = new byte[384];
    Arrays.fill(ff, (byte) 0xFF);
    assertThrows(IllegalArgumentException.class, () -> issuer.blindSign(ff));
  }

  @Test
  void signedTokenPreconditions() {
    PreparedToken t = PreparedToken.parse(sampleToken(POLL), POLL);
    assertThrows(IllegalArgumentException.class, () -> SignedToken.of(null, new byte[384]));
    assertThrows(IllegalArgumentException.class, () -> SignedToken.of(t, null));
    assertThrows(IllegalArgumentException.class, () -> SignedToken.of(t, new byte[383]));
    assertThrows(IllegalArgumentException.class, () -> SignedToken.of(t, new byte[385]));
  }
}
