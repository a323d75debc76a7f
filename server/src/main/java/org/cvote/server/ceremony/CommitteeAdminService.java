package org.cvote.server.ceremony;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.http.Http;
import org.cvote.server.json.Json;
import org.cvote.server.poll.PollAdminService;
import org.cvote.server.record.RecordPublisher;
import org.cvote.server.tally.TallyService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secretariat's committee, tally and publication routes under {@code /admin/polls} (bearer-auth):
 * <ul>
 * <li>{@code GET /{id}/committee}: registrations, members, round progress, failures, decryption progress;</li>
 * <li>{@code POST /{id}/committee/invitations} {@code {"names": […]}}: one-time invitations for the elected members
 *     (codes returned once); {@code POST …/invitations/sheet}: the same as printable slips with QR codes;
 *     {@code GET …/invitations}: their status; {@code POST …/invitations/{number}/revoke} (docs/protocol.md §8.6);</li>
 * <li>{@code POST /{id}/committee/start} {@code {"t", "members": [fingerprint, …]}}: approves exactly the ticked
 *     registrations (index order; required, at least t) and starts the ceremony (§8.7);</li>
 * <li>{@code POST /{id}/committee/restart} {@code {"exclude": [index…]}} (omitted = the accused of the failure);</li>
 * <li>{@code POST /{id}/tally} {@code {"members": [index…]}} (optional decryption set U): closed → tallied;</li>
 * <li>{@code POST /{id}/publish}: tallied → published (record written and served as a zip).</li>
 * </ul>
 */
public final class CommitteeAdminService implements HttpService {
    private static final int LIMIT = 64 * 1024;
    private final CommitteeModule committee;
    private final TallyService tally;
    private final RecordPublisher publisher;
    private final AdminAuth auth;

    private final String publicUrl;

    public CommitteeAdminService(CommitteeModule committee, TallyService tally, RecordPublisher publisher, AdminAuth auth) {
        this(committee, tally, publisher, auth, "");
    }

    public CommitteeAdminService(CommitteeModule committee, TallyService tally, RecordPublisher publisher, AdminAuth auth,
                                 String publicUrl) {
        this.publicUrl = publicUrl;
        this.committee = committee;
        this.tally = tally;
        this.publisher = publisher;
        this.auth = auth;
    }

    record Start(Integer t, List<String> members) {}

    record Restart(List<Integer> exclude) {}

    record Invite(List<String> names) {}

    record Tally(List<Integer> members) {}

    @Override
    public void routing(HttpRules rules) {
        rules.any(auth::filter)
             .get("/{id}/committee", (req, res) -> Http.ok(res, committee.progress(Http.param(req, "id"))))
             .post("/{id}/committee/invitations", this::invite)
             .post("/{id}/committee/invitations/sheet", this::inviteSheet)
             .get("/{id}/committee/invitations", (req, res) -> Http.ok(res, Map.of("invitations",
                     committee.invitations().list(Http.param(req, "id")))))
             .post("/{id}/committee/invitations/{number}/revoke", this::revoke)
             .post("/{id}/committee/start", this::start)
             .post("/{id}/committee/restart", this::restart)
             .post("/{id}/tally", this::tally)
             .post("/{id}/publish", this::publish);
    }

    private <T> T body(ServerRequest req, Class<T> type, T empty) {
        Http.requireJsonContentType(req);
        byte[] b = Http.body(req, LIMIT);
        return b.length == 0 ? empty : Json.read(b, type);
    }

    private void start(ServerRequest req, ServerResponse res) {
        Start in = body(req, Start.class, new Start(null, null));
        if (in.t() == null) throw org.cvote.server.refusal.Refusal.missing("t");
        CeremonyState s = committee.start(AdminAuth.actor(req), Http.param(req, "id"), in.t(), in.members());
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
            out.add(Map.of("number", i.number(), "name", i.name(), "code", i.code(),
                    "joinUrl", InvitationSheet.joinLink(publicUrl, id, i.code()), "command", InvitationSheet.command(publicUrl, id, i.code())));
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
        CeremonyState s = committee.restart(AdminAuth.actor(req), Http.param(req, "id"),
                in.exclude() == null ? null : new HashSet<>(in.exclude()));
        Http.ok(res, state(s));
    }

    private void tally(ServerRequest req, ServerResponse res) {
        Tally in = body(req, Tally.class, new Tally(null));
        TallyService.Stored s = tally.tally(AdminAuth.actor(req), Http.param(req, "id"), in.members());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "TALLIED");
        out.put("members", s.decryption().members());
        out.put("tally", Json.tree(new String(org.cvote.crypto.record.RecordJson.write(s.tally()), StandardCharsets.UTF_8)));
        Http.ok(res, out);
    }

    private void publish(ServerRequest req, ServerResponse res) {
        String id = Http.param(req, "id");
        Http.ok(res, PollAdminService.view(publisher.publish(AdminAuth.actor(req), id)));
    }

    private static Object state(CeremonyState s) {
        try {
            return Json.tree(new String(CommitteeJson.mapper().writeValueAsBytes(s), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
