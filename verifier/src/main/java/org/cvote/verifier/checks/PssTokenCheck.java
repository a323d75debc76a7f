package org.cvote.verifier.checks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * An independent implementation of V4 with the JDK's RSASSA-PSS (the verifier re-implements rather
 * than reuses the server's code): strict SPKI (canonical DER, rsaEncryption, 3072-bit modulus, e =
 * 65537), exact 384-byte signatures, the §13 prepared-message structure, and PSS
 * SHA-384/MGF1-SHA-384/salt 48.
 */
public final class PssTokenCheck implements TokenCheck {
  public static final int MODULUS_BITS = 3072;
  public static final int SIGNATURE_BYTES = MODULUS_BITS / 8;
  private static final byte[] TAG = "cvote/v1/token".getBytes(StandardCharsets.US_ASCII);
  private static final PSSParameterSpec PSS =
      new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);

  private final RSAPublicKey key;
  private final byte[] pollId;
  private final ThreadLocal<Signature> verifier;

  private PssTokenCheck(RSAPublicKey key, String pollId) {
    this.key = key;
    this.pollId = pollId.getBytes(StandardCharsets.UTF_8);
    this.verifier =
        ThreadLocal.withInitial(
            () -> {
              try {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(PSS);
                s.initVerify(key);
                return s;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSASSA-PSS unavailable", e);
              }
            });
  }

  /**
   * Parses the token key strictly; throws with the reason when it is not a canonical
   * RSA-3072/e=65537 SPKI.
   */
  public static RSAPublicKey parseSpki(byte[] spki) throws GeneralSecurityException {
    RSAPublicKey k;
    try {
      k = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new GeneralSecurityException("not an RSA SubjectPublicKeyInfo: " + e.getMessage(), e);
    }
    if (!MessageDigest.isEqual(k.getEncoded(), spki)) {
      throw new GeneralSecurityException(
          "SPKI is not the canonical DER with the rsaEncryption OID");
    }
    if (k.getModulus().bitLength() != MODULUS_BITS) {
      throw new GeneralSecurityException(
          "token key must be 3072-bit, got " + k.getModulus().bitLength());
    }
    if (!k.getPublicExponent().equals(BigInteger.valueOf(65537))) {
      throw new GeneralSecurityException(
          "token key exponent must be 65537, got " + k.getPublicExponent());
    }
    return k;
  }

  public static PssTokenCheck create(byte[] spki, String pollId) throws GeneralSecurityException {
    return new PssTokenCheck(parseSpki(spki), pollId);
  }

  @Override
  public void verify(byte[] msg, byte[] sig) throws GeneralSecurityException {
    if (sig.length != SIGNATURE_BYTES) {
      throw new GeneralSecurityException(
          "signature must be exactly " + SIGNATURE_BYTES + " bytes, got " + sig.length);
    }
    int expected = 32 + TAG.length + 2 + pollId.length + 32;
    if (msg.length != expected) {
      throw new GeneralSecurityException(
          "prepared message must be " + expected + " bytes for this poll, got " + msg.length);
    }
    int off = 32;
    if (!Arrays.equals(msg, off, off + TAG.length, TAG, 0, TAG.length)) {
      throw new GeneralSecurityException(
          "prepared message does not carry \"cvote/v1/token\" after the 32-byte prefix");
    }
    off += TAG.length;
    int len = ((msg[off] & 0xff) << 8) | (msg[off + 1] & 0xff);
    off += 2;
    if (len != pollId.length || !Arrays.equals(msg, off, off + len, pollId, 0, pollId.length)) {
      throw new GeneralSecurityException("token is for another poll");
    }
    Signature s = verifier.get();
    s.update(msg);
    if (!s.verify(sig)) {
      throw new GeneralSecurityException("RSASSA-PSS signature does not verify");
    }
  }

  public RSAPublicKey key() {
    return key;
  }
}
