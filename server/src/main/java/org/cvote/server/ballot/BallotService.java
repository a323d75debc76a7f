package org.cvote.server.ballot;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.server.http.Http;

/**
 * {@code POST /api/polls/{id}/ballots}. Deliberately reads nothing about the client: no
 * address, no headers beyond the body, and logs nothing per request.
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
        Http.requireJsonContentType(req);
        byte[] body = Http.body(req, limit);
        Http.ok(res, intake.cast(Http.param(req, "id"), body));
    }
}
