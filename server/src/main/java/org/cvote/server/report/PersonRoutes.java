package org.cvote.server.report;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cvote.crypto.record.Flag;
import org.cvote.crypto.record.TallyFile;
import org.cvote.server.http.Http;
import org.cvote.server.person.People;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.poll.Subject;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;
import org.cvote.server.tally.TallyService;

/**
 * {@code GET /admin/people/{personId}/results} (JSON) and {@code /results.html}: a person's results
 * from each place (poll) side by side, in the order of priority of the places (001 II.1), as the
 * managing authority judges them together (001 §9.4: each place carries the note when there are
 * two). Open to the secretariat (bearer session) and the managing authority (authority key); {@code
 * ?lang=en}.
 */
public final class PersonRoutes implements HttpService {
  private final Tx tx;
  private final PollStore polls;
  private final ResultsAccess access;

  public PersonRoutes(Tx tx, PollStore polls, ResultsAccess access) {
    this.tx = tx;
    this.polls = polls;
    this.access = access;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/{personId}/results", (req, res) -> Http.ok(res, results(req)))
        .get("/{personId}/results.html", this::html);
  }

  private Map<String, Object> results(ServerRequest req) {
    String person =
        req.path().pathParameters().get("personId").strip().toUpperCase(java.util.Locale.ROOT);
    Lang lang = Lang.of(req.query().contains("lang") ? req.query().get("lang") : null);
    return tx.run(
        c -> {
          boolean secretariat = access.secretariat(c, req);
          Optional<org.cvote.server.report.AuthorityKey> key =
              secretariat ? Optional.empty() : access.authorityKey(c, req);
          if (!secretariat && key.isEmpty()) {
            throw Refusal.unauthorized(
                "a secretariat session or a managing-authority key is required");
          }
          List<Map<String, Object>> places = new ArrayList<>();
          String name = null;
          List<People.Place> all = People.places(c, person);
          for (People.Place pl : all) {
            Poll p = polls.get(c, pl.pollId());
            // an authority key sees only the places inside its scope (polls or units, 001 §8)
            if (key.isPresent()
                && !key.get().covers(p, org.cvote.server.poll.PollForm.load(c, p))) {
              continue;
            }
            Subject s =
                polls.subjects(c, p.id()).stream()
                    .filter(x -> x.index() == pl.index())
                    .findFirst()
                    .orElseThrow();
            name = s.name();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pollId", p.id());
            m.put("conference", p.title());
            m.put("place", p.place());
            m.put("date", p.date().toString());
            m.put("status", p.status().name());
            m.put("subject", s.index());
            m.put("name", s.name());
            m.put("position", s.position());
            m.put("unit", s.unit());
            m.put("year", pl.year());
            m.put("priority", pl.priority());
            // 001 §9.4: rated in two places in one year, neither consequence is final on its own
            boolean two = all.stream().filter(o -> o.year() == pl.year()).count() > 1;
            m.put("twoPlaces", two);
            m.put("twoPlacesNote", two ? lang.twoPlacesNote(pl.priority()) : null);
            // the authority reads a result once it is published (as on its results route); the
            // secretariat once tallied
            boolean shown =
                p.status() == PollStatus.PUBLISHED
                    || (secretariat && p.status() == PollStatus.TALLIED);
            Optional<TallyService.Stored> st =
                shown ? TallyService.stored(c, p.id()) : Optional.empty();
            if (st.isPresent()) {
              TallyFile t = st.get().tally();
              TallyFile.Result r =
                  t.results().stream()
                      .filter(x -> x.subject() == s.index())
                      .findFirst()
                      .orElseThrow();
              m.put("collected", t.collected());
              m.put("valid", r.valid());
              m.put("counts", r.counts());
              m.put("percent", r.percent());
              m.put("flag", r.flag().name());
              m.put("flagLabel", lang.flagLabel(r.flag()));
              m.put("consequence", r.flag() == Flag.NONE ? null : lang.consequence(r.flag()));
            } else {
              m.put("result", null);
            }
            places.add(m);
          }
          // one answer for "rated only outside this key's scope" and "no such person": a 403 here
          // would let an
          // authority key learn that a person id exists elsewhere (review of issue 19)
          if (places.isEmpty()) {
            throw Refusal.notFound("person");
          }
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("personId", person);
          out.put("name", name);
          out.put(
              "twoPlaces", places.stream().anyMatch(m -> Boolean.TRUE.equals(m.get("twoPlaces"))));
          out.put("lang", lang.code());
          out.put("places", places);
          return out;
        });
  }

