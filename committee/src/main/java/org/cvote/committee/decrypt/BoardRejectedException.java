package org.cvote.committee.decrypt;

import java.util.List;
import org.cvote.crypto.board.BoardFinding;

/**
 * The board failed a member's checks: nothing is decrypted. Lists every problem found, typed
 * (ballot index, check id, field, message; index 0 for the board as a whole).
 */
public class BoardRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<BoardFinding> problems;

  public BoardRejectedException(List<BoardFinding> problems) {
    super("the board does not verify; refusing to decrypt: " + summary(problems));
    this.problems = List.copyOf(problems);
  }

  public List<BoardFinding> problems() {
    return problems;
  }

  /** "ballot 7 token: message", or "board head: message" for the board as a whole. */
  public static String describe(BoardFinding f) {
    return (f.index() > 0 ? "ballot " + f.index() : "board")
        + (f.field().isEmpty() ? "" : " " + f.field())
        + ": "
        + f.message();
  }

  private static String summary(List<BoardFinding> ps) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ps.size() && i < 5; i++) {
      sb.append(i > 0 ? "; " : "").append(describe(ps.get(i)));
    }
    if (ps.size() > 5) {
      sb.append("; and ").append(ps.size() - 5).append(" more");
    }
    return sb.toString();
  }
}
