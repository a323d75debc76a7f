package org.cvote.server.ceremony;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.committee.server.CommitteeApi;
import org.cvote.server.http.Http;

/**
 * The committee routes of committee/API.md §2 under {@code /api/polls/{id}/committee/…}, all
 * answered by the committee module's {@link CommitteeApi} (refusals keep the {@code
 * {error,message,field}} shape). Members authenticate each post by its Ed25519 signature, not by a
 * session.
 */
public final class CommitteeRoutes implements HttpService {
  private static final int LIMIT = 4 * 1024 * 1024;
  private final CommitteeModule committee;

  public CommitteeRoutes(CommitteeModule committee) {
    this.committee = committee;
  }

  @Override
  public void routing(HttpRules rules) {
    post(rules, "committee/members");
    rules.get(
        "/{id}/committee/ceremony", (req, res) -> handle(req, res, "GET", "committee/ceremony"));
    post(rules, "committee/ceremony/commit");
    post(rules, "committee/ceremony/reveal");
    post(rules, "committee/ceremony/shares");
    post(rules, "committee/ceremony/complaints");
    post(rules, "committee/ceremony/answers");
    post(rules, "committee/ceremony/confirm");
    rules.get("/{id}/committee/record", (req, res) -> handle(req, res, "GET", "committee/record"));
    rules.get(
        "/{id}/committee/tally-input",
        (req, res) -> handle(req, res, "GET", "committee/tally-input"));
    post(rules, "committee/decryption");
  }

  private void post(HttpRules rules, String rest) {
    rules.post("/{id}/" + rest, (req, res) -> handle(req, res, "POST", rest));
  }

  private void handle(ServerRequest req, ServerResponse res, String method, String rest) {
    byte[] body = method.equals("POST") ? Http.body(req, LIMIT) : null;
    if (method.equals("POST")) {
      Http.requireJsonContentType(req);
    }
    CommitteeApi.Response r = committee.handle(method, Http.param(req, "id"), rest, body);
    res.status(Status.create(r.status()));
    res.header(HeaderNames.CONTENT_TYPE, Http.JSON + "; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(r.body());
  }
}
