package org.cvote.verifier.checks;

import java.security.GeneralSecurityException;

/**
 * V4's per-token check (docs/protocol.md §6, §13): the signature is exactly 384 bytes, the prepared
 * message has the exact structure with this poll's pollId, and the signature is RSASSA-PSS
 * (SHA-384, MGF1-SHA-384, salt 48) over the prepared message. Pluggable so the crypto module's RFC
 * 9474 classes can be used. Implementations are thread-safe.
 */
public interface TokenCheck {
  /** Throws with the reason when the token is not valid for the poll. */
  void verify(byte[] preparedMessage, byte[] signature) throws GeneralSecurityException;
}
