package org.cvote.server.lifecycle;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.poll.ClosingStore;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollForm;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.poll.Visibility;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.store.Tx;
import org.cvote.server.util.Text;

/** {@code /admin/polls}: create, list, inspect, and move polls through their life cycle. */
public final class PollAdminService implements HttpService {
  private static final int LIMIT = 16 * 1024;
  private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private final Tx tx;
  private final PollStore polls;
  private final RosterStore roster;
  private final PollLifecycle lifecycle;
  private final AuditLog audit;
  private final AdminAuth auth;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public PollAdminService(
      Tx tx,
      PollStore polls,
      RosterStore roster,
      PollLifecycle lifecycle,
      AuditLog audit,
      AdminAuth auth,
      Clock clock) {
    this.tx = tx;
    this.polls = polls;
    this.roster = roster;
    this.lifecycle = lifecycle;
    this.audit = audit;
    this.auth = auth;
    this.clock = clock;
  }

  record NewPoll(
      String title,
      String place,
      String date,
      String visibility,
      String endsAt,
      String body,
      String voterGroup,
      String post,
      Integer year,
      String disclosure,
      Integer ballotVersion) {}

  /** The requested ballot version of a draft: 1, 2, or null for automatic. */
  record VersionIn(Integer ballotVersion) {}

  /** The heading of the ballot and the report (Phụ lục 4, 5): {@link PollForm}. */
  record FormIn(String body, String voterGroup, String post, Integer year, String disclosure) {}

  record EndTime(String endsAt) {}

  @Override
  public void routing(HttpRules rules) {
    rules
        .any(auth::filter)
        .post("/", this::create)
        .get("/", this::list)
        .get("/{id}", this::get)
        .post(
            "/{id}/ceremony",
            (req, res) ->
                Http.ok(
                    res,
                    view(lifecycle.startCeremony(AdminAuth.actor(req), Http.param(req, "id")))))
        .post(
            "/{id}/open",
            (req, res) ->
                Http.ok(res, view(lifecycle.open(AdminAuth.actor(req), Http.param(req, "id")))))
        .post(
            "/{id}/close",
            (req, res) ->
                Http.ok(res, view(lifecycle.close(AdminAuth.actor(req), Http.param(req, "id")))))
        .put("/{id}/end-time", this::setEndTime)
        .put("/{id}/form", this::setForm)
        .put("/{id}/ballot-version", this::setBallotVersion)
        .get("/{id}/audit", this::auditTrail);
  }

  private void create(ServerRequest req, ServerResponse res) {
    NewPoll in = Http.json(req, LIMIT, NewPoll.class);
    String title = Text.required(in.title(), "title", 500);
    String place = Text.required(in.place(), "place", 500);
    if (in.date() == null) {
      throw Refusal.missing("date");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(in.date());
    } catch (DateTimeParseException e) {
      throw Refusal.invalid("date", "expected YYYY-MM-DD");
    }
    Visibility vis;
    try {
      vis = in.visibility() == null ? Visibility.PARTICIPANTS : Visibility.valueOf(in.visibility());
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("visibility", "PUBLIC or PARTICIPANTS");
    }
    Instant endsAt = parseInstant(in.endsAt(), "endsAt");
    PollForm form =
        PollForm.of(in.body(), in.voterGroup(), in.post(), in.year(), in.disclosure(), vis, date);
    Integer version = requestedVersion(in.ballotVersion());
    String actor = AdminAuth.actor(req);
    Poll p =
        new Poll(
            newId(),
            title,
            place,
            date,
            vis,
            PollStatus.DRAFT,
            endsAt,
            clock.instant(),
            null,
            null,
            version,
            null);
    tx.exec(
        c -> {
          polls.insert(c, p);
          form.save(c, p.id());
          audit.append(c, actor, p.id(), "poll.created", title);
        });
    Map<String, Object> out = view(p);
    out.put("form", form.view());
    Http.created(res, out);
  }

  private void list(ServerRequest req, ServerResponse res) {
    Http.ok(
        res,
        Map.of("polls", tx.run(c -> polls.list(c)).stream().map(PollAdminService::view).toList()));
  }

