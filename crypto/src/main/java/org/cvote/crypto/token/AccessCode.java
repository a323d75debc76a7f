package org.cvote.crypto.token;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * A voter's one-time access code for one poll: 80 random bits written as 16 Crockford base32
 * characters plus one check character, displayed {@code XXXX-XXXX-XXXX-XXXX-C}. The code is a
 * secret: {@link #toString()} never shows it, {@link #display()} is for printing it for the voter,
 * and the database keeps only {@link #hash()}.
 *
 * <p><b>Alphabet</b> (Crockford): {@code 0123456789ABCDEFGHJKMNPQRSTVWXYZ}, values 0..31. Parsing
 * is case-insensitive, ignores spaces and hyphens, reads I and L as 1 and O as 0, and rejects U.
 *
 * <p><b>Check character</b> (our scheme, chosen over Crockford's mod-37 so that the check is typed
 * from the same 32 characters — no {@code * ~ $ =}): each character's value v is an element of
 * GF(32) = GF(2)[x]/(x⁵ + x² + 1). For the 17 values v₀..v₁₆ (v₁₆ = check) we require Σ vᵢ·x^(16−i)
 * = 0, i.e. {@code s = 0; for each data value v: s = (s XOR v)·x; check = s}, where multiplying by
 * x is a left shift by one bit, XOR 0b100101 if bit 5 is set. Because the weights x⁰..x¹⁶ are
 * distinct and non-zero, this detects <em>every</em> single-character substitution and
 * <em>every</em> swap of two different characters (adjacent or not).
 *
 * <p><b>Hash</b>: H("cvote/v1/access-code", the 17 canonical ASCII characters) with the H of
 * docs/protocol.md §2. With 80 bits of entropy an unsalted hash cannot be searched.
 */
public final class AccessCode {
  /** Crockford's base32 alphabet. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  /** Random bits per code. */
  public static final int ENTROPY_BITS = 80;

  /** Data characters (5 bits each). */
  public static final int DATA_LENGTH = ENTROPY_BITS / 5;

  /** Data characters plus the check character. */
  public static final int LENGTH = DATA_LENGTH + 1;

  /** Tag of {@link #hash()}. */
  private static final int ENTROPY_BYTES = ENTROPY_BITS / 8;

  /** x⁵ + x² + 1, a primitive polynomial, so x has order 31 > 17. */
  private static final int GF32_POLY = 0b100101;

  /** The 17 canonical characters (data then check), upper case. */
  private final byte[] canonical;

  private AccessCode(byte[] canonical) {
    this.canonical = canonical;
  }

  /** A fresh code from 80 bits of {@code random}. */
  public static AccessCode generate(SecureRandom random) {
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    byte[] entropy = new byte[ENTROPY_BYTES];
    random.nextBytes(entropy);
    return fromEntropy(entropy);
  }

  /** The code whose data characters are the 80 bits of {@code entropy}, big-endian, 5 at a time. */
  static AccessCode fromEntropy(byte[] entropy) {
    if (entropy == null || entropy.length != ENTROPY_BYTES) {
      throw new IllegalArgumentException("entropy must be " + ENTROPY_BYTES + " bytes");
    }
    int[] values = new int[DATA_LENGTH];
    for (int i = 0; i < DATA_LENGTH; i++) {
      int v = 0;
      for (int b = 0; b < 5; b++) {
        int bit = i * 5 + b;
        v = (v << 1) | ((entropy[bit >>> 3] >>> (7 - (bit & 7))) & 1);
      }
      values[i] = v;
    }
    byte[] c = new byte[LENGTH];
    for (int i = 0; i < DATA_LENGTH; i++) {
      c[i] = (byte) ALPHABET.charAt(values[i]);
    }
    c[DATA_LENGTH] = (byte) ALPHABET.charAt(checkValue(values));
    return new AccessCode(c);
  }

  /**
   * Parses a code as typed by a voter.
   *
   * @throws IllegalArgumentException with distinct messages for: null, an invalid character (its
   *     position is given), 'U', a wrong number of characters, and a failed check (a typo)
   */
  public static AccessCode parse(String typed) {
    if (typed == null) {
      throw new IllegalArgumentException("access code must not be null");
    }
    int[] values = new int[LENGTH];
    int count = 0;
    for (int i = 0; i < typed.length(); i++) {
      char ch = typed.charAt(i);
      if (ch == '-' || Character.isWhitespace(ch) || Character.isSpaceChar(ch)) {
        continue;
      }
      int v = value(ch);
      if (v == -2) {
        throw new IllegalArgumentException(
            "access code contains U (at character "
                + (count + 1)
                + "), which access codes never use");
      }
      if (v < 0) {
        throw new IllegalArgumentException(
            "access code contains an invalid character "
                + describe(ch)
                + " at character "
                + (count + 1));
      }
      if (count < LENGTH) {
        values[count] = v;
      }
      count++;
    }
    if (count != LENGTH) {
      throw new IllegalArgumentException(
          "access code must have "
              + LENGTH
              + " characters ("
              + DATA_LENGTH
              + " + 1 check), got "
              + count);
    }
    if (checkValue(Arrays.copyOf(values, DATA_LENGTH)) != values[DATA_LENGTH]) {
      throw new IllegalArgumentException("access code check failed: a character is mistyped");
    }
    byte[] c = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      c[i] = (byte) ALPHABET.charAt(values[i]);
    }
    return new AccessCode(c);
  }

  /** Value of a typed character; -1 if invalid, -2 for U. */
  private static int value(char ch) {
    if (ch > 0x7F) {
      return -1;
    }
    char u = Character.toUpperCase(ch);
    switch (u) {
      case 'I', 'L' -> u = '1';
      case 'O' -> u = '0';
      case 'U' -> {
        return -2;
      }
      default -> {}
    }
    return ALPHABET.indexOf(u);
  }

  private static String describe(char ch) {
    return (ch >= 0x21 && ch <= 0x7E) ? "'" + ch + "'" : String.format("U+%04X", (int) ch);
  }

  /** Check value: s = 0; for each v: s = (s XOR v)·x in GF(32). */
  static int checkValue(int[] data) {
    int s = 0;
    for (int v : data) {
      s = timesX(s ^ v);
    }
    return s;
  }

  private static int timesX(int a) {
    a <<= 1;
    return (a & 0b100000) != 0 ? a ^ GF32_POLY : a;
  }

  /** The code for the voter, e.g. {@code 7K3M-Q9XA-0ZRT-W4HD-N}. Secret. */
  public String display() {
    StringBuilder sb = new StringBuilder(LENGTH + 4);
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % 4 == 0) {
        sb.append('-');
      }
      sb.append((char) canonical[i]);
    }
    return sb.toString();
  }

  /** H("cvote/v1/access-code", canonical 17 characters): what the database stores. */
  public byte[] hash() {
    return Transcript.of(Tag.ACCESS_CODE).bytes(canonical).digest().bytes();
  }

  /** Constant-time comparison of this code's hash with a stored one. */
  public boolean matchesHash(byte[] storedHash) {
    if (storedHash == null) {
      throw new IllegalArgumentException("stored hash must not be null");
    }
    return MessageDigest.isEqual(hash(), storedHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessCode a && MessageDigest.isEqual(canonical, a.canonical);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash());
  }

  /** Never the code itself. */
  @Override
  public String toString() {
    return "AccessCode{<secret>}";
  }
}
