package org.cvote.server.report;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.server.http.ApiException;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.store.Tx;

/**
 * {@code GET /api/polls/{id}/results} (JSON) and {@code /results.html}: the report of a published poll for
 * whoever may see it ({@link ResultsAccess}); the subject themself sees their own row. {@code ?lang=en}.
 */
public final class ResultsRoutes implements HttpService {
    private final Tx tx;
    private final PollStore polls;
    private final ReportService reports;
    private final ResultsAccess access;

    public ResultsRoutes(Tx tx, PollStore polls, ReportService reports, ResultsAccess access) {
        this.tx = tx;
        this.polls = polls;
        this.reports = reports;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/results", (req, res) -> ReportRoutes.json(res, load(req), ReportRoutes.lang(req)))
             .get("/{id}/results.html", (req, res) -> ReportRoutes.html(res, load(req), ReportRoutes.lang(req)));
    }

    private Report load(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        var members = reports.members(id);
        return tx.run(c -> {
            Poll p = polls.get(c, id);
            ResultsAccess.Viewer v = access.check(c, req, p);
            if (p.status() != PollStatus.PUBLISHED) {
                throw ApiException.conflict("not_published", "the results are shown once the poll is published; it is " + p.status());
            }
            Report r = reports.report(c, id, members);
            return v.kind() == ResultsAccess.Kind.SUBJECT ? r.only(v.personId()) : r;
        });
    }
}
