package org.cvote.crypto.token;

import java.util.Arrays;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * A prepared token message (docs/protocol.md §13 "Tokens (V4)"): exactly {@code prefix(32) ‖
 * "cvote/v1/token" ‖ I2OSP(len(pollId),2) ‖ pollId ‖ nonce(32)}. This is what the RSA blind
 * signature covers and what a ballot carries.
 *
 * <p>{@link #parse} is strict — one byte string has one reading — so a token cannot be re-encoded
 * into a second spendable form with a different {@link #spendKey()}.
 */
public final class PreparedToken {
  /** Length of the RFC 9474 random prefix added by Prepare. */
  public static final int PREFIX_LENGTH = BlindRsaVariant.PREFIX_LENGTH;

  /** Tag of τ (docs/protocol.md §6). */
  private static final int LITERAL_OFFSET = PREFIX_LENGTH;

  private static final int LENGTH_OFFSET = LITERAL_OFFSET + TokenMessage.LITERAL_BYTES.length;
  private static final int POLL_ID_OFFSET = LENGTH_OFFSET + 2;

  /** Shortest possible: a 1-byte pollId. */
  public static final int MIN_LENGTH = POLL_ID_OFFSET + 1 + TokenMessage.NONCE_LENGTH;

  private final byte[] prefix;
  private final TokenMessage message;

  private PreparedToken(byte[] prefix, TokenMessage message) {
    this.prefix = prefix;
    this.message = message;
  }

  /** prefix ‖ message. */
  public static PreparedToken of(byte[] prefix, TokenMessage message) {
    if (prefix == null) {
      throw new IllegalArgumentException("prefix must not be null");
    }
    if (message == null) {
      throw new IllegalArgumentException("token message must not be null");
    }
    if (prefix.length != PREFIX_LENGTH) {
      throw new IllegalArgumentException(
          "prefix must be " + PREFIX_LENGTH + " bytes, got " + prefix.length);
    }
    return new PreparedToken(prefix.clone(), message);
  }

  /**
   * Parses and checks a prepared message for the poll {@code expectedPollId}.
   *
   * @throws IllegalArgumentException naming the first defect: too short, literal missing, zero or
   *     inconsistent pollId length (truncated or trailing bytes), or a token of another poll
   */
  public static PreparedToken parse(byte[] prepared, String expectedPollId) {
    if (prepared == null) {
      throw new IllegalArgumentException("prepared token must not be null");
    }
    byte[] expectedId = TokenMessage.pollIdUtf8(expectedPollId);
    if (prepared.length < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "prepared token too short: "
              + prepared.length
              + " bytes, at least "
              + MIN_LENGTH
              + " expected");
    }
    if (!Arrays.equals(
        prepared,
        LITERAL_OFFSET,
        LENGTH_OFFSET,
        TokenMessage.LITERAL_BYTES,
        0,
        TokenMessage.LITERAL_BYTES.length)) {
      throw new IllegalArgumentException(
          "prepared token lacks the literal \""
              + TokenMessage.LITERAL
              + "\" after the "
              + PREFIX_LENGTH
              + "-byte prefix");
    }
    int idLen = ((prepared[LENGTH_OFFSET] & 0xFF) << 8) | (prepared[LENGTH_OFFSET + 1] & 0xFF);
    if (idLen == 0) {
      throw new IllegalArgumentException("prepared token has an empty pollId");
    }
    int expectedLength = POLL_ID_OFFSET + idLen + TokenMessage.NONCE_LENGTH;
    if (prepared.length < expectedLength) {
      throw new IllegalArgumentException(
          "prepared token truncated: pollId length "
              + idLen
              + " needs "
              + expectedLength
              + " bytes, got "
              + prepared.length);
    }
    if (prepared.length > expectedLength) {
      throw new IllegalArgumentException(
          "prepared token has "
              + (prepared.length - expectedLength)
              + " trailing bytes after the "
              + TokenMessage.NONCE_LENGTH
              + "-byte nonce");
    }
    if (!Arrays.equals(
        prepared, POLL_ID_OFFSET, POLL_ID_OFFSET + idLen, expectedId, 0, expectedId.length)) {
      throw new IllegalArgumentException(
          "token belongs to another poll (pollId is not \"" + expectedPollId + "\")");
    }
    byte[] prefix = Arrays.copyOfRange(prepared, 0, PREFIX_LENGTH);
    byte[] nonce = Arrays.copyOfRange(prepared, POLL_ID_OFFSET + idLen, expectedLength);
    return new PreparedToken(prefix, TokenMessage.create(expectedPollId, nonce));
  }

  /** The spend key of a prepared message: SHA-256(prepared), 32 bytes — the DB's unique key. */
  public static byte[] spendKeyOf(byte[] prepared) {
    if (prepared == null) {
      throw new IllegalArgumentException("prepared token must not be null");
    }
    return Digest.sha256(prepared).bytes();
  }

  public byte[] prefix() {
    return prefix.clone();
  }

  public TokenMessage message() {
    return message;
  }

  public String pollId() {
    return message.pollId();
  }

  /** The exact prepared bytes: prefix ‖ message. */
  public byte[] toBytes() {
    byte[] m = message.toBytes();
    byte[] out = new byte[PREFIX_LENGTH + m.length];
    System.arraycopy(prefix, 0, out, 0, PREFIX_LENGTH);
    System.arraycopy(m, 0, out, PREFIX_LENGTH, m.length);
    return out;
  }

  /** SHA-256(prepared message): the unique key that marks the token spent. */
  public byte[] spendKey() {
    return Digest.sha256(toBytes()).bytes();
  }

  /** τ = H("cvote/v1/token", prepared message) (docs/protocol.md §2, §6). */
  public byte[] tau() {
    return Transcript.of(Tag.TOKEN).bytes(toBytes()).digest().bytes();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreparedToken t
        && Arrays.equals(prefix, t.prefix)
        && message.equals(t.message);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(prefix) + message.hashCode();
  }

  /** Shows only the poll: the bytes would link the voter's issuance to the ballot. */
  @Override
  public String toString() {
    return "PreparedToken{pollId="
        + message.pollId()
        + ", "
        + (PREFIX_LENGTH + message.toBytes().length)
        + " bytes}";
  }
}
