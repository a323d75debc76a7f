package org.cvote.server.record;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.cvote.server.ballot.ReceiptProof;
import org.cvote.server.http.Http;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * {@code GET /api/polls/{id}/record}: the signed record of §10 as a zip, once the poll is
 * published.
 */
public final class RecordService implements HttpService {
  private final Tx tx;
  private final PollStore polls;
  private final org.cvote.server.admin.AdminAuth auth;
  private final ReceiptProof receipts;

  public RecordService(Tx tx, PollStore polls) {
    this(tx, polls, null, null);
  }

  /**
   * With {@code auth}, a PARTICIPANTS poll's record is served only to the secretariat or a voter
   * with a signed receipt.
   */
  public RecordService(
      Tx tx, PollStore polls, org.cvote.server.admin.AdminAuth auth, ReceiptProof receipts) {
    this.tx = tx;
    this.polls = polls;
    this.auth = auth;
    this.receipts = receipts;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/{id}/record", this::record);
  }

  private void record(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    byte[] zip =
        tx.run(
            c -> {
              Poll p = polls.get(c, id);
              if (p.status() != PollStatus.PUBLISHED) {
                throw Refusal.conflict(
                    "not_published",
                    "the record is available once the poll is published; it is " + p.status());
              }
              if (auth != null && p.visibility() == org.cvote.server.poll.Visibility.PARTICIPANTS) {
                requireParticipant(c, req, p);
              }
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT zip FROM poll_record WHERE poll_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    throw Refusal.notFound("record");
                  }
                  return rs.getBytes(1);
                }
              }
            });
    res.header(HeaderNames.CONTENT_TYPE, "application/zip");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"record-" + id + ".zip\"");
    res.send(zip);
  }

  /**
   * docs/domain.md §7 "Who may see results": for a participants-only poll, the secretariat (bearer
   * session) or a voter of the poll, who proves it with their signed receipt ({@link
   * ReceiptProof}); a ballot hash copied from the board is not enough.
   */
  private void requireParticipant(java.sql.Connection c, ServerRequest req, Poll p)
      throws java.sql.SQLException {
    if (receipts.proves(req, p)) {
      return;
    }
    if (auth.user(c, req)
        .isEmpty()) { // on this transaction's connection: no second one from the pool
      throw Refusal.forbidden(
          "participants_only",
          "this poll's record is for its participants: log in as the "
              + "secretariat, or send your signed receipt (header X-Cvote-Receipt: k.B_k.T_k.signature)");
    }
  }
}
