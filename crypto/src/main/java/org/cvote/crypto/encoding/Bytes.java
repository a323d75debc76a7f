package org.cvote.crypto.encoding;

import java.math.BigInteger;

/**
 * I2OSP, OS2IP and small byte helpers of docs/protocol.md's notation (and RFC 8017's, for the
 * token's RSA).
 */
public final class Bytes {
  private Bytes() {}

  /** I2OSP(x, n): x as n bytes big-endian; x must fit. */
  public static byte[] i2osp(long x, int n) {
    if (n < 1 || n > 8) {
      throw new IllegalArgumentException("I2OSP length must be 1..8, got " + n);
    }
    if (x < 0 || (n < 8 && x >>> (8 * n) != 0)) {
      throw new IllegalArgumentException("value " + x + " does not fit in " + n + " bytes");
    }
    byte[] out = new byte[n];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = (byte) x;
      x >>>= 8;
    }
    return out;
  }

  /**
   * I2OSP(x, len) of RFC 8017 for a non-negative integer: exactly {@code len} big-endian bytes; x
   * must fit.
   */
  public static byte[] i2osp(BigInteger x, int len) {
    if (x.signum() < 0) {
      throw new IllegalArgumentException("I2OSP of a negative integer");
    }
    byte[] raw = x.toByteArray();
    int start = (raw.length > 1 && raw[0] == 0) ? 1 : 0;
    int n = raw.length - start;
    if (n > len) {
      throw new IllegalArgumentException("integer too large for " + len + " bytes");
    }
    byte[] out = new byte[len];
    System.arraycopy(raw, start, out, len - n, n);
    return out;
  }

  /** OS2IP of RFC 8017: the bytes as an unsigned big-endian integer. */
  public static BigInteger os2ip(byte[] b) {
    return new BigInteger(1, b);
  }

  public static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] out = new byte[len];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
