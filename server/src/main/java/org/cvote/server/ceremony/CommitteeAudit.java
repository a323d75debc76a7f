package org.cvote.server.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.store.Tx;

/**
 * The committee's part of a poll's history in the audit log: registrations, disputes, phases,
 * partial decryptions.
 */
final class CommitteeAudit {
  private final Tx tx;
  private final AuditLog audit;
  private final CeremonyCoordinator coordinator;
  private final DecryptionDesk desk;

  CommitteeAudit(Tx tx, AuditLog audit, CeremonyCoordinator coordinator, DecryptionDesk desk) {
    this.tx = tx;
    this.audit = audit;
    this.coordinator = coordinator;
    this.desk = desk;
  }

  /** A new member registration, under the member's own fingerprint as actor. */
  void registered(String pollId, String fp) {
    String detail =
        coordinator.view(pollId).registrations().stream()
            .filter(x -> fp.equals(Registrations.fingerprint(x)))
            .map(
                x ->
                    x.displayName()
                        + (x.displayName().equals(x.name()) ? "" : " (signed as " + x.name() + ")"))
            .findFirst()
            .orElse("");
    String actor = "member:" + fp;
    tx.exec(c -> audit.append(c, actor, pollId, "committee.registered", detail));
  }

  /** An accepted partial decryption, with how many of the needed ones are in. */
  void partialDecryption(String pollId, byte[] body) {
    int member = -1;
    try {
      member = CommitteeJson.mapper().readTree(body).path("member").asInt(-1);
    } catch (IOException ignored) {
      // already parsed
    }
    int[] progress = desk.progress(pollId);
    String detail = "member " + member + "; " + progress[0] + " of " + progress[1] + " needed";
    tx.exec(c -> audit.append(c, "committee", pollId, "committee.partial-decryption", detail));
  }

  /**
   * A complaint or an answer (§8.8) is part of the poll's history: who accused whom, and how it was
   * resolved.
   */
  void dispute(String pollId, String rest, byte[] body) {
    int member;
    int other;
    try {
      JsonNode n = CommitteeJson.mapper().readTree(body);
      member = n.path("member").asInt(-1);
      other =
          rest.endsWith("complaints")
              ? n.path("accused").asInt(-1)
              : n.path("complainant").asInt(-1);
    } catch (IOException e) {
      return; // already parsed by the API
    }
    String detail;
    String action;
    if (rest.endsWith("complaints")) {
      action = "committee.complaint";
      detail = "member " + member + " complains about the share from member " + other;
    } else {
      action = "committee.answer";
      CeremonyState s = coordinator.view(pollId);
      boolean checks =
          s.answer(member, other).map(a -> CeremonyCoordinator.answerChecks(s, a)).orElse(false);
      detail =
          "member "
              + member
              + " published its share for member "
              + other
              + ": "
              + (checks
                  ? "it checks, the complaint is dismissed"
                  : "it fails the check, the complaint is upheld");
    }
    tx.exec(c -> audit.append(c, "committee", pollId, action, detail));
  }

  /** A phase change of the ceremony (with the failure's reason and the accused when it failed). */
  void phase(String pollId, Phase before, CeremonyState s) {
    String detail =
        "attempt "
            + s.attempt()
            + ": "
            + before
            + " → "
            + s.phase()
            + (s.phase() == Phase.FAILED && s.failure() != null
                ? " (" + s.failure().reason() + "; accused " + s.failure().accused() + ")"
                : "");
    tx.exec(c -> audit.append(c, "committee", pollId, "committee.phase", detail));
  }

  /** A secretariat action on the committee (started, restarted). */
  void action(String actor, String pollId, String action, String detail) {
    tx.exec(c -> audit.append(c, actor, pollId, action, detail));
  }
}
