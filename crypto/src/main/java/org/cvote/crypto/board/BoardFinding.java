package org.cvote.crypto.board;

import java.util.Objects;
import org.cvote.crypto.ballot.BallotVerifier;

/**
 * One thing wrong with a board, typed: the ballot's board index (its ballots.ndjson line; 0 for the
 * board as a whole), the check of docs/protocol.md §11 it fails, the field inside the ballot (""
 * for the whole ballot) and a message. {@code checked} is false when the check could not run at all
 * (an input it needs is broken).
 */
public record BoardFinding(
    int index, CheckId check, String field, String message, boolean checked) {
  public BoardFinding {
    if (index < 0) {
      throw new IllegalArgumentException("a board index is ≥ 0, got " + index);
    }
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** A failed check. */
  public static BoardFinding failed(int index, CheckId check, String field, String message) {
    return new BoardFinding(index, check, field, message, true);
  }

  /** A check that could not run on this ballot. */
  public static BoardFinding unchecked(int index, CheckId check, String field, String message) {
    return new BoardFinding(index, check, field, message, false);
  }

  /**
   * A single ballot's problem, under the check the record verification files it: poll V4, shape V1,
   * proof V5.
   */
  public static BoardFinding of(int index, BallotVerifier.Problem p) {
    CheckId check =
        switch (p.kind()) {
          case POLL -> CheckId.V4;
          case SHAPE, PROOF_SHAPE -> CheckId.V1;
          case PROOF -> CheckId.V5;
        };
    return failed(index, check, p.field(), p.message());
  }
}
