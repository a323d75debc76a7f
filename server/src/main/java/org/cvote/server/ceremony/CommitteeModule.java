package org.cvote.server.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.server.CommitteeApi;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.board.BoardStore;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStore;
import org.cvote.server.store.Tx;
import org.cvote.server.token.TokenKeyStore;

/**
 * The counting committee inside the server (committee/API.md), wired once: the coordinator over the
 * database's {@link SqlCeremonyStore}, the decryption desk over the board ({@link
 * BoardTallySource}) and the database's {@link SqlPartialStore}. Each job is a class of its own:
 * {@link CommitteeGateway} (the members' calls), {@link CeremonyAdmin} (the secretariat's actions),
 * {@link CeremonyCompletion} (ceremony DONE → poll READY), {@link CommitteeAudit} (the audit
 * lines), {@link CommitteeProgress} (the secretariat's JSON view) and {@link CommitteeRefusals}
 * (the library's refusals as the server's). This class only builds them and hands them out.
 */
public final class CommitteeModule {
  private final Tx tx;
  private final PollStore polls;
  private final CeremonyCoordinator coordinator;
  private final BoardTallySource source;
  private final SqlPartialStore partials;
  private final DecryptionDesk desk;
  private final CommitteeInvitations invitations;
  private final CommitteeGateway gateway;
  private final CeremonyAdmin admin;
  private final CeremonyCompletion completion;
  private final CommitteeProgress progress;

  public CommitteeModule(
      Tx tx,
      PollStore polls,
      TokenKeyStore tokenKeys,
      BoardStore board,
      PollLifecycle lifecycle,
      AuditLog audit) {
    this(tx, polls, tokenKeys, board, lifecycle, audit, java.time.Clock.systemUTC());
  }

  public CommitteeModule(
      Tx tx,
      PollStore polls,
      TokenKeyStore tokenKeys,
      BoardStore board,
      PollLifecycle lifecycle,
      AuditLog audit,
      java.time.Clock clock) {
    this.tx = tx;
    this.polls = polls;
    this.coordinator = new CeremonyCoordinator(new SqlCeremonyStore(tx, clock));
    this.invitations = new CommitteeInvitations(tx, polls, audit, clock);
    this.source = new BoardTallySource(tx, polls, tokenKeys, board);
    this.partials = new SqlPartialStore(tx);
    this.desk = new DecryptionDesk(coordinator, source, partials);
    CommitteeAudit trail = new CommitteeAudit(tx, audit, coordinator, desk);
    this.completion = new CeremonyCompletion(tx, polls, lifecycle, coordinator, trail);
    this.gateway =
        new CommitteeGateway(
            tx, polls, coordinator, new CommitteeApi(coordinator, desk, source), trail, completion);
    this.admin = new CeremonyAdmin(tx, polls, lifecycle, coordinator, trail);
    this.progress = new CommitteeProgress(tx, polls, coordinator, desk, partials, completion);
  }

  public CeremonyCoordinator coordinator() {
    return coordinator;
  }

  /** The secretariat's invitations to the committee (docs/protocol.md §8.6). */
  public CommitteeInvitations invitations() {
    return invitations;
  }

  public DecryptionDesk desk() {
    return desk;
  }

  public BoardTallySource source() {
    return source;
  }

  public SqlPartialStore partials() {
    return partials;
  }

  Poll poll(String pollId) {
    return tx.run(c -> polls.get(c, pollId));
  }

  /**
   * A committee route of API.md §2 ({@code rest} = the path after /api/polls/{id}/); see {@link
   * CommitteeGateway}.
   */
  public CommitteeApi.Response handle(String method, String pollId, String rest, byte[] body) {
    return gateway.handle(method, pollId, rest, body);
  }

  /**
   * If the ceremony is DONE and the poll still in CEREMONY, computes Q and marks the poll ready.
   * Idempotent.
   */
  public void completeIfDone(String pollId) {
    completion.completeIfDone(pollId);
  }

  /**
   * At boot: completes the ceremonies that reached DONE while their poll stayed in CEREMONY;
   * returns how many.
   */
  public int completeFinishedCeremonies() {
    return completion.completeFinishedCeremonies();
  }

  /**
   * Approves the elected members and starts the ceremony with threshold t (§8.7); see {@link
   * CeremonyAdmin#start}.
   */
  public CeremonyState start(String actor, String pollId, int t, List<String> approved) {
    return admin.start(actor, pollId, t, approved);
  }

  /**
   * After a FAILED attempt: restarts without the given members (default: those the failure
   * accuses).
   */
  public CeremonyState restart(String actor, String pollId, Set<Integer> exclude) {
    return admin.restart(actor, pollId, exclude);
  }

  /** The secretariat's view of the committee; see {@link CommitteeProgress}. */
  public ObjectNode progress(String pollId) {
    return progress.progress(pollId);
  }

  /**
   * Runs a coordinator call, mapping its refusals to the server's; see {@link
   * CommitteeRefusals#call}.
   */
  public static <T> T committee(java.util.function.Supplier<T> call) {
    return CommitteeRefusals.call(call);
  }
}
