package org.cvote.crypto.token;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/** Validation and JCA → Bouncy Castle conversion of RSA keys for the generic RFC 9474 layer. */
final class RsaKeys {
  /** Below this the generic layer refuses a key; the token layer further pins 3072 bits. */
  static final int MIN_MODULUS_BITS = 2048;

  static final int MAX_MODULUS_BITS = 16384;

  private RsaKeys() {}

  /** Checks the public parameters any RFC 9474 key must have and returns them for BC. */
  static RSAKeyParameters publicParams(RSAPublicKey key) {
    if (key == null) {
      throw new IllegalArgumentException("RSA public key must not be null");
    }
    BigInteger n = key.getModulus();
    BigInteger e = key.getPublicExponent();
    checkPublic(n, e);
    return new RSAKeyParameters(false, n, e);
  }

  static void checkPublic(BigInteger n, BigInteger e) {
    if (n == null || e == null) {
      throw new IllegalArgumentException("RSA modulus and exponent must not be null");
    }
    if (n.signum() <= 0 || !n.testBit(0)) {
      throw new IllegalArgumentException("RSA modulus must be positive and odd");
    }
    int bits = n.bitLength();
    if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
      throw new IllegalArgumentException(
          "RSA modulus must have "
              + MIN_MODULUS_BITS
              + ".."
              + MAX_MODULUS_BITS
              + " bits, got "
              + bits);
    }
    if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.compareTo(n) >= 0) {
      throw new IllegalArgumentException("RSA public exponent must be odd, >= 3 and < n");
    }
  }

  /**
   * Checks a CRT private key for internal consistency (so a corrupted or mismatched key store entry
   * is caught at load time rather than by a faulty signature) and returns it for BC.
   */
  static RSAPrivateCrtKeyParameters privateParams(RSAPrivateCrtKey key) {
    if (key == null) {
      throw new IllegalArgumentException("RSA private key must not be null");
    }
    BigInteger n = key.getModulus();
    BigInteger e = key.getPublicExponent();
    BigInteger d = key.getPrivateExponent();
    BigInteger p = key.getPrimeP();
    BigInteger q = key.getPrimeQ();
    BigInteger dp = key.getPrimeExponentP();
    BigInteger dq = key.getPrimeExponentQ();
    BigInteger qInv = key.getCrtCoefficient();
    if (e == null
        || d == null
        || p == null
        || q == null
        || dp == null
        || dq == null
        || qInv == null) {
      throw new IllegalArgumentException("RSA private key must carry all CRT parameters");
    }
    checkPublic(n, e);
    BigInteger one = BigInteger.ONE;
    BigInteger p1 = p.subtract(one);
    BigInteger q1 = q.subtract(one);
    if (p.compareTo(one) <= 0 || q.compareTo(one) <= 0 || !p.multiply(q).equals(n)) {
      throw new IllegalArgumentException("RSA private key is inconsistent: p * q != n");
    }
    if (!e.multiply(d).mod(p1).equals(one) || !e.multiply(d).mod(q1).equals(one)) {
      throw new IllegalArgumentException(
          "RSA private key is inconsistent: e * d != 1 mod (p-1), (q-1)");
    }
    if (!d.mod(p1).equals(dp) || !d.mod(q1).equals(dq)) {
      throw new IllegalArgumentException("RSA private key is inconsistent: wrong CRT exponents");
    }
    if (!q.multiply(qInv).mod(p).equals(one)) {
      throw new IllegalArgumentException("RSA private key is inconsistent: wrong CRT coefficient");
    }
    return new RSAPrivateCrtKeyParameters(n, e, d, p, q, dp, dq, qInv);
  }

  /** Modulus length in bytes, the "modulus_len" of RFC 9474. */
  static int modulusLength(BigInteger n) {
    return (n.bitLength() + 7) / 8;
  }
}
