package org.cvote.server.dossier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.person.People;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.poll.Subject;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.roster.Voter;
import org.cvote.server.store.Tx;

/**
 * The weeks before the vote (docs/dossier.md): the calendar and its deadlines, the dossier files,
 * the portal keys, the written requests and the answers. Every write checks its deadline against
 * the server's clock and is audited in its own transaction; reads (a voter opening a dossier) are
 * never recorded.
 */
public final class Dossiers {
  public static final int MAX_TEXT = 8000;
  public static final int MAX_REASON = 1000;

  private final Tx tx;
  private final PollStore polls;
  private final RosterStore roster;
  private final CalendarStore calendars;
  private final DossierStore store;
  private final AuditLog audit;
  private final Clock clock;

  public Dossiers(Tx tx, PollStore polls, RosterStore roster, AuditLog audit, Clock clock) {
    this.tx = tx;
    this.polls = polls;
    this.roster = roster;
    this.calendars = new CalendarStore();
    this.store = new DossierStore();
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Who may write, checked in the write's own transaction: a portal key revoked a moment before
   * cannot slip a request, an answer or a file in between its check and the write. The
   * secretariat's routes pass {@link #OFFICE}.
   */
  @FunctionalInterface
  public interface Guard {
    void check(Connection c) throws SQLException;
  }

  public static final Guard OFFICE = c -> {};

  public Tx tx() {
    return tx;
  }

  public DossierStore store() {
    return store;
  }

  public Instant now() {
    return clock.instant();
  }

  public Poll poll(Connection c, String pollId) throws SQLException {
    return polls.get(c, pollId);
  }

  public Calendar calendar(Connection c, String pollId) throws SQLException {
    return calendars.load(c, polls.get(c, pollId));
  }

  // ---- calendar

  public record CalendarInput(
      String timeZone,
      Integer report,
      Integer dossier,
      Integer requests,
      Integer answers,
      Integer forward) {}

  public Calendar setCalendar(String actor, String pollId, CalendarInput in) {
    ZoneId zone = zone(in.timeZone());
    Offsets o = Offsets.of(in.report(), in.dossier(), in.requests(), in.answers(), in.forward());
    return tx.run(
        c -> {
          Poll p = polls.get(c, pollId);
          requireBeforeVote(p);
          calendars.set(c, pollId, zone, o);
          audit.append(
              c,
              actor,
              pollId,
              "calendar.set",
              zone.getId()
                  + " D-"
                  + o.report()
                  + "/-"
                  + o.dossier()
                  + "/-"
                  + o.requests()
                  + "/-"
                  + o.answers()
                  + "/-"
                  + o.forward());
          return calendars.load(c, p);
        });
  }

  static ZoneId zone(String s) {
    if (s == null || s.isBlank()) {
      return Calendar.DEFAULT_ZONE;
    }
    try {
      ZoneId z = ZoneId.of(s.strip());
      // a region (Asia/Ho_Chi_Minh), not a bare offset: the conference's local rules decide
      // midnight
      if (!(z.getId().contains("/"))) {
        throw Refusal.invalid("timeZone", "a region time zone such as Asia/Ho_Chi_Minh");
      }
      return z;
    } catch (java.time.DateTimeException e) {
      throw Refusal.invalid("timeZone", "unknown time zone (expected e.g. Asia/Ho_Chi_Minh)");
    }
  }

  public record ReopenInput(String step, String until, String reason) {}

  /**
   * Reopens a step to the end of {@code until} (a day from today to the eve of the poll), with the
   * reason audited.
   */
  public Calendar reopen(String actor, String pollId, ReopenInput in) {
    Step step = Step.parse(in.step(), "step");
    if (in.until() == null) {
      throw Refusal.missing("until");
    }
    LocalDate until;
    try {
      until = LocalDate.parse(in.until().strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw Refusal.invalid("until", "expected YYYY-MM-DD");
    }
    String reason = in.reason() == null ? "" : in.reason().strip();
    if (reason.length() < 5) {
      throw Refusal.invalid("reason", "state the reason for reopening (at least 5 characters)");
    }
    if (reason.length() > MAX_REASON) {
      throw Refusal.invalid("reason", "at most " + MAX_REASON + " characters");
    }
    Instant now = clock.instant();
    return tx.run(
        c -> {
          Poll p = polls.get(c, pollId);
          requireBeforeVote(p);
          Calendar cal = calendars.load(c, p);
          if (until.isBefore(cal.today(now))) {
            throw Refusal.invalid("until", "the new last day cannot be in the past");
          }
          if (!until.isBefore(p.date())) {
            throw Refusal.invalid("until", "the new last day must come before the poll date");
          }
          calendars.reopen(c, pollId, step, until, reason, actor, now);
          audit.append(
              c,
              actor,
              pollId,
              "calendar.reopened",
              step.name() + " until " + until + ": " + reason);
          return calendars.load(c, p);
        });
  }

  private static void requireBeforeVote(Poll p) {
    if (p.status() != PollStatus.DRAFT && p.status() != PollStatus.READY) {
      throw Refusal.conflict(
          "wrong_status",
          "the calendar before the vote is closed once the poll has opened (status "
              + p.status()
              + ")");
    }
  }

  // ---- people and voters

  /** The subject a person id names in this poll, or 404. */
  public Subject subject(Connection c, String pollId, String personId) throws SQLException {
    for (Map.Entry<Integer, String> e : People.ofPoll(c, pollId).entrySet()) {
      if (personId.equals(e.getValue())) {
        int idx = e.getKey();
        return polls.subjects(c, pollId).stream()
            .filter(s -> s.index() == idx)
            .findFirst()
            .orElseThrow();
      }
    }
    throw Refusal.notFound("person " + personId + " in this poll");
  }

  public static String personId(String raw) {
    return raw == null ? "" : raw.strip().toUpperCase(java.util.Locale.ROOT);
  }

  /** Subjects with their person ids, in ballot order. */
  public List<Map.Entry<String, Subject>> people(Connection c, String pollId) throws SQLException {
    Map<Integer, String> ids = People.ofPoll(c, pollId);
    List<Map.Entry<String, Subject>> out = new ArrayList<>();
    for (Subject s : polls.subjects(c, pollId)) {
      String id = ids.get(s.index());
      if (id != null) {
        out.add(Map.entry(id, s));
      }
    }
    return out;
  }

  public Voter voter(Connection c, String pollId, int voterNo) throws SQLException {
    return roster.find(c, pollId, voterNo).orElseThrow(() -> Refusal.notFound("voter"));
  }

  public List<Voter> voters(Connection c, String pollId) throws SQLException {
    return roster.list(c, pollId);
  }

  // ---- files

  /**
   * Stores a checked PDF. The person's own upload closes with the REPORT step; the secretariat's
   * does not (late is shown).
   */
  public DossierStore.FileInfo upload(
      String actor,
      boolean byPerson,
      String pollId,
      String personId,
      Kind kind,
      PdfUpload pdf,
      Guard guard) {
    Instant now = clock.instant();
    return tx.run(
        c -> {
          guard.check(c);
          Poll p = polls.get(c, pollId);
          requireBeforeVote(p);
          subject(c, pollId, personId);
          if (byPerson) {
            calendars.load(c, p).require(Step.REPORT, now);
          }
          store.putFile(
              c, pollId, personId, kind, pdf.bytes(), byPerson ? "PERSON" : "SECRETARIAT", now);
          DossierStore.FileInfo info =
              store.files(c, pollId).stream()
                  .filter(f -> f.personId().equals(personId) && f.kind() == kind)
                  .findFirst()
                  .orElseThrow();
          audit.append(
              c,
              actor,
              pollId,
              "dossier.uploaded",
              personId + " " + kind.field() + " " + info.size() + " bytes sha256 " + info.sha256());
          return info;
        });
  }

  // ---- requests and answers

  public record RequestInput(String personId, String content) {}

  /** A voter's written request (Phụ lục 2), in the voter's name, until the REQUESTS step closes. */
  public DossierStore.Request fileRequest(
      String pollId, int voterNo, RequestInput in, Guard guard) {
    if (in.personId() == null || in.personId().isBlank()) {
      throw Refusal.missing("personId");
    }
    String content = text(in.content(), "content");
    String person = personId(in.personId());
    Instant now = clock.instant();
    return tx.run(
        c -> {
          guard.check(c);
          Poll p = polls.get(c, pollId);
          requireBeforeVote(p);
          subject(c, pollId, person);
          calendars.load(c, p).require(Step.REQUESTS, now);
          Voter v = voter(c, pollId, voterNo);
          DossierStore.Request r =
              store.file(c, pollId, person, voterNo, v.name(), v.unit(), content, now);
          audit.append(c, "voter " + voterNo, pollId, "request.filed", r.id() + " to " + person);
          return r;
        });
  }

  /**
   * The person's answer (by their link, or entered by the secretariat), once per request, until the
   * ANSWERS step closes.
   */
  public DossierStore.Request answer(
      String actor,
      String by,
      String pollId,
      String requestId,
      Optional<String> onlyPerson,
      String text,
      Guard guard) {
    String answer = text(text, "answer");
    Instant now = clock.instant();
    return tx.run(
        c -> {
          guard.check(c);
          Poll p = polls.get(c, pollId);
          requireBeforeVote(p);
          DossierStore.Request r =
              store.request(c, pollId, requestId).orElseThrow(() -> Refusal.notFound("request"));
          if (onlyPerson.isPresent() && !onlyPerson.get().equals(r.personId())) {
            throw Refusal.notFound("request");
          }
          calendars.load(c, p).require(Step.ANSWERS, now);
          if (!store.answer(c, pollId, requestId, answer, by, now)) {
            throw Refusal.conflict(
                "already_answered", "this request already has an answer", "answer");
          }
          audit.append(c, actor, pollId, "request.answered", requestId + " by " + by);
          return store.request(c, pollId, requestId).orElseThrow();
        });
  }

  static String text(String s, String field) {
    if (s == null || s.isBlank()) {
      throw Refusal.missing(field);
    }
    String t = s.strip();
    if (t.length() > MAX_TEXT) {
      throw Refusal.invalid(field, "at most " + MAX_TEXT + " characters");
    }
    if (t.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t')) {
      throw Refusal.invalid(field, "control characters are not allowed");
    }
    return t;
  }

  // ---- what the console shows

  /**
   * Per person: files received or missing, requests open and answered, deadlines met, missed or
   * reopened.
   */
  public Map<String, Object> overview(Connection c, String pollId) throws SQLException {
    Poll p = polls.get(c, pollId);
    Calendar cal = calendars.load(c, p);
    Instant now = clock.instant();
    List<DossierStore.FileInfo> files = store.files(c, pollId);
    List<DossierStore.Request> requests = store.requests(c, pollId);
    List<String> linked = store.liveHolders(c, pollId, DossierStore.Role.PERSON);
    List<Map<String, Object>> people = new ArrayList<>();
    for (Map.Entry<String, Subject> e : people(c, pollId)) {
      String id = e.getKey();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("personId", id);
      m.put("index", e.getValue().index());
      m.put("name", e.getValue().name());
      m.put("position", e.getValue().position());
      boolean allOnTime = true;
      boolean allIn = true;
      for (Kind k : Kind.values()) {
        Optional<DossierStore.FileInfo> f =
            files.stream().filter(x -> x.personId().equals(id) && x.kind() == k).findFirst();
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("received", f.isPresent());
        f.ifPresent(
            x -> {
              fm.put("uploadedAt", x.uploadedAt().toString());
              fm.put("by", x.uploadedBy());
              fm.put("size", x.size());
              fm.put("late", !x.uploadedAt().isBefore(cal.plannedClosesAt(Step.REPORT)));
            });
        allIn &= f.isPresent();
        allOnTime &=
            f.isPresent() && f.get().uploadedAt().isBefore(cal.plannedClosesAt(Step.REPORT));
        m.put(k.field(), fm);
      }
      List<DossierStore.Request> mine =
          requests.stream().filter(r -> r.personId().equals(id)).toList();
      long answered = mine.stream().filter(DossierStore.Request::answered).count();
      long overdue =
          mine.stream().filter(r -> !r.answered() && !cal.isOpen(Step.ANSWERS, now)).count();
      m.put(
          "requests",
          Map.of("open", mine.size() - answered, "answered", answered, "overdue", overdue));
      boolean answersOnTime =
          mine.stream()
              .allMatch(
                  r -> r.answered() && r.answeredAt().isBefore(cal.plannedClosesAt(Step.ANSWERS)));
      Map<String, Object> deadlines = new LinkedHashMap<>();
      deadlines.put("REPORT", state(cal, Step.REPORT, now, allIn && allOnTime));
      deadlines.put(
          "ANSWERS",
          state(
              cal,
              Step.ANSWERS,
              now,
              answersOnTime && (!mine.isEmpty() || !cal.isOpen(Step.ANSWERS, now))));
      m.put("deadlines", deadlines);
      m.put("personLink", linked.contains(id));
      people.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pollId", pollId);
    out.put("calendar", cal.view(now));
    out.put("people", people);
    out.put(
        "openRequests",
        requests.stream().filter(r -> !r.answered()).map(r -> requestView(r, true)).toList());
    out.put(
        "overdueAnswers",
        requests.stream()
            .filter(r -> !r.answered() && !cal.isOpen(Step.ANSWERS, now))
            .map(r -> requestView(r, true))
            .toList());
    out.put("portalLinks", store.liveHolders(c, pollId, DossierStore.Role.VOTER).size());
    out.put("voters", roster.list(c, pollId).size());
    return out;
  }

  /** met (done before the planned last day), missed (not done by then), reopened, or pending. */
  private static String state(Calendar cal, Step s, Instant now, boolean doneOnTime) {
    if (cal.reopened().containsKey(s)) {
      return "reopened";
    }
    if (doneOnTime) {
      return "met";
    }
    return now.isBefore(cal.plannedClosesAt(s)) ? "pending" : "missed";
  }

  public static Map<String, Object> requestView(DossierStore.Request r, boolean withVoter) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("personId", r.personId());
    if (withVoter) {
      m.put("voter", r.voterNo());
      m.put("voterName", r.voterName());
      m.put("voterUnit", r.voterUnit());
    }
    m.put("content", r.content());
    m.put("filedAt", r.filedAt().toString());
    m.put("answer", r.answer());
    m.put("answeredBy", r.answeredBy());
    m.put("answeredAt", r.answeredAt() == null ? null : r.answeredAt().toString());
    return m;
  }
}
