package org.cvote.crypto.token;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * A poll's token signing key: RSA-3072, e = 65537, used for nothing else (docs/protocol.md §6). The
 * private key is exported only as PKCS#8 DER for the server to encrypt at rest; {@link #toString()}
 * never shows it.
 */
public final class TokenKeyPair {
  private final RSAPrivateCrtKey privateKey;
  private final TokenPublicKey publicKey;

  private TokenKeyPair(RSAPrivateCrtKey privateKey, TokenPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** Generates a fresh RSA-3072 key with e = 65537 (JDK's SunRsaSign generator). */
  public static TokenKeyPair generate(SecureRandom random) {
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    KeyPair kp;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(
          new RSAKeyGenParameterSpec(TokenPublicKey.MODULUS_BITS, TokenPublicKey.PUBLIC_EXPONENT),
          random);
      kp = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation unavailable", e);
    }
    return of((RSAPrivateCrtKey) kp.getPrivate());
  }

  /** Wraps a JCA CRT private key after checking size, exponent and CRT consistency. */
  public static TokenKeyPair of(RSAPrivateCrtKey privateKey) {
    if (privateKey == null) {
      throw new IllegalArgumentException("private key must not be null");
    }
    TokenPublicKey pub = TokenPublicKey.of(privateKey.getModulus(), privateKey.getPublicExponent());
    RsaKeys.privateParams(privateKey);
    return new TokenKeyPair(privateKey, pub);
  }

  /**
   * Loads a key exported by {@link #toPkcs8()}.
   *
   * @throws IllegalArgumentException if the bytes are not canonical DER PKCS#8 of a two-prime
   *     rsaEncryption key, or the key is not a consistent RSA-3072 key with e = 65537
   */
  public static TokenKeyPair fromPkcs8(byte[] der) {
    if (der == null) {
      throw new IllegalArgumentException("PKCS#8 must not be null");
    }
    PrivateKeyInfo info;
    RSAPrivateKey rsa;
    try {
      info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
      if (info == null) {
        throw new IllegalArgumentException("empty");
      }
      rsa = RSAPrivateKey.getInstance(info.parsePrivateKey());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "PKCS#8 is not a DER PrivateKeyInfo holding an RSA key", e);
    }
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw new IllegalArgumentException("PKCS#8 algorithm must be rsaEncryption");
    }
    if (!BigInteger.ZERO.equals(rsa.getVersion())) {
      throw new IllegalArgumentException("PKCS#8 RSA key must be two-prime (version 0)");
    }
    byte[] canonical = encodePkcs8(rsa);
    if (!Arrays.equals(canonical, der)) {
      throw new IllegalArgumentException("PKCS#8 is not canonical DER (or carries attributes)");
    }
    RSAPrivateCrtKey key;
    try {
      key =
          (RSAPrivateCrtKey)
              KeyFactory.getInstance("RSA")
                  .generatePrivate(
                      new RSAPrivateCrtKeySpec(
                          rsa.getModulus(),
                          rsa.getPublicExponent(),
                          rsa.getPrivateExponent(),
                          rsa.getPrime1(),
                          rsa.getPrime2(),
                          rsa.getExponent1(),
                          rsa.getExponent2(),
                          rsa.getCoefficient()));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("JDK rejected the RSA private key", e);
    }
    return of(key);
  }

  private static byte[] encodePkcs8(RSAPrivateKey rsa) {
    try {
      return new PrivateKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa)
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of an RSA private key failed", e);
    }
  }

  /** The private key as canonical PKCS#8 DER. Secret: encrypt before storing. */
  public byte[] toPkcs8() {
    RSAPrivateCrtKey k = privateKey;
    return encodePkcs8(
        new RSAPrivateKey(
            k.getModulus(),
            k.getPublicExponent(),
            k.getPrivateExponent(),
            k.getPrimeP(),
            k.getPrimeQ(),
            k.getPrimeExponentP(),
            k.getPrimeExponentQ(),
            k.getCrtCoefficient()));
  }

  public TokenPublicKey publicKey() {
    return publicKey;
  }

  RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "TokenKeyPair{public=" + publicKey + ", private=<secret>}";
  }
}
