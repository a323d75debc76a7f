package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * The closing statement (docs/protocol.md §9.5): at the close the server fixes the board it will
 * have decrypted, as its number of ballots N and its last chain value T_N (T_0 when N = 0), and
 * signs C = H("cvote/v1/closing", pollId, Q, I2OSP(N,4), T_N) with the record key (plain RFC 8032
 * Ed25519 over the 32 bytes of C). N and a short fingerprint of T_N are read aloud in the hall; a
 * member decrypts only a board that ends at a statement carrying the figures announced there.
 */
@JsonPropertyOrder({"poll", "Q", "count", "head", "signature"})
public record ClosingStatement(
    String poll, @JsonProperty("Q") Digest q, long count, Digest head, byte[] signature) {
  /**
   * Characters of hex shown in the head fingerprint (as in the poll fingerprint: 16 hex digits,
   * grouped by 4).
   */
  public static final int FINGERPRINT_HEX = Digest.FINGERPRINT_HEX;

  public ClosingStatement {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(q, "Q");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(signature, "signature");
    if (count < 0 || count > 0xffffffffL) {
      throw new IllegalArgumentException("invalid count: must be in [0, 2^32 − 1], got " + count);
    }
    if (signature.length != RecordSignature.SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          "invalid signature: an Ed25519 signature is 64 bytes, got " + signature.length);
    }
    signature = signature.clone();
  }

  @Override
  @JsonProperty("Q")
  public Digest q() {
    return q;
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * C = H("cvote/v1/closing", pollId (UTF-8, NFC), Q, I2OSP(N,4), T_N): the 32 bytes the record key
   * signs.
   */
  public static Digest digest(String poll, Digest q, long count, Digest head) {
    return Transcript.of(Tag.CLOSING).string(poll).hash(q).integer(count).hash(head).digest();
  }

  public Digest digest() {
    return digest(poll, q, count, head);
  }

  /**
   * Signs (poll, Q, N, T_N); the signer gets the 32-byte digest C and returns a 64-byte Ed25519
   * signature.
   */
  public static ClosingStatement sign(
      String poll, Digest q, long count, Digest head, Function<Digest, byte[]> signer) {
    return new ClosingStatement(poll, q, count, head, signer.apply(digest(poll, q, count, head)));
  }

  /**
   * True when the signature is the record key's (raw 32-byte Ed25519 public key) over {@link
   * #digest()}.
   */
  public boolean verify(byte[] recordKey) {
    return RecordSignature.verify(recordKey, digest(), signature);
  }

  /**
   * The head fingerprint read aloud: T_N's first 16 hex digits, upper case, in groups of 4 ("1A2B
   * 3C4D 5E6F 7081").
   */
  public static String fingerprint(Digest head) {
    return head.fingerprint();
  }

  public String headFingerprint() {
    return fingerprint(head);
  }

  /**
   * True when {@code typed} names this head: at least the 16 fingerprint digits, more allowed (up
   * to all 64), compared case-insensitively with spaces and dashes ignored.
   */
  public static boolean matchesFingerprint(Digest head, String typed) {
    if (typed == null) {
      return false;
    }
    String t = typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    return t.length() >= FINGERPRINT_HEX && t.length() <= 64 && head.toHex().startsWith(t);
  }
}
