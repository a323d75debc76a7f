package org.cvote.server.report;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.json.Json;
import org.cvote.server.person.People;
import org.cvote.server.poll.PollStore;
import org.cvote.server.poll.Subject;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * Secretariat routes of the report (bearer session):
 *
 * <ul>
 *   <li>{@code GET /admin/polls/{id}/report.pdf|.html|.json} ({@code ?lang=en} for English): the
 *       Phụ lục 5 report of a tallied or published poll;
 *   <li>{@code PUT /admin/polls/{id}/report/head} {@code {"head": 2}}: names the committee's head
 *       (default member 1);
 *   <li>{@code POST /admin/polls/{id}/subjects/{index}/viewing-code}: issues the subject's own
 *       viewing code (shown once);
 *   <li>{@code GET /admin/polls/{id}/people}: each subject's person id.
 * </ul>
 */
public final class ReportRoutes implements HttpService {
  record Head(Integer head) {}

  private final Tx tx;
  private final PollStore polls;
  private final ReportService reports;
  private final ResultsAccess access;
  private final People people;
  private final AuditLog audit;
  private final AdminAuth auth;

  public ReportRoutes(
      Tx tx,
      PollStore polls,
      ReportService reports,
      ResultsAccess access,
      People people,
      AuditLog audit,
      AdminAuth auth) {
    this.tx = tx;
    this.polls = polls;
    this.reports = reports;
    this.access = access;
    this.people = people;
    this.audit = audit;
    this.auth = auth;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .any(auth::filter)
        .get(
            "/{id}/report.json",
            (req, res) -> json(res, reports.report(Http.param(req, "id")), lang(req)))
        .get(
            "/{id}/report.html",
            (req, res) -> html(res, reports.report(Http.param(req, "id")), lang(req)))
        .get(
            "/{id}/report.pdf",
            (req, res) -> pdf(res, reports.report(Http.param(req, "id")), lang(req)))
        .put("/{id}/report/head", this::head)
        .post("/{id}/subjects/{index}/viewing-code", this::viewingCode)
        .get("/{id}/people", this::people)
        .get("/{id}/observers", this::observers)
        .post("/{id}/observers", this::addObserver)
        .delete("/{id}/observers/{seq}", this::removeObserver)
        .get("/{id}/delivery", this::delivery)
        .post("/{id}/delivery/delivered", this::delivered);
  }

  static Lang lang(ServerRequest req) {
    return Lang.of(req.query().contains("lang") ? req.query().get("lang") : null);
  }

  static void json(ServerResponse res, Report r, Lang lang) {
    Http.ok(res, r.json(lang));
  }

  static void html(ServerResponse res, Report r, Lang lang) {
    sendHtml(res, ReportHtml.render(r, lang));
  }

  static void sendHtml(ServerResponse res, String html) {
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header(
        HeaderNames.create("Content-Security-Policy"),
        "default-src 'none'; style-src 'unsafe-inline'");
    res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    res.send(html.getBytes(StandardCharsets.UTF_8));
  }

  static void pdf(ServerResponse res, Report r, Lang lang) {
    byte[] pdf = ReportPdf.render(r, lang);
    res.header(HeaderNames.CONTENT_TYPE, "application/pdf");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header(
        HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"report-" + r.pollId() + ".pdf\"");
    res.send(pdf);
  }

  private void head(ServerRequest req, ServerResponse res) {
    Head in = Http.json(req, 1024, Head.class);
    if (in.head() == null) {
      throw Refusal.missing("head");
    }
    int h = reports.setHead(AdminAuth.actor(req), Http.param(req, "id"), in.head());
    Http.ok(res, Map.of("head", h));
  }

  private void viewingCode(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    int index = Http.intParam(req, "index");
    String actor = AdminAuth.actor(req);
    Http.created(
        res,
        tx.run(
            c -> {
              polls.get(c, id);
              Subject s =
                  polls.subjects(c, id).stream()
                      .filter(x -> x.index() == index)
                      .findFirst()
                      .orElseThrow(() -> Refusal.notFound("subject"));
              String person = People.ofPoll(c, id).get(index);
              if (person == null) {
                person = people.generate();
                people.assign(c, id, index, person, "personId");
              }
              String code = access.issueSubjectCode(c, id, person);
              audit.append(c, actor, id, "subject.viewing-code", index + " " + person);
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("index", index);
              out.put("name", s.name());
              out.put("personId", person);
              out.put("viewingCode", code);
              return out;
            }));
  }

