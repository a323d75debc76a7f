package org.cvote.crypto.token;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.hash.Digest;

/**
 * A poll's token public key: RSA, exactly 3072 bits, e = 65537 (docs/protocol.md §6, §13 "Keys").
 * Its only encoding is canonical DER SubjectPublicKeyInfo with the rsaEncryption OID and NULL
 * parameters — what WebCrypto imports as "spki" — and SHA-256 of that encoding is bound into the
 * context hash Q.
 */
public final class TokenPublicKey {
  public static final int MODULUS_BITS = 3072;
  public static final int MODULUS_LENGTH = MODULUS_BITS / 8;
  public static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65537);

  private final RSAPublicKey key;
  private final byte[] spki;

  private TokenPublicKey(RSAPublicKey key, byte[] spki) {
    this.key = key;
    this.spki = spki;
  }

  /**
   * Loads a key from SPKI DER.
   *
   * @throws IllegalArgumentException if the bytes are not canonical DER SPKI, the algorithm is not
   *     rsaEncryption with NULL parameters, the modulus is not 3072 bits or e ≠ 65537
   */
  public static TokenPublicKey fromSpki(byte[] der) {
    if (der == null) {
      throw new IllegalArgumentException("SPKI must not be null");
    }
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("SPKI is not a DER SubjectPublicKeyInfo", e);
    }
    if (info == null) {
      throw new IllegalArgumentException("SPKI is not a DER SubjectPublicKeyInfo");
    }
    AlgorithmIdentifier alg = info.getAlgorithm();
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(alg.getAlgorithm())) {
      throw new IllegalArgumentException(
          "SPKI algorithm must be rsaEncryption (1.2.840.113549.1.1.1), got "
              + alg.getAlgorithm().getId());
    }
    if (!DERNull.INSTANCE.equals(alg.getParameters())) {
      throw new IllegalArgumentException("SPKI rsaEncryption parameters must be NULL");
    }
    if (info.getPublicKeyData().getPadBits() != 0) {
      throw new IllegalArgumentException("SPKI key bit string has pad bits");
    }
    org.bouncycastle.asn1.pkcs.RSAPublicKey rsa;
    try {
      rsa =
          org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(
              ASN1Primitive.fromByteArray(info.getPublicKeyData().getOctets()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("SPKI key is not a DER RSAPublicKey", e);
    }
    TokenPublicKey k = of(rsa.getModulus(), rsa.getPublicExponent());
    // Re-encoding must give back the input: rejects BER forms, non-minimal integers, trailing
    // bytes.
    if (!Arrays.equals(k.spki, der)) {
      throw new IllegalArgumentException("SPKI is not canonical DER");
    }
    return k;
  }

  /** A key from a JCA RSA public key (same checks as {@link #fromSpki}). */
  public static TokenPublicKey of(RSAPublicKey key) {
    if (key == null) {
      throw new IllegalArgumentException("RSA public key must not be null");
    }
    return of(key.getModulus(), key.getPublicExponent());
  }

  static TokenPublicKey of(BigInteger n, BigInteger e) {
    if (n == null || e == null) {
      throw new IllegalArgumentException("RSA modulus and exponent must not be null");
    }
    if (n.signum() <= 0 || !n.testBit(0)) {
      throw new IllegalArgumentException("token key modulus must be positive and odd");
    }
    if (n.bitLength() != MODULUS_BITS) {
      throw new IllegalArgumentException(
          "token key must be RSA-" + MODULUS_BITS + ", got a " + n.bitLength() + "-bit modulus");
    }
    if (!PUBLIC_EXPONENT.equals(e)) {
      throw new IllegalArgumentException("token key public exponent must be 65537, got " + e);
    }
    RSAPublicKey jca;
    try {
      jca = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException ex) {
      throw new IllegalArgumentException("JDK rejected the RSA public key", ex);
    }
    return new TokenPublicKey(jca, encodeSpki(n, e));
  }

  static byte[] encodeSpki(BigInteger n, BigInteger e) {
    try {
      return new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
              new org.bouncycastle.asn1.pkcs.RSAPublicKey(n, e))
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException ex) {
      throw new IllegalStateException("DER encoding of an RSA key failed", ex);
    }
  }

  /** Canonical SPKI DER. */
  public byte[] toSpki() {
    return spki.clone();
  }

  /** SHA-256(SPKI DER), the value bound into Q (docs/protocol.md §3). */
  public byte[] spkiSha256() {
    return Digest.sha256(spki).bytes();
  }

  /** The key as a JCA object (e.g. for {@link BlindRsaClient}). */
  public RSAPublicKey rsaPublicKey() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenPublicKey t && Arrays.equals(spki, t.spki);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(spki);
  }

  @Override
  public String toString() {
    return "TokenPublicKey{RSA-3072, spkiSha256=" + Hex.encode(spkiSha256()) + "}";
  }
}