  private void get(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        tx.run(
            c -> {
              Poll p = polls.get(c, id);
              Map<String, Object> out = view(p);
              out.put("form", PollForm.load(c, p).view());
              out.put("subjects", polls.subjects(c, id));
              var quorum = roster.quorum(c, id);
              out.put("attendance", quorum);
              out.put("quorumMet", quorum.met());
              out.put(
                  "tokensIssued",
                  count(c, "SELECT COUNT(*) FROM token_issuance WHERE poll_id = ?", id));
              out.put(
                  "closing",
                  ClosingStore.publicJson(
                      c, p)); // N and the head fingerprint to read aloud; null until the close
              // false while the store's write order of a closed poll is not yet erased (retried;
              // docs/security.md); null before close
              out.put(
                  "orderErased",
                  p.status().compareTo(PollStatus.CLOSED) < 0
                      ? null
                      : org.cvote.server.store.OrderEraser.erased(c, id));
              return out;
            }));
  }

  /** Live figures for the console: counts only, never partial results. */
  private static int count(java.sql.Connection c, String sql, String pollId)
      throws java.sql.SQLException {
    try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, pollId);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private void setEndTime(ServerRequest req, ServerResponse res) {
    EndTime in = Http.json(req, LIMIT, EndTime.class);
    Instant endsAt = parseInstant(in.endsAt(), "endsAt");
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        view(
            tx.run(
                c -> {
                  Poll p = polls.get(c, id);
                  PollLifecycle.require(
                      p, PollStatus.DRAFT, PollStatus.CEREMONY, PollStatus.READY, PollStatus.OPEN);
                  polls.setEndsAt(c, id, endsAt);
                  audit.append(c, actor, id, "poll.end-time", String.valueOf(endsAt));
                  return polls.get(c, id);
                })));
  }

  /**
   * Sets the heading until the poll opens (the booth shows it on the ballot); not part of the
   * manifest.
   */
  private void setForm(ServerRequest req, ServerResponse res) {
    FormIn in = Http.json(req, LIMIT, FormIn.class);
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        tx.run(
            c -> {
              Poll p = polls.get(c, id);
              PollLifecycle.require(p, PollStatus.DRAFT, PollStatus.CEREMONY, PollStatus.READY);
              PollForm f =
                  PollForm.of(
                      in.body(),
                      in.voterGroup(),
                      in.post(),
                      in.year(),
                      in.disclosure(),
                      p.visibility(),
                      p.date());
              f.save(c, id);
              audit.append(
                  c,
                  actor,
                  id,
                  "poll.form",
                  f.body() + " / " + f.voterGroup() + " / " + f.post() + " / " + f.year());
              return f.view();
            }));
  }

  /**
   * Sets the requested ballot version while the poll is a draft (docs/protocol.md §16.9): the
   * version is fixed with the manifest at the key ceremony, so afterwards this is a 409.
   */
  private void setBallotVersion(ServerRequest req, ServerResponse res) {
    VersionIn in = Http.json(req, LIMIT, VersionIn.class);
    Integer version = requestedVersion(in.ballotVersion());
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        view(
            tx.run(
                c -> {
                  if (!polls.setRequestedVersion(c, id, version)) {
                    throw PollLifecycle.wrongState(polls.get(c, id), PollStatus.DRAFT);
                  }
                  audit.append(
                      c,
                      actor,
                      id,
                      "poll.ballot-version-requested",
                      version == null ? "automatic" : String.valueOf(version));
                  return polls.get(c, id);
                })));
  }

  /** null (automatic), 1 or 2; anything else is a 400 naming {@code ballotVersion}. */
  static Integer requestedVersion(Integer v) {
    if (v != null && v != 1 && v != org.cvote.crypto.context.EncodingV2.VERSION) {
      throw Refusal.invalid(
          "ballotVersion", "1 or 2, or leave it out for automatic (version 2 when it fits)");
    }
    return v;
  }

  private void auditTrail(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        Map.of(
            "entries",
            tx.run(
                c -> {
                  polls.get(c, id);
                  return audit.forPoll(c, id);
                })));
  }

  private static Instant parseInstant(String s, String field) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(field, "expected an ISO-8601 instant, e.g. 2026-11-23T10:00:00Z");
    }
  }

  /** Short, unguessable, URL-safe ids; never a database sequence. */
  private String newId() {
    StringBuilder sb = new StringBuilder("p-");
    for (int i = 0; i < 12; i++) {
      sb.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return sb.toString();
  }

  public static Map<String, Object> view(Poll p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("title", p.title());
    m.put("place", p.place());
    m.put("date", p.date().toString());
    m.put("visibility", p.visibility().name());
    m.put("status", p.status().name());
    m.put("endsAt", p.endsAt() == null ? null : p.endsAt().toString());
    m.put("createdAt", p.createdAt().toString());
    m.put("Q", p.q());
    // requested while a draft (null = automatic), fixed from the ceremony on (null = an older,
    // version 1 poll); base is B of a fixed version 2 poll (docs/protocol.md §16.9)
    m.put("ballotVersion", p.ballotVersion());
    m.put("base", p.base());
    m.put("ballotVersionFixed", p.manifestFixed());
    return m;
  }
}
