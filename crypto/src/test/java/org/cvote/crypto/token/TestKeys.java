package org.cvote.crypto.token;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;

/** Keys shared by the token tests (RSA-3072 generation costs ~0.5 s, so do it once per JVM). */
final class TestKeys {
  private TestKeys() {}

  static final SecureRandom RANDOM = new SecureRandom();

  private static final class Holder {
    static final TokenKeyPair A = TokenKeyPair.generate(RANDOM);
    static final TokenKeyPair B = TokenKeyPair.generate(RANDOM);
  }

  /** The main RSA-3072 token key. */
  static TokenKeyPair a() {
    return Holder.A;
  }

  /** A second, unrelated RSA-3072 token key. */
  static TokenKeyPair b() {
    return Holder.B;
  }

  static RSAPublicKey rsaPublic(BigInteger n, BigInteger e) throws Exception {
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
  }

  static RSAPrivateCrtKey rsaPrivate(BigInteger p, BigInteger q, BigInteger e, BigInteger d)
      throws Exception {
    BigInteger one = BigInteger.ONE;
    return (RSAPrivateCrtKey)
        KeyFactory.getInstance("RSA")
            .generatePrivate(
                new RSAPrivateCrtKeySpec(
                    p.multiply(q),
                    e,
                    d,
                    p,
                    q,
                    d.mod(p.subtract(one)),
                    d.mod(q.subtract(one)),
                    q.modInverse(p)));
  }

  static java.security.KeyPair jdkRsa(int bits, BigInteger e) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(new RSAKeyGenParameterSpec(bits, e), RANDOM);
    return g.generateKeyPair();
  }
}
