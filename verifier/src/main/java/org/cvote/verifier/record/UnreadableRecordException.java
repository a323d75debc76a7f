package org.cvote.verifier.record;

/** The record cannot be read at all (docs/protocol.md §13): exit status 2. */
public final class UnreadableRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnreadableRecordException(String message) {
    super(message);
  }

  public UnreadableRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
