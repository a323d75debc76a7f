package org.cvote.crypto.token;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The token message of docs/protocol.md §6: {@code "cvote/v1/token" ‖ I2OSP(len(pollId),2) ‖ pollId
 * ‖ nonce}, pollId in UTF-8, nonce 32 random bytes. Binding the pollId makes a token of one poll
 * worthless in another even if the keys were ever shared. This is the RFC 9474 {@code msg}; the
 * signed value is the prepared message ({@link PreparedToken}).
 */
public final class TokenMessage {
  /** The literal that starts every token message (ASCII). */
  public static final String LITERAL = "cvote/v1/token";

  /** Length of the random nonce that ends the message. */
  public static final int NONCE_LENGTH = 32;

  static final byte[] LITERAL_BYTES = LITERAL.getBytes(StandardCharsets.US_ASCII);

  /** The pollId length is a 2-byte field. */
  public static final int MAX_POLL_ID_BYTES = 0xFFFF;

  private final String pollId;
  private final byte[] pollIdUtf8;
  private final byte[] nonce;

  private TokenMessage(String pollId, byte[] pollIdUtf8, byte[] nonce) {
    this.pollId = pollId;
    this.pollIdUtf8 = pollIdUtf8;
    this.nonce = nonce;
  }

  /**
   * The message for {@code pollId} with the given nonce.
   *
   * @throws IllegalArgumentException if pollId is null, empty, not well-formed Unicode, longer than
   *     65535 UTF-8 bytes, or the nonce is null or not exactly 32 bytes
   */
  public static TokenMessage create(String pollId, byte[] nonce) {
    byte[] id = pollIdUtf8(pollId);
    if (nonce == null) {
      throw new IllegalArgumentException("nonce must not be null");
    }
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "nonce must be " + NONCE_LENGTH + " bytes, got " + nonce.length);
    }
    return new TokenMessage(pollId, id, nonce.clone());
  }

  /** The message for {@code pollId} with a fresh 32-byte nonce from {@code random}. */
  public static TokenMessage random(String pollId, SecureRandom random) {
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    return create(pollId, nonce);
  }

  /**
   * The pollId as UTF-8, strictly: a lone surrogate would otherwise be replaced by '?', and two
   * different strings would then bind to the same poll.
   */
  static byte[] pollIdUtf8(String pollId) {
    if (pollId == null) {
      throw new IllegalArgumentException("pollId must not be null");
    }
    if (pollId.isEmpty()) {
      throw new IllegalArgumentException("pollId must not be empty");
    }
    byte[] id;
    try {
      ByteBuffer bb =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(pollId));
      id = Arrays.copyOf(bb.array(), bb.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("pollId is not well-formed Unicode (lone surrogate)", e);
    }
    if (id.length > MAX_POLL_ID_BYTES) {
      throw new IllegalArgumentException(
          "pollId must be at most " + MAX_POLL_ID_BYTES + " UTF-8 bytes, got " + id.length);
    }
    return id;
  }

  public String pollId() {
    return pollId;
  }

  public byte[] nonce() {
    return nonce.clone();
  }

  /** The encoded message: "cvote/v1/token" ‖ I2OSP(len,2) ‖ pollId ‖ nonce. */
  public byte[] toBytes() {
    int l = pollIdUtf8.length;
    byte[] out = new byte[LITERAL_BYTES.length + 2 + l + NONCE_LENGTH];
    int o = 0;
    System.arraycopy(LITERAL_BYTES, 0, out, o, LITERAL_BYTES.length);
    o += LITERAL_BYTES.length;
    out[o++] = (byte) (l >>> 8);
    out[o++] = (byte) l;
    System.arraycopy(pollIdUtf8, 0, out, o, l);
    o += l;
    System.arraycopy(nonce, 0, out, o, NONCE_LENGTH);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenMessage t && pollId.equals(t.pollId) && Arrays.equals(nonce, t.nonce);
  }

  @Override
  public int hashCode() {
    return 31 * pollId.hashCode() + Arrays.hashCode(nonce);
  }

  /** The nonce is not shown: together with the prefix it identifies the voter's token. */
  @Override
  public String toString() {
    return "TokenMessage{pollId=" + pollId + ", nonce=<" + NONCE_LENGTH + " bytes>}";
  }
}
