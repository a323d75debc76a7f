package org.cvote.server.lifecycle;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.roster.RosterCsv;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.roster.Voter;
import org.cvote.server.store.Tx;

/**
 * {@code /admin/polls/{id}/roster}: import the summoned voters (draft only) and list them with
 * attendance.
 */
public final class RosterAdminService implements HttpService {
  private static final int CSV_LIMIT = 4 * 1024 * 1024;
  private final Tx tx;
  private final PollStore polls;
  private final RosterStore roster;
  private final AuditLog audit;
  private final AdminAuth auth;

  public RosterAdminService(
      Tx tx, PollStore polls, RosterStore roster, AuditLog audit, AdminAuth auth) {
    this.tx = tx;
    this.polls = polls;
    this.roster = roster;
    this.audit = audit;
    this.auth = auth;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .any(auth::filter)
        .post("/{id}/roster/import", this::importCsv)
        .get("/{id}/roster", this::list);
  }

  private void importCsv(ServerRequest req, ServerResponse res) {
    List<RosterStore.NewVoter> voters =
        RosterCsv.parse(SubjectAdminService.utf8(Http.body(req, CSV_LIMIT)));
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        tx.run(
            c -> {
              // Locks the poll row while it is a draft (a compare-and-set onto itself): the freeze
              // (PollLifecycle.startCeremony) then waits for this import, or this import finds the
              // poll frozen, so summoned (and B = summoned + 1) never changes after the freeze.
              if (!polls.setStatus(c, id, PollStatus.DRAFT, PollStatus.DRAFT)) {
                PollLifecycle.require(polls.get(c, id), PollStatus.DRAFT);
              }
              List<Voter> added = roster.add(c, id, voters);
              int summoned = roster.quorum(c, id).summoned();
              audit.append(
                  c,
                  actor,
                  id,
                  "roster.imported",
                  added.size() + " voters, " + summoned + " summoned");
              return Map.of("imported", added.size(), "summoned", summoned);
            }));
  }

  private void list(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        tx.run(
            c -> {
              polls.get(c, id);
              return Map.of("voters", roster.list(c, id), "attendance", roster.quorum(c, id));
            }));
  }
}
