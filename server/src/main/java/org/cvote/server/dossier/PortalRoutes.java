package org.cvote.server.dossier;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cvote.server.http.Http;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStore;
import org.cvote.server.poll.Subject;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.Voter;

/**
 * {@code /api/portal}: the page a voter or a person rated opens with a personal link. The key
 * travels in the {@code X-Portal-Key} header (the page reads it from the URL fragment). A voter
 * reads every dossier of the poll and files written requests, and sees the answers to their own
 * requests only; a person uploads their own files and answers the requests put to them. Nothing
 * here reads or writes a ballot, a token or an access code, and no reading is recorded.
 */
public final class PortalRoutes implements HttpService {
  public static final String HEADER = "X-Portal-Key";
  private static final int LIMIT = 32 * 1024;
  private final Dossiers dossiers;
  private final PollStore polls;

  public PortalRoutes(Dossiers dossiers, PollStore polls) {
    this.dossiers = dossiers;
    this.polls = polls;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get(
            "/criteria",
            (req, res) ->
                Http.ok(res, Criteria.view())) // public text of the plan: the booth shows it
        .get("/", this::me)
        .get("/files/{personId}/{kind}", this::download)
        .put("/files/{kind}", this::upload)
        .post("/requests", this::file)
        .post("/requests/{rid}/answer", this::answer);
  }

  private DossierStore.Holder holder(Connection c, ServerRequest req) throws SQLException {
    String key = req.headers().first(HeaderNames.create(HEADER)).orElse(null);
    return dossiers
        .store()
        .resolve(c, key)
        .orElseThrow(
            () ->
                Refusal.unauthorized(
                    "portal link unknown or revoked / đường dẫn không hợp lệ hoặc đã bị thu hồi"));
  }

  private DossierStore.Holder holder(ServerRequest req) {
    return dossiers.tx().run(c -> holder(c, req));
  }

  /** The key still belongs to the same holder, checked again inside the write's transaction. */
  private Dossiers.Guard still(ServerRequest req, DossierStore.Holder h) {
    return c -> {
      if (!h.equals(holder(c, req))) {
        throw Refusal.unauthorized("portal link unknown or revoked");
      }
    };
  }

  private void me(ServerRequest req, ServerResponse res) {
    Http.ok(
        res,
        dossiers
            .tx()
            .run(
                c -> {
                  DossierStore.Holder h = holder(c, req);
                  Poll p = polls.get(c, h.pollId());
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("pollId", p.id());
                  m.put("title", p.title());
                  m.put("place", p.place());
                  m.put("date", p.date().toString());
                  m.put("role", h.role().name());
                  m.put("calendar", dossiers.calendar(c, p.id()).view(dossiers.now()));
                  m.put("criteria", Criteria.view());
                  List<DossierStore.FileInfo> files = dossiers.store().files(c, p.id());
                  List<Map<String, Object>> people = new ArrayList<>();
                  for (Map.Entry<String, Subject> e : dossiers.people(c, p.id())) {
                    if (h.role() == DossierStore.Role.PERSON && !h.holder().equals(e.getKey())) {
                      continue;
                    }
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("personId", e.getKey());
                    x.put("index", e.getValue().index());
                    x.put("name", e.getValue().name());
                    x.put("position", e.getValue().position());
                    x.put("unit", e.getValue().unit());
                    for (Kind k : Kind.values()) {
                      x.put(
                          k.field(),
                          files.stream()
                              .anyMatch(f -> f.personId().equals(e.getKey()) && f.kind() == k));
                    }
                    people.add(x);
                  }
                  m.put("people", people);
                  if (h.role() == DossierStore.Role.VOTER) {
                    Voter v = dossiers.voter(c, p.id(), Integer.parseInt(h.holder()));
                    m.put("me", Map.of("voter", v.number(), "name", v.name(), "unit", v.unit()));
                    m.put(
                        "requests",
                        dossiers.store().requestsOfVoter(c, p.id(), v.number()).stream()
                            .map(r -> Dossiers.requestView(r, false))
                            .toList());
                  } else {
                    m.put(
                        "me",
                        Map.of(
                            "personId",
                            h.holder(),
                            "name",
                            people.isEmpty() ? "" : people.get(0).get("name")));
                    m.put(
                        "requests",
                        dossiers.store().requestsToPerson(c, p.id(), h.holder()).stream()
                            .map(r -> Dossiers.requestView(r, true))
                            .toList());
                  }
                  return m;
                }));
  }

  /** A voter of the poll reads any person's files; a person reads their own. */
  private void download(ServerRequest req, ServerResponse res) {
    Kind kind = Kind.parse(Http.param(req, "kind"));
    String person = Dossiers.personId(Http.param(req, "personId"));
    byte[] pdf =
        dossiers
            .tx()
            .run(
                c -> {
                  DossierStore.Holder h = holder(c, req);
                  if (h.role() == DossierStore.Role.PERSON && !h.holder().equals(person)) {
                    throw Refusal.notFound(kind.field());
                  }
                  return dossiers.store().file(c, h.pollId(), person, kind);
                })
            .orElseThrow(() -> Refusal.notFound(kind.field()));
    DossierAdminRoutes.sendPdf(res, pdf, person + "-" + kind.field() + ".pdf");
  }

  private void upload(ServerRequest req, ServerResponse res) {
    Kind kind = Kind.parse(Http.param(req, "kind"));
    DossierStore.Holder h = holder(req);
    if (h.role() != DossierStore.Role.PERSON) {
      throw Refusal.forbidden("not_person", "only the person rated uploads a dossier here");
    }
    PdfUpload pdf = PdfUpload.read(req, kind);
    DossierStore.FileInfo f =
        dossiers.upload(
            "person " + h.holder(), true, h.pollId(), h.holder(), kind, pdf, still(req, h));
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

  private void file(ServerRequest req, ServerResponse res) {
    Dossiers.RequestInput in = Http.json(req, LIMIT, Dossiers.RequestInput.class);
    DossierStore.Holder h = holder(req);
    if (h.role() != DossierStore.Role.VOTER) {
      throw Refusal.forbidden("not_voter", "only a voter files a written request");
    }
    DossierStore.Request r =
        dossiers.fileRequest(h.pollId(), Integer.parseInt(h.holder()), in, still(req, h));
    Http.created(res, Dossiers.requestView(r, false));
  }

  private void answer(ServerRequest req, ServerResponse res) {
    DossierAdminRoutes.AnswerInput in = Http.json(req, LIMIT, DossierAdminRoutes.AnswerInput.class);
    DossierStore.Holder h = holder(req);
    if (h.role() != DossierStore.Role.PERSON) {
      throw Refusal.forbidden("not_person", "only the person asked answers here");
    }
    DossierStore.Request r =
        dossiers.answer(
            "person " + h.holder(),
            "PERSON",
            h.pollId(),
            Http.param(req, "rid"),
            Optional.of(h.holder()),
            in.answer(),
            still(req, h));
    Http.ok(res, Dossiers.requestView(r, true));
  }
}
