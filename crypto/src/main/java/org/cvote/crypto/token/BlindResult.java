package org.cvote.crypto.token;

/**
 * Output of Blind: the blinded message (sent to the signer; it reveals nothing about the message)
 * and the {@link BlindingState} the client keeps to finalize the signature.
 */
public final class BlindResult {
  private final byte[] blindedMessage;
  private final BlindingState state;

  BlindResult(byte[] blindedMessage, BlindingState state) {
    this.blindedMessage = blindedMessage;
    this.state = state;
  }

  /** The blinded message, exactly modulus_len bytes. */
  public byte[] blindedMessage() {
    return blindedMessage.clone();
  }

  /** The secret state needed by Finalize. */
  public BlindingState state() {
    return state;
  }

  @Override
  public String toString() {
    return "BlindResult{blindedMessage=" + blindedMessage.length + " bytes, state=" + state + "}";
  }
}
