package org.cvote.crypto.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small byte helpers shared by this package (I2OSP/OS2IP, SHA-256). */
final class Bytes {
  private Bytes() {}

  /** I2OSP(x, len): x as exactly {@code len} big-endian bytes; x must fit. */
  static byte[] i2osp(BigInteger x, int len) {
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

  /** OS2IP: unsigned big-endian. */
  static BigInteger os2ip(byte[] b) {
    return new BigInteger(1, b);
  }

  static byte[] sha256(byte[] data) {
    return digest("SHA-256").digest(data);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static MessageDigest digest(String alg) {
    try {
      return MessageDigest.getInstance(alg);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " missing from the JDK", e);
    }
  }
}
