package org.cvote.server.ceremony;

import java.util.List;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.Phase;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.poll.CeremonyOutcome;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * The glue from the ceremony to the poll life cycle: when the ceremony reaches DONE the poll goes
 * ceremony → ready with Q fixed ({@link PollLifecycle#completeCeremony}); phase changes are
 * audited.
 */
final class CeremonyCompletion {
  private static final System.Logger LOG = System.getLogger(CeremonyCompletion.class.getName());
  private final Tx tx;
  private final PollStore polls;
  private final PollLifecycle lifecycle;
  private final CeremonyCoordinator coordinator;
  private final CommitteeAudit audit;

  CeremonyCompletion(
      Tx tx,
      PollStore polls,
      PollLifecycle lifecycle,
      CeremonyCoordinator coordinator,
      CommitteeAudit audit) {
    this.tx = tx;
    this.polls = polls;
    this.lifecycle = lifecycle;
    this.coordinator = coordinator;
    this.audit = audit;
  }

  private Poll poll(String pollId) {
    return tx.run(c -> polls.get(c, pollId));
  }

  /** Audits phase changes; on DONE fixes Q and moves the poll ceremony → ready. */
  void afterCeremonyPost(String pollId, Phase before) {
    CeremonyState s = coordinator.view(pollId);
    if (s.phase() != before) {
      audit.phase(pollId, before, s);
    }
    completeIfDone(pollId);
  }

  /**
   * If the ceremony is DONE and the poll still in CEREMONY, computes Q and marks the poll ready.
   * Idempotent.
   */
  void completeIfDone(String pollId) {
    CeremonyState s;
    try {
      s = coordinator.view(pollId);
    } catch (CommitteeException e) {
      return;
    }
    if (s.phase() != Phase.DONE || poll(pollId).status() != PollStatus.CEREMONY) {
      return;
    }
    CeremonyResult r = coordinator.result(pollId);
    try {
      lifecycle.completeCeremony(
          "committee", pollId, new CeremonyOutcome(r.n(), r.t(), r.commitments(), r.jointKey()));
    } catch (Refusal e) {
      if (poll(pollId).status() == PollStatus.CEREMONY) {
        throw e; // otherwise completed concurrently
      }
    }
  }

  /**
   * At boot: a ceremony whose DONE was committed while its poll did not move to READY (the server
   * stopped between those two transactions) is completed now, since the members' tools, seeing
   * DONE, post nothing more that would. Returns how many polls moved; a poll that cannot is logged
   * and left for the progress view to retry.
   */
  int completeFinishedCeremonies() {
    List<String> waiting =
        tx.run(
            c ->
                polls.list(c).stream()
                    .filter(p -> p.status() == PollStatus.CEREMONY)
                    .map(Poll::id)
                    .toList());
    int moved = 0;
    for (String id : waiting) {
      try {
        completeIfDone(id);
        if (poll(id).status() == PollStatus.READY) {
          moved++;
        }
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "poll " + id + ": finished ceremony not completed at boot: " + e.getMessage());
      }
    }
    return moved;
  }
}
