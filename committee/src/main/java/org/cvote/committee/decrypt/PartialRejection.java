package org.cvote.committee.decrypt;

import java.util.Objects;

/**
 * Why a partial decryption is refused (docs/protocol.md §9.3), typed: the server answers 403 for a
 * sender who is not who it claims ({@link Reason#forbidden()}) and 400 for a member's bad work,
 * without reading the message.
 */
public record PartialRejection(Reason reason, String message) {
  public PartialRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public enum Reason {
    NOT_ON_COMMITTEE,
    BAD_SIGNATURE,
    WRONG_COUNT,
    WRONG_HEAD,
    WRONG_SHARES,
    BAD_PROOF;

    /** The sender is not (or cannot prove to be) the member it names. */
    public boolean forbidden() {
      return this == NOT_ON_COMMITTEE || this == BAD_SIGNATURE;
    }
  }

  @Override
  public String toString() {
    return message;
  }
}
