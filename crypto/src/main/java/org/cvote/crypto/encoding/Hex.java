package org.cvote.crypto.encoding;

import java.util.Objects;

/**
 * Strict lowercase hex (docs/protocol.md §1): even length, digits 0-9a-f only, no prefix, no
 * spaces. One value, one encoding — so a record cannot be re-encoded under the same hashes.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** Decodes strict lowercase hex; throws {@link EncodingException} on anything else. */
  public static byte[] decode(String hex) {
    if (hex == null) {
      throw new EncodingException("hex value is missing");
    }
    int n = hex.length();
    if ((n & 1) != 0) {
      throw new EncodingException("hex value has odd length " + n);
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < n; i += 2) {
      out[i / 2] = (byte) ((digit(hex, i) << 4) | digit(hex, i + 1));
    }
    return out;
  }

  /**
   * Decodes strict lowercase hex, or returns null when the text is absent or not such hex: for
   * request fields, where the caller names the field in its own refusal.
   */
  public static byte[] decodeOrNull(String hex) {
    try {
      return decode(hex);
    } catch (EncodingException e) {
      return null;
    }
  }

  /** Decodes strict hex of exactly {@code length} bytes. */
  public static byte[] decode(String hex, int length) {
    byte[] out = decode(hex);
    if (out.length != length) {
      throw new EncodingException("expected " + length + " bytes of hex, got " + out.length);
    }
    return out;
  }

  private static int digit(String s, int i) {
    char c = s.charAt(i);
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    throw new EncodingException("not lowercase hex at position " + i);
  }
}