  @SuppressWarnings("unchecked")
  private void html(ServerRequest req, ServerResponse res) {
    Map<String, Object> r = results(req);
    Lang lang = Lang.of(req.query().contains("lang") ? req.query().get("lang") : null);
    List<Map<String, Object>> places = (List<Map<String, Object>>) r.get("places");
    StringBuilder h =
        new StringBuilder("<!DOCTYPE html><html lang=\"")
            .append(lang.code())
            .append("\"><head><meta charset=\"utf-8\"><title>")
            .append(e(r.get("name")))
            .append("</title><style>")
            .append(
                "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em}table{border-collapse:collapse}")
            .append(
                "th,td{border:1px solid #333;padding:.3em .6em;vertical-align:top}td.n{text-align:right}")
            .append("</style></head><body><h1>")
            .append(e(r.get("name")))
            .append(" (")
            .append(e(r.get("personId")))
            .append(")</h1><table><tr><th></th>");
    for (Map<String, Object> p : places) {
      h.append("<th>")
          .append(e(p.get("conference")))
          .append("<br>")
          .append(e(p.get("place")))
          .append(", ")
          .append(e(p.get("date")))
          .append("</th>");
    }
    h.append("</tr>");
    row(
        h,
        lang == Lang.VI ? "Chức vụ, đơn vị công tác" : "Position and unit",
        places,
        p -> p.get("position") + ", " + p.get("unit"));
    row(h, lang == Lang.VI ? "Trạng thái" : "Status", places, p -> String.valueOf(p.get("status")));
    row(
        h,
        lang == Lang.VI ? "Số phiếu thu về" : "Ballots collected",
        places,
        p -> str(p.get("collected")));
    row(h, lang.colValid(), places, p -> str(p.get("valid")));
    for (int j = 0; j < 3; j++) {
      int k = j;
      row(
          h,
          lang.levelName(j),
          places,
          p ->
              p.get("counts") == null
                  ? "—"
                  : ((List<Object>) p.get("counts")).get(k)
                      + " ("
                      + lang.percent(String.valueOf(((List<Object>) p.get("percent")).get(k)))
                      + "%)");
    }
    row(
        h,
        lang == Lang.VI ? "Nơi lấy phiếu (thứ tự ưu tiên)" : "Place (priority)",
        places,
        p -> String.valueOf(p.get("priority")));
    row(
        h,
        lang == Lang.VI ? "Hệ quả" : "Consequence",
        places,
        p ->
            p.get("flag") == null
                ? "—"
                : p.get("consequence") == null
                    ? lang.consequence(Flag.NONE)
                    : String.valueOf(p.get("consequence")));
    row(
        h,
        lang == Lang.VI ? "Ghi chú (mục 9.4)" : "Note (§9.4)",
        places,
        p -> p.get("twoPlacesNote") == null ? "—" : String.valueOf(p.get("twoPlacesNote")));
    h.append("</table><p><i>").append(e(lang.percentNote())).append("</i></p></body></html>\n");
    res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
    res.header(
        io.helidon.http.HeaderNames.create("Content-Security-Policy"),
        "default-src 'none'; style-src 'unsafe-inline'");
    res.send(h.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String str(Object o) {
    return o == null ? "—" : String.valueOf(o);
  }

  private static String e(Object o) {
    return ReportHtml.esc(o == null ? "" : String.valueOf(o));
  }

  private static void row(
      StringBuilder h,
      String label,
      List<Map<String, Object>> places,
      java.util.function.Function<Map<String, Object>, String> cell) {
    h.append("<tr><th>").append(e(label)).append("</th>");
    for (Map<String, Object> p : places) {
      h.append("<td class=\"n\">").append(e(cell.apply(p))).append("</td>");
    }
    h.append("</tr>");
  }
}
