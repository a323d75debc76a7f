package org.cvote.server.attendance;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.http.Http;
import org.cvote.server.poll.PollStore;
import org.cvote.server.roster.Quorum;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.store.Tx;

/**
 * {@code /admin/polls/{id}/attendance}: check-in (codes shown once, as JSON or as a printable sheet
 * with QR codes), late arrivals, departures, and the quorum figures.
 */
public final class AttendanceAdminService implements HttpService {
  private static final int LIMIT = 256 * 1024;
  private final CheckIn checkIn;
  private final Tx tx;
  private final PollStore polls;
  private final RosterStore roster;
  private final AdminAuth auth;
  private final String publicUrl;

  public AttendanceAdminService(
      CheckIn checkIn,
      Tx tx,
      PollStore polls,
      RosterStore roster,
      AdminAuth auth,
      String publicUrl) {
    this.checkIn = checkIn;
    this.tx = tx;
    this.polls = polls;
    this.roster = roster;
    this.auth = auth;
    this.publicUrl = publicUrl;
  }

  record Voters(List<Integer> voters, Boolean late) {}

  @Override
  public void routing(HttpRules rules) {
    rules
        .any(auth::filter)
        .post("/{id}/attendance/check-in", this::checkIn)
        .post("/{id}/attendance/check-in/sheet", this::checkInSheet)
        .post("/{id}/attendance/left", this::left)
        .get("/{id}/quorum", this::quorum);
  }

  private CheckIn.Result doCheckIn(ServerRequest req) {
    Voters in = Http.json(req, LIMIT, Voters.class);
    return checkIn.checkIn(
        AdminAuth.actor(req), Http.param(req, "id"), in.voters(), Boolean.TRUE.equals(in.late()));
  }

  private void checkIn(ServerRequest req, ServerResponse res) {
    CheckIn.Result r = doCheckIn(req);
    Http.ok(res, Map.of("codes", r.codes()));
  }

  private void checkInSheet(ServerRequest req, ServerResponse res) {
    CheckIn.Result r = doCheckIn(req);
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(AccessCodeSheet.html(r.poll(), r.codes(), publicUrl).getBytes(StandardCharsets.UTF_8));
  }

  private void left(ServerRequest req, ServerResponse res) {
    Voters in = Http.json(req, LIMIT, Voters.class);
    Quorum q = checkIn.left(AdminAuth.actor(req), Http.param(req, "id"), in.voters());
    Http.ok(res, quorumView(q));
  }

  private void quorum(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        quorumView(
            tx.run(
                c -> {
                  polls.get(c, id);
                  return roster.quorum(c, id);
                })));
  }

  static Map<String, Object> quorumView(Quorum q) {
    return Map.of(
        "summoned",
        q.summoned(),
        "present",
        q.present(),
        "presentAtVoting",
        q.presentAtVoting(),
        "absentFromStart",
        q.absentFromStart(),
        "quorumMet",
        q.met());
  }
}
