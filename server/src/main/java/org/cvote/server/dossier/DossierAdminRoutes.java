package org.cvote.server.dossier;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.Voter;

/**
 * The secretariat's side (bearer session), under {@code /admin/polls/{id}}: the calendar and its
 * reopenings, the dossier files, the persons' and the voters' portal links (slips with QR codes, or
 * a CSV list for e-mail), the requests and answers, and the archive of all of it for the managing
 * authority.
 */
public final class DossierAdminRoutes implements HttpService {
  private static final int LIMIT = 32 * 1024;
  private final Dossiers dossiers;
  private final PollStore polls;
  private final AuditLog audit;
  private final AdminAuth auth;
  private final String publicUrl;

  public DossierAdminRoutes(
      Dossiers dossiers, PollStore polls, AuditLog audit, AdminAuth auth, String publicUrl) {
    this.dossiers = dossiers;
    this.polls = polls;
    this.audit = audit;
    this.auth = auth;
    this.publicUrl = publicUrl;
  }

  public record AnswerInput(String answer) {}

  @Override
  public void routing(HttpRules rules) {
    rules
        .any(auth::filter)
        .get(
            "/{id}/calendar",
            (req, res) ->
                Http.ok(
                    res,
                    dossiers
                        .tx()
                        .run(
                            c -> dossiers.calendar(c, Http.param(req, "id")).view(dossiers.now()))))
        .put(
            "/{id}/calendar",
            (req, res) ->
                Http.ok(
                    res,
                    dossiers
                        .setCalendar(
                            AdminAuth.actor(req),
                            Http.param(req, "id"),
                            Http.json(req, LIMIT, Dossiers.CalendarInput.class))
                        .view(dossiers.now())))
        .post(
            "/{id}/calendar/reopen",
            (req, res) ->
                Http.ok(
                    res,
                    dossiers
                        .reopen(
                            AdminAuth.actor(req),
                            Http.param(req, "id"),
                            Http.json(req, LIMIT, Dossiers.ReopenInput.class))
                        .view(dossiers.now())))
        .get(
            "/{id}/dossier",
            (req, res) ->
                Http.ok(res, dossiers.tx().run(c -> dossiers.overview(c, Http.param(req, "id")))))
        .get("/{id}/dossier/requests", this::requests)
        .post("/{id}/dossier/requests/{rid}/answer", this::answer)
        .get("/{id}/dossier/requests/{rid}/form.html", this::form)
        .get("/{id}/dossier/archive.zip", this::archive)
        .put("/{id}/dossier/{personId}/files/{kind}", this::upload)
        .get("/{id}/dossier/{personId}/files/{kind}", this::download)
        .post("/{id}/dossier/{personId}/link", this::personLink)
        .delete("/{id}/dossier/{personId}/link", this::revokePersonLink)
        .post("/{id}/portal/links", this::voterLinks)
        .post("/{id}/portal/links/{voter}", this::voterLink)
        .delete("/{id}/portal/links/{voter}", this::revokeVoterLink);
  }

