package org.cvote.server.ceremony;

import java.util.HashSet;
import java.util.Set;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.server.CommitteeApi;
import org.cvote.server.json.Json;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * The members' committee calls of API.md §2, passed to the committee library's {@link
 * CommitteeApi}: refused for an unknown poll or a poll past registration, retried on a concurrent
 * update of the ceremony state, and followed by the audit line and the life-cycle step each
 * accepted post implies.
 */
final class CommitteeGateway {
  private static final int CONCURRENT_RETRIES = 10;
  private final Tx tx;
  private final PollStore polls;
  private final CeremonyCoordinator coordinator;
  private final CommitteeApi api;
  private final CommitteeAudit audit;
  private final CeremonyCompletion completion;

  CommitteeGateway(
      Tx tx,
      PollStore polls,
      CeremonyCoordinator coordinator,
      CommitteeApi api,
      CommitteeAudit audit,
      CeremonyCompletion completion) {
    this.tx = tx;
    this.polls = polls;
    this.coordinator = coordinator;
    this.api = api;
    this.audit = audit;
    this.completion = completion;
  }

  /** A committee route of API.md §2 ({@code rest} = the path after /api/polls/{id}/). */
  CommitteeApi.Response handle(String method, String pollId, String rest, byte[] body) {
    Poll p =
        tx.run(
            c ->
                polls.get(
                    c,
                    pollId)); // 404 for an unknown poll, before the coordinator creates any state
    if (rest.equals("committee/members")
        && p.status() != PollStatus.DRAFT
        && p.status() != PollStatus.CEREMONY) {
      throw Refusal.conflict(
          "wrong_state",
          "members join while the poll is in DRAFT or CEREMONY; it is " + p.status());
    }
    Phase before =
        method.equals("POST") && rest.startsWith("committee/ceremony") ? phase(pollId) : null;
    // a registration sent again (a lost answer) is answered 200 as the first time: audit only a new
    // one
    Set<String> registered =
        method.equals("POST") && rest.equals("committee/members")
            ? registeredFingerprints(pollId)
            : Set.of();
    CommitteeApi.Response r = api.handle(method, pollId, rest, body);
    // Another node saved the ceremony state between this node's load and save (optimistic version
    // check):
    // the post is applied again to the state now stored, as if it had arrived a moment later.
    for (int retry = 0; retry < CONCURRENT_RETRIES && concurrentUpdate(r); retry++) {
      r = api.handle(method, pollId, rest, body);
    }
    if (r.status() / 100 != 2 || !method.equals("POST")) {
      return r;
    }
    if (rest.equals("committee/members")) {
      String fp =
          Json.tree(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
              .path("fingerprint")
              .asText("");
      if (registered.contains(fp)) {
        return r;
      }
      audit.registered(pollId, fp);
    } else if (rest.equals("committee/decryption")) {
      audit.partialDecryption(pollId, body);
    } else if (before != null) {
      if (rest.equals("committee/ceremony/complaints")
          || rest.equals("committee/ceremony/answers")) {
        audit.dispute(pollId, rest, body);
      }
      completion.afterCeremonyPost(pollId, before);
    }
    return r;
  }

  private static boolean concurrentUpdate(CommitteeApi.Response r) {
    return r.status() == 409
        && SqlCeremonyStore.CONCURRENT_UPDATE.equals(
            Json.tree(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .path("error")
                .asText(""));
  }

  private Set<String> registeredFingerprints(String pollId) {
    try {
      Set<String> out = new HashSet<>();
      coordinator.view(pollId).registrations().forEach(x -> out.add(Registrations.fingerprint(x)));
      return out;
    } catch (CommitteeException e) {
      return Set.of();
    }
  }

  private Phase phase(String pollId) {
    try {
      return coordinator.view(pollId).phase();
    } catch (CommitteeException e) {
      return null;
    }
  }
}
