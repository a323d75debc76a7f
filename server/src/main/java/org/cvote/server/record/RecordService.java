package org.cvote.server.record;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.server.http.ApiException;
import org.cvote.server.http.Http;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.store.Tx;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** {@code GET /api/polls/{id}/record}: the signed record of §10 as a zip, once the poll is published. */
public final class RecordService implements HttpService {
    private final Tx tx;
    private final PollStore polls;

    public RecordService(Tx tx, PollStore polls) {
        this.tx = tx;
        this.polls = polls;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/record", this::record);
    }

    private void record(ServerRequest req, ServerResponse res) {
        String id = Http.param(req, "id");
        byte[] zip = tx.run(c -> {
            Poll p = polls.get(c, id);
            if (p.status() != PollStatus.PUBLISHED) {
                throw ApiException.conflict("not_published", "the record is available once the poll is published; it is " + p.status());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT zip FROM poll_record WHERE poll_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ApiException.notFound("record");
                    return rs.getBytes(1);
                }
            }
        });
        res.header(HeaderNames.CONTENT_TYPE, "application/zip");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"record-" + id + ".zip\"");
        res.send(zip);
    }
}
