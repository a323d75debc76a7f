package org.cvote.verifier;

import java.util.List;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/**
 * The checking steps a challenged ballot of either version shares (docs/protocol.md §7, §16.8): the
 * file names the published poll, its own Q and K (when present) are the published ones, the ballot
 * has one row per subject and names the same poll, and the ballot's proof problems are reported
 * under {@code ballot.}.
 */
final class ChallengeBinding {
  private ChallengeBinding() {}

  /**
   * The first problem binding the file to the published poll, or null. {@code qNote} is appended to
   * the Q message (empty for none).
   */
  static String bindingProblem(
      PublishedPoll published, String poll, Digest q, Point k, String qNote) {
    if (!published.pollId().equals(poll)) {
      return "poll: the file names poll '"
          + poll
          + "', the published poll is '"
          + published.pollId()
          + "'";
    }
    if (q != null && !q.equals(published.q())) {
      return "Q: the file's Q "
          + q.toHex()
          + " is not the published poll's Q "
          + published.q().toHex()
          + qNote;
    }
    if (k != null && !k.equals(published.k())) {
      return "K: the file's K is not the published poll's joint key K = Σ K_i0";
    }
    return null;
  }

  /** The ballot's row count against the poll's subjects, or null. */
  static String rowsProblem(PublishedPoll published, int rows) {
    if (rows != published.subjects()) {
      return "ballot.rows: " + rows + " rows, the poll has " + published.subjects() + " subjects";
    }
    return null;
  }

  /** The ballot's own poll id against the file's, or null. */
  static String ballotPollProblem(String poll, String ballotPoll) {
    return poll.equals(ballotPoll)
        ? null
        : "ballot.poll: '" + ballotPoll + "' differs from poll '" + poll + "'";
  }

  /**
   * The revealed lists' sizes against the rows, or null ({@code names} e.g. "choices/randomness").
   */
  static String revealedSizeProblem(String names, int rows, int revealed, int randomness) {
    if (revealed != rows || randomness != rows) {
      return names + ": expected " + rows + " rows, got " + revealed + "/" + randomness;
    }
    return null;
  }

  /** Adds the ballot verifier's problems, each under "ballot.". */
  static void addProofProblems(List<String> out, List<BallotVerifier.Problem> problems) {
    for (BallotVerifier.Problem p : problems) {
      out.add("ballot." + p.field() + ": " + p.message());
    }
  }
}
