package org.cvote.server.ops;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;

/**
 * The server's own meters, served with Helidon's at {@code /observe/metrics}. Deliberately no
 * "tokens issued" counter: its timing next to the board's would help link issuance to casting.
 */
public final class Counters {
  public static final Counter BALLOTS_ACCEPTED =
      counter("cvote.ballots.accepted", "ballots stored on a board");
  public static final Counter BALLOTS_REJECTED =
      counter("cvote.ballots.rejected", "ballots refused with a 4xx");
  public static final Counter PROOF_BATCHES =
      counter("cvote.proof.batches", "batches of ballots whose proofs were checked together");
  public static final Counter PROOF_BATCHED_BALLOTS =
      counter("cvote.proof.ballots", "ballots whose proofs were checked in a batch");
  public static final Counter BOARD_COMMITS =
      counter("cvote.board.commits", "transactions that appended ballots (group commit)");
  public static final Counter BOARD_APPENDED =
      counter("cvote.board.appended", "ballots appended by those transactions");
  public static final Counter ACCESS_CODE_FAILURES =
      counter("cvote.access_code.failures", "wrong access codes presented");

  private Counters() {}

  private static Counter counter(String name, String description) {
    return Metrics.getOrCreate(Counter.builder(name).description(description));
  }
}
