package org.cvote.crypto.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.cvote.crypto.encoding.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9474 Appendix A: every variant, with the vector's prefix, salt and inverse fixed, must
 * reproduce prepared_msg, encoded_msg, blinded_msg, blind_sig and sig exactly.
 */
class Rfc9474VectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  record Vector(String name, JsonNode json) {
    byte[] bytes(String field) {
      return HEX.parseHex(json.get(field).asText());
    }

    boolean has(String field) {
      return json.has(field);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static JsonNode root() throws Exception {
    try (InputStream in = Rfc9474VectorsTest.class.getResourceAsStream("/vectors/rfc9474.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Stream<Vector> vectors() throws Exception {
    List<Vector> out = new ArrayList<>();
    for (JsonNode v : root().get("vectors")) {
      out.add(new Vector(v.get("name").asText(), v));
    }
    return out.stream();
  }

  private static BigInteger keyInt(String field) throws Exception {
    return new BigInteger(root().get("key").get(field).asText(), 16);
  }

  @Test
  void fileNamesItsSourceAndAllFourVariants() throws Exception {
    assertTrue(root().get("source").asText().contains("RFC 9474"));
    assertEquals(4, vectors().count());
    vectors().forEach(v -> BlindRsaVariant.fromRfcName(v.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void reproducesVector(Vector v) throws Exception {
    BigInteger p = keyInt("p");
    BigInteger q = keyInt("q");
    BigInteger n = keyInt("n");
    BigInteger e = keyInt("e");
    BigInteger d = keyInt("d");
    assertEquals(n, p.multiply(q));
    RSAPublicKey pub = TestKeys.rsaPublic(n, e);
    RSAPrivateCrtKey priv = TestKeys.rsaPrivate(p, q, e, d);
    BlindRsaVariant variant = BlindRsaVariant.fromRfcName(v.name());
    BlindRsaClient client = BlindRsaClient.create(variant, pub);
    BlindRsaSigner signer = BlindRsaSigner.create(priv);
    assertEquals(512, client.modulusLength());

    // Prepare
    byte[] prepared = client.prepareWith(v.bytes("msg"), v.bytes("msg_prefix"));
    assertArrayEquals(v.bytes("prepared_msg"), prepared);

    // EMSA-PSS encoding: blinding with r = 1 leaves m itself.
    byte[] salt = v.bytes("salt");
    assertEquals(variant.saltLength(), salt.length);
    if (v.has("encoded_msg")) {
      assertArrayEquals(
          v.bytes("encoded_msg"),
          client.blindWith(prepared, BigInteger.ONE, salt).blindedMessage());
    }

    // Blind with r = inv^-1 mod n
    BigInteger inv = new BigInteger(1, v.bytes("inv"));
    BlindResult blinded = client.blindWith(prepared, inv.modInverse(n), salt);
    assertArrayEquals(v.bytes("blinded_msg"), blinded.blindedMessage());
    assertArrayEquals(Bytes.i2osp(inv, 512), blinded.state().inverse());
    assertArrayEquals(prepared, blinded.state().preparedMessage());

    // BlindSign
    byte[] blindSig = signer.blindSign(v.bytes("blinded_msg"));
    assertArrayEquals(v.bytes("blind_sig"), blindSig);

    // Finalize (also from a state restored from its exported bytes)
    assertArrayEquals(
        v.bytes("sig"), client.finalizeSignature(blinded.state(), v.bytes("blind_sig")));
    BlindingState restored = BlindingState.of(v.bytes("prepared_msg"), Bytes.i2osp(inv, 512));
    assertArrayEquals(v.bytes("sig"), client.finalizeSignature(restored, v.bytes("blind_sig")));

    // Verify
    assertTrue(BlindRsaVerifier.create(variant, pub).verify(prepared, v.bytes("sig")));
    assertTrue(client.verify(prepared, v.bytes("sig")));
    assertFalse(
        client.verify(
            v.bytes("msg_prefix").length == 0 ? new byte[] {1} : v.bytes("msg"), v.bytes("sig")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void wrongSaltLengthVariantRejectsSignature(Vector v) throws Exception {
    RSAPublicKey pub = TestKeys.rsaPublic(keyInt("n"), keyInt("e"));
    BlindRsaVariant variant = BlindRsaVariant.fromRfcName(v.name());
    // PSS (48-byte salt) and PSSZERO (no salt) must not accept each other's signatures.
    BlindRsaVariant other =
        variant.saltLength() == 48
            ? BlindRsaVariant.RSABSSA_SHA384_PSSZERO_DETERMINISTIC
            : BlindRsaVariant.RSABSSA_SHA384_PSS_DETERMINISTIC;
    assertFalse(
        BlindRsaVerifier.create(other, pub).verify(v.bytes("prepared_msg"), v.bytes("sig")));
  }
}
