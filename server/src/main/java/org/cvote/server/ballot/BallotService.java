package org.cvote.server.ballot;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.server.http.Http;
import org.cvote.server.ops.Counters;
import org.cvote.server.refusal.Refusal;

/**
 * {@code POST /api/polls/{id}/ballots}. Deliberately reads nothing about the client: no address, no
 * headers beyond the body, and logs nothing per request.
 */
public final class BallotService implements HttpService {
  private final BallotIntake intake;
  private final int limit;

  public BallotService(BallotIntake intake, int limit) {
    this.intake = intake;
    this.limit = limit;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/{id}/ballots", this::cast);
  }

  private void cast(ServerRequest req, ServerResponse res) {
    Receipt receipt;
    try {
      Http.requireJsonContentType(req);
      receipt = intake.cast(Http.param(req, "id"), Http.body(req, limit));
    } catch (Refusal e) {
      Counters.BALLOTS_REJECTED.increment();
      throw e;
    }
    Counters.BALLOTS_ACCEPTED.increment();
    Http.ok(res, receipt);
  }
}
