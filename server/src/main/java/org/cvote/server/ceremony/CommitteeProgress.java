package org.cvote.server.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HexFormat;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.Member;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.server.json.Json;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.store.Tx;

/**
 * The secretariat's JSON view of a poll's committee: phase, registrations, members, round progress,
 * complaints, failure, history and, once the poll is closed, decryption progress. Reading it also
 * completes a ceremony that reached DONE without moving its poll (see {@link CeremonyCompletion}).
 */
final class CommitteeProgress {
  private final Tx tx;
  private final PollStore polls;
  private final CeremonyCoordinator coordinator;
  private final DecryptionDesk desk;
  private final SqlPartialStore partials;
  private final CeremonyCompletion completion;

  CommitteeProgress(
      Tx tx,
      PollStore polls,
      CeremonyCoordinator coordinator,
      DecryptionDesk desk,
      SqlPartialStore partials,
      CeremonyCompletion completion) {
    this.tx = tx;
    this.polls = polls;
    this.coordinator = coordinator;
    this.desk = desk;
    this.partials = partials;
    this.completion = completion;
  }

  private Poll poll(String pollId) {
    return tx.run(c -> polls.get(c, pollId));
  }

  /**
   * The secretariat's view: phase, registrations, members, round progress, failures, decryption
   * progress.
   */
  ObjectNode progress(String pollId) {
    Poll p = poll(pollId);
    completion.completeIfDone(pollId);
    ObjectNode out = Json.object();
    out.put("pollStatus", poll(pollId).status().name());
    CeremonyState s;
    try {
      s = coordinator.view(pollId);
    } catch (CommitteeException e) {
      out.put("phase", "NONE");
      out.putArray("registrations");
      return out;
    }
    out.put("phase", s.phase().name());
    out.put("attempt", s.attempt());
    out.put("n", s.n());
    out.put("t", s.t());
    ArrayNode regs = out.putArray("registrations");
    for (Registration r : s.registrations()) {
      ObjectNode o = regs.addObject();
      o.put("name", r.displayName());
      if (!r.displayName().equals(r.name())) {
        o.put("signedName", r.name());
      }
      o.put("fingerprint", Registrations.fingerprint(r));
      o.put("signingPublicKey", HexFormat.of().formatHex(r.signingPublicKey()));
    }
    ArrayNode members = out.putArray("members");
    for (Member m : s.members()) {
      ObjectNode o = members.addObject();
      o.put("index", m.index());
      o.put("name", m.name());
      o.put("committed", s.commit(m.index()).isPresent());
      o.put("revealed", s.reveal(m.index()).isPresent());
      o.put("sharesPosted", s.hasShares(m.index()));
      o.put("confirmed", s.confirmation(m.index()).isPresent());
    }
    ArrayNode disputes = out.putArray("complaints");
    for (var c : s.complaints()) {
      ObjectNode o = disputes.addObject();
      o.put("member", c.member());
      o.put("accused", c.accused());
      o.put("reason", c.reason());
      o.put(
          "answer",
          s.answer(c.accused(), c.member())
              .map(a -> CeremonyCoordinator.answerChecks(s, a) ? "VALID" : "INVALID")
              .orElse("NONE"));
    }
    out.set("failure", s.failure() == null ? null : tree(s.failure()));
    out.set("history", tree(s.history()));
    if (s.phase() == Phase.DONE) {
      out.put("jointKey", s.jointKey().toHex());
      if (p.status() == PollStatus.CLOSED
          || p.status() == PollStatus.TALLIED
          || p.status() == PollStatus.PUBLISHED) {
        ObjectNode d = out.putObject("decryption");
        int[] pr = desk.progress(pollId);
        d.put("valid", pr[0]);
        d.put("needed", pr[1]);
        ArrayNode who = d.putArray("members");
        partials.load(pollId).forEach(x -> who.add(x.member()));
      }
    }
    return out;
  }

  private static JsonNode tree(Object o) {
    try {
      return Json.tree(
          new String(
              CommitteeJson.mapper().writeValueAsBytes(o),
              java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