  private void people(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        tx.run(
            c -> {
              polls.get(c, id);
              Map<Integer, String> persons = People.ofPoll(c, id);
              java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
              for (Subject s : polls.subjects(c, id)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", s.index());
                m.put("name", s.name());
                m.put("personId", persons.get(s.index()));
                out.add(m);
              }
              return Map.of("subjects", out);
            }));
  }

  record Delivered(String by) {}

  record ObserverIn(String name, String body) {}

  private static List<Map<String, Object>> observerViews(java.sql.Connection c, String id)
      throws java.sql.SQLException {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (Observers.Entry e : Observers.ofPoll(c, id)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seq", e.seq());
      m.put("name", e.observer().name());
      m.put("body", e.observer().body());
      out.add(m);
    }
    return out;
  }

  private void observers(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        Map.of(
            "observers",
            tx.run(
                c -> {
                  polls.get(c, id);
                  return observerViews(c, id);
                })));
  }

  /**
   * 001 III.1: an observer of the superior level at the count, by name (and body); until the poll
   * is published.
   */
  private void addObserver(ServerRequest req, ServerResponse res) {
    ObserverIn in = Http.json(req, 4096, ObserverIn.class);
    Report.Observer o =
        new Report.Observer(
            org.cvote.server.util.Text.required(in.name(), "name", 300),
            org.cvote.server.util.Text.optional(in.body(), "body", 500));
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    Http.created(
        res,
        Map.of(
            "observers",
            tx.run(
                c -> {
                  notPublished(c, id);
                  Observers.add(c, id, o);
                  audit.append(
                      c,
                      actor,
                      id,
                      "report.observer",
                      o.name() + (o.body().isEmpty() ? "" : " (" + o.body() + ")"));
                  return observerViews(c, id);
                })));
  }

  private void removeObserver(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    int seq = Http.intParam(req, "seq");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        Map.of(
            "observers",
            tx.run(
                c -> {
                  notPublished(c, id);
                  if (!Observers.remove(c, id, seq)) {
                    throw Refusal.notFound("observer");
                  }
                  audit.append(c, actor, id, "report.observer-removed", String.valueOf(seq));
                  return observerViews(c, id);
                })));
  }

  /** The report is final once published: its observers no longer change. */
  private void notPublished(java.sql.Connection c, String id) throws java.sql.SQLException {
    var p = polls.get(c, id);
    if (p.status() == org.cvote.server.poll.PollStatus.PUBLISHED) {
      throw Refusal.conflict("wrong_state", "the poll is published; its report no longer changes");
    }
  }

  /**
   * The poll's delivery to the authority (001 §7.1): status, due day, and the flagged persons it
   * carries.
   */
  private void delivery(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Lang lang = lang(req);
    var members = reports.members(id);
    Http.ok(
        res,
        tx.run(
            c -> {
              polls.get(c, id);
              Map<String, Object> out =
                  new LinkedHashMap<>(
                      org.cvote.server.delivery.Deliveries.require(c, id, java.time.Instant.now())
                          .view());
              out.put(
                  "flagged",
                  org.cvote.server.report.DeliveryPackage.flagged(
                      reports.report(c, id, members), lang));
              return out;
            }));
  }

  /** Records a delivery made otherwise (on paper, by hand): {@code {"by": "Văn thư …"}}; once. */
  private void delivered(ServerRequest req, ServerResponse res) {
    Delivered in = Http.json(req, 4096, Delivered.class);
    String by = org.cvote.server.util.Text.required(in.by(), "by", 200);
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        tx.run(
            c -> {
              polls.get(c, id);
              java.time.Instant now = java.time.Instant.now();
              org.cvote.server.delivery.Deliveries.require(c, id, now);
              if (!org.cvote.server.delivery.Deliveries.markDelivered(c, id, now, by)) {
                throw Refusal.conflict(
                    "already_delivered", "the delivery was already recorded", "by");
              }
              audit.append(c, actor, id, "delivery.delivered", by);
              return org.cvote.server.delivery.Deliveries.require(c, id, now).view();
            }));
  }

  /** JSON bytes of the report, for files written beside the record (demo). */
  public static byte[] jsonBytes(Report r, Lang lang) {
    return Json.write(r.json(lang));
  }
}