  private void requests(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        Map.of(
            "requests",
            dossiers
                .tx()
                .run(
                    c -> {
                      polls.get(c, id);
                      return dossiers.store().requests(c, id).stream()
                          .map(r -> Dossiers.requestView(r, true))
                          .toList();
                    })));
  }

  private void answer(ServerRequest req, ServerResponse res) {
    AnswerInput in = Http.json(req, LIMIT, AnswerInput.class);
    DossierStore.Request r =
        dossiers.answer(
            AdminAuth.actor(req),
            "SECRETARIAT",
            Http.param(req, "id"),
            Http.param(req, "rid"),
            Optional.empty(),
            in.answer(),
            Dossiers.OFFICE);
    Http.ok(res, Dossiers.requestView(r, true));
  }

  /** The request as its Phụ lục 2 form (with the answer, if any), to print. */
  private void form(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    String html =
        dossiers
            .tx()
            .run(
                c -> {
                  Poll p = polls.get(c, id);
                  DossierStore.Request r =
                      dossiers
                          .store()
                          .request(c, id, Http.param(req, "rid"))
                          .orElseThrow(() -> Refusal.notFound("request"));
                  return RequestForm.html(
                      p, dossiers.subject(c, id, r.personId()), r, dossiers.calendar(c, id).zone());
                });
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header(
        HeaderNames.create("Content-Security-Policy"),
        "default-src 'none'; style-src 'unsafe-inline'");
    res.send(html.getBytes(StandardCharsets.UTF_8));
  }

  private void upload(ServerRequest req, ServerResponse res) {
    Kind kind = Kind.parse(Http.param(req, "kind"));
    PdfUpload pdf = PdfUpload.read(req, kind);
    DossierStore.FileInfo f =
        dossiers.upload(
            AdminAuth.actor(req),
            false,
            Http.param(req, "id"),
            Dossiers.personId(Http.param(req, "personId")),
            kind,
            pdf,
            Dossiers.OFFICE);
    Http.ok(
        res,
        Map.of(
            "personId",
            f.personId(),
            "kind",
            kind.field(),
            "size",
            f.size(),
            "sha256",
            f.sha256()));
  }

  private void download(ServerRequest req, ServerResponse res) {
    Kind kind = Kind.parse(Http.param(req, "kind"));
    String id = Http.param(req, "id");
    String person = Dossiers.personId(Http.param(req, "personId"));
    byte[] pdf =
        dossiers
            .tx()
            .run(c -> dossiers.store().file(c, id, person, kind))
            .orElseThrow(() -> Refusal.notFound(kind.field()));
    sendPdf(res, pdf, person + "-" + kind.field() + ".pdf");
  }

  /**
   * PDFs are sent as attachments with their own type and no sniffing: never rendered in the app's
   * origin as a page.
   */
  static void sendPdf(ServerResponse res, byte[] pdf, String filename) {
    res.header(HeaderNames.CONTENT_TYPE, "application/pdf");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header(
        HeaderNames.CONTENT_DISPOSITION,
        "inline; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
    res.header(HeaderNames.create("Content-Security-Policy"), "sandbox; default-src 'none'");
    res.send(pdf);
  }

  private void personLink(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    String person = Dossiers.personId(Http.param(req, "personId"));
    String actor = AdminAuth.actor(req);
    String key =
        dossiers
            .tx()
            .run(
                c -> {
                  polls.get(c, id);
                  dossiers.subject(c, id, person);
                  String k =
                      dossiers
                          .store()
                          .issueKey(c, id, DossierStore.Role.PERSON, person, dossiers.now());
                  audit.append(c, actor, id, "portal.person-link.issued", person);
                  return k;
                });
    Http.created(res, Map.of("personId", person, "url", PortalSlips.link(publicUrl, key)));
  }

  private void revokePersonLink(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    String person = Dossiers.personId(Http.param(req, "personId"));
    String actor = AdminAuth.actor(req);
    boolean revoked =
        dossiers
            .tx()
            .run(
                c -> {
                  boolean r = dossiers.store().revokeKeys(c, id, DossierStore.Role.PERSON, person);
                  if (r) {
                    audit.append(c, actor, id, "portal.person-link.revoked", person);
                  }
                  return r;
                });
    if (!revoked) {
      throw Refusal.notFound("live link of " + person);
    }
    Http.ok(res, Map.of("personId", person, "revoked", true));
  }

  /**
   * Issues a fresh link to every summoned voter (earlier links stop working) and returns them once:
   * {@code ?format=html} printable slips with QR codes, {@code csv} a list to send by e-mail, else
   * JSON.
   */
  private void voterLinks(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    record Issued(Poll poll, List<PortalSlips.Slip> slips) {}
    Issued issued =
        dossiers
            .tx()
            .run(
                c -> {
                  Poll p = polls.get(c, id);
                  List<PortalSlips.Slip> slips = new ArrayList<>();
                  for (Voter v : dossiers.voters(c, id)) {
                    String key =
                        dossiers
                            .store()
                            .issueKey(
                                c,
                                id,
                                DossierStore.Role.VOTER,
                                String.valueOf(v.number()),
                                dossiers.now());
                    slips.add(
                        new PortalSlips.Slip(
                            v.number(), v.name(), v.unit(), PortalSlips.link(publicUrl, key)));
                  }
                  audit.append(c, actor, id, "portal.voter-links.issued", slips.size() + " links");
                  return new Issued(p, slips);
                });
    sendLinks(req, res, issued.poll(), issued.slips());
  }

  private void sendLinks(
      ServerRequest req, ServerResponse res, Poll poll, List<PortalSlips.Slip> slips) {
    String format = req.query().contains("format") ? req.query().get("format") : "json";
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    switch (format) {
      case "html" -> {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(PortalSlips.html(poll, slips).getBytes(StandardCharsets.UTF_8));
      }
      case "csv" -> {
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"portal-links.csv\"");
        res.send(PortalSlips.csv(slips).getBytes(StandardCharsets.UTF_8));
      }
      case "json" -> Http.created(res, Map.of("links", slips));
      default -> throw Refusal.invalid("format", "html, csv or json");
    }
  }

  private void voterLink(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    int no = Http.intParam(req, "voter");
    String actor = AdminAuth.actor(req);
    record Issued(Poll poll, PortalSlips.Slip slip) {}
    Issued issued =
        dossiers
            .tx()
            .run(
                c -> {
                  Poll p = polls.get(c, id);
                  Voter v = dossiers.voter(c, id, no);
                  String key =
                      dossiers
                          .store()
                          .issueKey(
                              c, id, DossierStore.Role.VOTER, String.valueOf(no), dossiers.now());
                  audit.append(c, actor, id, "portal.voter-link.issued", String.valueOf(no));
                  return new Issued(
                      p,
                      new PortalSlips.Slip(
                          no, v.name(), v.unit(), PortalSlips.link(publicUrl, key)));
                });
    sendLinks(req, res, issued.poll(), List.of(issued.slip()));
  }

  private void revokeVoterLink(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    int no = Http.intParam(req, "voter");
    String actor = AdminAuth.actor(req);
    boolean revoked =
        dossiers
            .tx()
            .run(
                c -> {
                  boolean r =
                      dossiers
                          .store()
                          .revokeKeys(c, id, DossierStore.Role.VOTER, String.valueOf(no));
                  if (r) {
                    audit.append(c, actor, id, "portal.voter-link.revoked", String.valueOf(no));
                  }
                  return r;
                });
    if (!revoked) {
      throw Refusal.notFound("live link of voter " + no);
    }
    Http.ok(res, Map.of("voter", no, "revoked", true));
  }

  private void archive(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    byte[] zip =
        dossiers
            .tx()
            .run(
                c -> {
                  byte[] z = DossierArchive.zip(c, dossiers, id);
                  audit.append(c, actor, id, "dossier.archive.exported", z.length + " bytes");
                  return z;
                });
    res.header(HeaderNames.CONTENT_TYPE, "application/zip");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header(
        HeaderNames.CONTENT_DISPOSITION,
        "attachment; filename=\"dossier-" + id.replaceAll("[^A-Za-z0-9_-]", "_") + ".zip\"");
    res.send(zip);
  }
}
