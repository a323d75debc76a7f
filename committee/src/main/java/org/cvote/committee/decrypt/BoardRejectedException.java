package org.cvote.committee.decrypt;

import java.util.List;

/** The board failed a member's checks: nothing is decrypted. Lists every problem found (ballot index, field, message). */
public class BoardRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public record Problem(int index, String field, String message) {
        @Override
        public String toString() {
            return (index > 0 ? "ballot " + index : "board") + (field == null || field.isEmpty() ? "" : " " + field) + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public BoardRejectedException(List<Problem> problems) {
        super("the board does not verify; refusing to decrypt: " + summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> ps) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ps.size() && i < 5; i++) {
            sb.append(i > 0 ? "; " : "").append(ps.get(i));
        }
        if (ps.size() > 5) {
            sb.append("; and ").append(ps.size() - 5).append(" more");
        }
        return sb.toString();
    }
}
