package org.cvote.crypto.encoding;

/**
 * A value that does not have the one canonical encoding of docs/protocol.md §1. Unchecked so that
 * decoders can be used in streams; callers at a trust boundary (HTTP, record reader) catch it and
 * report the field it came from.
 */
public final class EncodingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public EncodingException(String message) {
    super(message);
  }
}
