package org.cvote.server.report;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * {@code GET /api/polls/{id}/results} (JSON) and {@code /results.html}: the report of a published
 * poll for whoever may see it ({@link ResultsAccess}); the subject themself sees their own row.
 * {@code ?lang=en}.
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
    rules
        .get(
            "/{id}/results",
            (req, res) -> ReportRoutes.json(res, load(req), ReportRoutes.lang(req)))
        .get(
            "/{id}/results.html",
            (req, res) -> ReportRoutes.html(res, load(req), ReportRoutes.lang(req)))
        .get("/{id}/delivery", this::delivery)
        .get("/{id}/delivery/record.zip", this::deliveryRecord);
  }

  /**
   * The delivery to the managing authority (001 §7.1): only with an authority key whose scope
   * covers the poll. The first fetch records the delivery (the authority has received the report,
   * the flagged persons and the record's hash).
   */
  private void delivery(ServerRequest req, ServerResponse res) {
    String id = req.path().pathParameters().get("id");
    Lang lang = ReportRoutes.lang(req);
    var members = reports.members(id);
    org.cvote.server.http.Http.ok(
        res,
        tx.run(
            c -> {
              Poll p = polls.get(c, id);
              AuthorityKey key = authorityFor(c, req, p);
              java.time.Instant now = java.time.Instant.now();
              org.cvote.server.delivery.Deliveries.require(c, id, now);
              byte[] zip = recordZip(c, id);
              org.cvote.server.delivery.Deliveries.markDelivered(
                  c, id, now, "authority: " + key.label()); // first fetch only
              Report r = reports.report(c, id, members);
              return org.cvote.server.report.DeliveryPackage.of(
                  r,
                  lang,
                  org.cvote.server.delivery.Deliveries.require(c, id, now),
                  zip.length,
                  Digest.sha256(zip).toHex());
            }));
  }

  private void deliveryRecord(ServerRequest req, ServerResponse res) {
    String id = req.path().pathParameters().get("id");
    byte[] zip =
        tx.run(
            c -> {
              authorityFor(c, req, polls.get(c, id));
              return recordZip(c, id);
            });
    res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/zip");
    res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
    res.header(
        io.helidon.http.HeaderNames.CONTENT_DISPOSITION,
        "attachment; filename=\"record-" + id + ".zip\"");
    res.send(zip);
  }

  /**
   * The request's authority key if its scope covers {@code p}; else 401 (no key) or 403 {@code
   * out_of_scope}.
   */
  private AuthorityKey authorityFor(java.sql.Connection c, ServerRequest req, Poll p)
      throws java.sql.SQLException {
    AuthorityKey key =
        access
            .authorityKey(c, req)
            .orElseThrow(
                () ->
                    Refusal.unauthorized(
                        "the delivery is for the managing authority: send its key ("
                            + ResultsAccess.AUTHORITY_HEADER
                            + ")"));
    if (!key.covers(p, org.cvote.server.poll.PollForm.load(c, p))) {
      throw Refusal.forbidden(
          "out_of_scope", "this authority key's scope does not cover this poll");
    }
    if (p.status() != PollStatus.PUBLISHED) {
      throw Refusal.conflict(
          "not_published", "the delivery exists once the poll is published; it is " + p.status());
    }
    return key;
  }

  private static byte[] recordZip(java.sql.Connection c, String pollId)
      throws java.sql.SQLException {
    try (java.sql.PreparedStatement ps =
        c.prepareStatement("SELECT zip FROM poll_record WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw Refusal.conflict("not_published", "the poll has no published record");
        }
        return rs.getBytes(1);
      }
    }
  }

  private Report load(ServerRequest req) {
    String id = req.path().pathParameters().get("id");
    var members = reports.members(id);
    return tx.run(
        c -> {
          Poll p = polls.get(c, id);
          ResultsAccess.Viewer v = access.check(c, req, p);
          if (p.status() != PollStatus.PUBLISHED) {
            throw Refusal.conflict(
                "not_published",
                "the results are shown once the poll is published; it is " + p.status());
          }
          Report r = reports.report(c, id, members);
          return v.kind() == ResultsAccess.Kind.SUBJECT ? r.only(v.personId()) : r;
        });
  }
}
