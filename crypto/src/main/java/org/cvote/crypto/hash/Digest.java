package org.cvote.crypto.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.cvote.crypto.encoding.EncodingException;
import org.cvote.crypto.encoding.Hex;

/** A 32-byte SHA-256 value (a hash input or output of docs/protocol.md §2). Immutable. */
public final class Digest {
  public static final int BYTES = 32;
  private final byte[] bytes;

  private Digest(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Digest of(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new EncodingException(
          "hash must be 32 bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new Digest(bytes.clone());
  }

  public static Digest fromHex(String hex) {
    return new Digest(Hex.decode(hex, BYTES));
  }

  /** Plain SHA-256 of some bytes (file hashes, key hashes, token spend keys). */
  public static Digest sha256(byte[] data) {
    Objects.requireNonNull(data, "data");
    try {
      return new Digest(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] view() {
    return bytes;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  /** Hex digits in a fingerprint read aloud (64 bits: the poll, head and key fingerprints). */
  public static final int FINGERPRINT_HEX = 16;

  /**
   * The digest's first 16 hex digits, upper case, in groups of 4 ("1A2B 3C4D 5E6F 7081"): the form
   * read aloud in the hall (docs/protocol.md §7.6, §8.9, §9.5).
   */
  public String fingerprint() {
    String hex = toHex().substring(0, FINGERPRINT_HEX).toUpperCase(java.util.Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      sb.append(i > 0 ? " " : "").append(hex, i, i + 4);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest d && MessageDigest.isEqual(d.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
