package org.cvote.server.ceremony;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.http.Http;
import org.cvote.server.json.Json;

/**
 * The secretariat's committee routes under {@code /admin/polls} (bearer-auth):
 *
 * <ul>
 *   <li>{@code GET /{id}/committee}: registrations, members, round progress, failures, decryption
 *       progress;
 *   <li>{@code POST /{id}/committee/invitations} {@code {"names": […]}}: one-time invitations for
 *       the elected members (codes returned once); {@code POST …/invitations/sheet}: the same as
 *       printable slips with QR codes; {@code GET …/invitations}: their status; {@code POST
 *       …/invitations/{number}/revoke} (docs/protocol.md §8.6);
 *   <li>{@code POST /{id}/committee/start} {@code {"t", "members": [fingerprint, …]}}: approves
 *       exactly the ticked registrations (index order; required, at least t) and starts the
 *       ceremony (§8.7);
 *   <li>{@code POST /{id}/committee/restart} {@code {"exclude": [index…]}} (omitted = the accused
 *       of the failure);
 * </ul>
 *
 * The tally and publication routes are {@code tally.TallyRoutes} and {@code record.PublishRoutes}.
 */
public final class CommitteeAdminService implements HttpService {
  private static final int LIMIT = 64 * 1024;
  private final CommitteeModule committee;
  private final AdminAuth auth;

  private final String publicUrl;

  public CommitteeAdminService(CommitteeModule committee, AdminAuth auth) {
    this(committee, auth, "");
  }

  public CommitteeAdminService(CommitteeModule committee, AdminAuth auth, String publicUrl) {
    this.publicUrl = publicUrl;
    this.committee = committee;
    this.auth = auth;
  }

  record Start(Integer t, List<String> members) {}

  record Restart(List<Integer> exclude) {}

  record Invite(List<String> names) {}

  @Override
  public void routing(HttpRules rules) {
    rules
        .any(auth::filter)
        .get(
            "/{id}/committee",
            (req, res) -> Http.ok(res, committee.progress(Http.param(req, "id"))))
        .post("/{id}/committee/invitations", this::invite)
        .post("/{id}/committee/invitations/sheet", this::inviteSheet)
        .get(
            "/{id}/committee/invitations",
            (req, res) ->
                Http.ok(
                    res,
                    Map.of("invitations", committee.invitations().list(Http.param(req, "id")))))
        .post("/{id}/committee/invitations/{number}/revoke", this::revoke)
        .post("/{id}/committee/start", this::start)
        .post("/{id}/committee/restart", this::restart);
  }

  private <T> T body(ServerRequest req, Class<T> type, T empty) {
    Http.requireJsonContentType(req);
    byte[] b = Http.body(req, LIMIT);
    return b.length == 0 ? empty : Json.read(b, type);
  }

  private void start(ServerRequest req, ServerResponse res) {
    Start in = body(req, Start.class, new Start(null, null));
    if (in.t() == null) {
      throw org.cvote.server.refusal.Refusal.missing("t");
    }
    CeremonyState s =
        committee.start(AdminAuth.actor(req), Http.param(req, "id"), in.t(), in.members());
    Http.ok(res, state(s));
  }

  private List<CommitteeInvitations.Issued> issue(ServerRequest req) {
    Invite in = body(req, Invite.class, new Invite(null));
    return committee.invitations().create(AdminAuth.actor(req), Http.param(req, "id"), in.names());
  }

  private void invite(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (CommitteeInvitations.Issued i : issue(req)) {
      out.add(
          Map.of(
              "number",
              i.number(),
              "name",
              i.name(),
              "code",
              i.code(),
              "joinUrl",
              InvitationSheet.joinLink(publicUrl, id, i.code()),
              "command",
              InvitationSheet.command(publicUrl, id, i.code())));
    }
    Http.created(res, Map.of("invitations", out));
  }

  private void inviteSheet(ServerRequest req, ServerResponse res) {
    List<CommitteeInvitations.Issued> issued = issue(req);
    String html = InvitationSheet.html(committee.poll(Http.param(req, "id")), issued, publicUrl);
    res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
    res.send(html.getBytes(StandardCharsets.UTF_8));
  }

  private void revoke(ServerRequest req, ServerResponse res) {
    int number;
    try {
      number = Integer.parseInt(Http.param(req, "number"));
    } catch (NumberFormatException e) {
      throw org.cvote.server.refusal.Refusal.invalid("number", "not an invitation number");
    }
    String id = Http.param(req, "id");
    committee.invitations().revoke(AdminAuth.actor(req), id, number);
    Http.ok(res, Map.of("invitations", committee.invitations().list(id)));
  }

  private void restart(ServerRequest req, ServerResponse res) {
    Restart in = body(req, Restart.class, new Restart(null));
    CeremonyState s =
        committee.restart(
            AdminAuth.actor(req),
            Http.param(req, "id"),
            in.exclude() == null ? null : new HashSet<>(in.exclude()));
    Http.ok(res, state(s));
  }

  private static Object state(CeremonyState s) {
    try {
      return Json.tree(
          new String(CommitteeJson.mapper().writeValueAsBytes(s), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
