package org.cvote.server.ceremony;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.Registration;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * The secretariat's actions on the committee: approve the elected members and start the ceremony,
 * or restart it.
 */
final class CeremonyAdmin {
  private final Tx tx;
  private final PollStore polls;
  private final PollLifecycle lifecycle;
  private final CeremonyCoordinator coordinator;
  private final CommitteeAudit audit;

  CeremonyAdmin(
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

  /**
   * Approves the elected committee and starts the ceremony with threshold t (docs/protocol.md
   * §8.7). {@code approved} lists exactly the members the secretariat ticked, in index order, each
   * by its key fingerprint (or its Ed25519 key in hex): nobody else becomes a member, whoever
   * registered meanwhile. Refused (400 naming the field) when the list is missing, names an unknown
   * or repeated fingerprint, or holds fewer than t members. A poll still in DRAFT is first moved to
   * CEREMONY (manifest frozen, token key made).
   */
  CeremonyState start(String actor, String pollId, int t, List<String> approved) {
    if (approved == null || approved.isEmpty()) {
      throw Refusal.invalid(
          "members",
          "Chọn các thành viên được phê duyệt / list the approved members' fingerprints");
    }
    if (t < 1) {
      throw Refusal.invalid("t", "threshold must be at least 1");
    }
    if (approved.size() < t) {
      throw Refusal.invalid(
          "members",
          "Cần phê duyệt ít nhất t = "
              + t
              + " thành viên / approve at least t = "
              + t
              + " members (listed "
              + approved.size()
              + ")");
    }
    Poll p = poll(pollId);
    PollLifecycle.require(p, PollStatus.DRAFT, PollStatus.CEREMONY);
    CeremonyState s;
    try {
      s = coordinator.view(pollId);
    } catch (CommitteeException e) {
      s = new CeremonyState(pollId); // nobody has registered: every fingerprint is unknown
    }
    List<byte[]> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < approved.size(); i++) {
      String want = approved.get(i) == null ? "" : approved.get(i).trim();
      Registration found = null;
      for (Registration r : s.registrations()) {
        if (want.equalsIgnoreCase(Registrations.fingerprint(r))
            || want.equalsIgnoreCase(HexFormat.of().formatHex(r.signingPublicKey()))) {
          found = r;
        }
      }
      if (found == null) {
        throw Refusal.invalid(
            "members[" + i + "]",
            "Không có đăng ký với dấu vân tay này / no registration has fingerprint " + want);
      }
      if (!seen.add(HexFormat.of().formatHex(found.signingPublicKey()))) {
        throw Refusal.invalid("members[" + i + "]", "member listed twice");
      }
      keys.add(found.signingPublicKey());
    }
    if (p.status() == PollStatus.DRAFT) {
      lifecycle.startCeremony(actor, pollId);
    }
    CeremonyState started = CommitteeRefusals.call(() -> coordinator.start(pollId, t, keys));
    String detail =
        "n="
            + started.n()
            + " t="
            + started.t()
            + " attempt "
            + started.attempt()
            + " members "
            + started.members().stream()
                .map(
                    m ->
                        m.name()
                            + " "
                            + org.cvote.committee.identity.PublicKeys.fingerprint(
                                m.hpkePublicKey(), m.signingPublicKey()))
                .toList();
    audit.action(actor, pollId, "committee.started", detail);
    return started;
  }

  /**
   * After a FAILED attempt: restarts without the given members (default: those the failure
   * accuses).
   */
  CeremonyState restart(String actor, String pollId, Set<Integer> exclude) {
    PollLifecycle.require(poll(pollId), PollStatus.CEREMONY);
    CeremonyState s = CommitteeRefusals.call(() -> coordinator.view(pollId));
    Set<Integer> out = exclude;
    if (out == null || out.isEmpty()) {
      if (s.failure() == null || s.failure().accused() == null || s.failure().accused().isEmpty()) {
        throw Refusal.conflict(
            "nobody_accused", "the failed attempt accuses nobody; name the members to exclude");
      }
      out = new HashSet<>(s.failure().accused());
    }
    Set<Integer> excluded = out;
    CeremonyState r = CommitteeRefusals.call(() -> coordinator.restartWithout(pollId, excluded));
    String detail =
        "attempt " + r.attempt() + " without " + excluded + "; n=" + r.n() + " t=" + r.t();
    audit.action(actor, pollId, "committee.restarted", detail);
    return r;
  }
}
