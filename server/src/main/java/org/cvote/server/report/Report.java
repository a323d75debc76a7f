package org.cvote.server.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cvote.crypto.record.Flag;
import org.cvote.crypto.record.TallyFile;
import org.cvote.server.poll.PollForm;

/**
 * The counting report of Phụ lục 5 ("Báo cáo kết quả phiếu tín nhiệm") of one tallied poll. Every
 * figure is taken from the poll's {@link TallyFile} (the {@code tally.json} of the record):
 * attendance, issued, collected, and per subject the valid ballots, counts, percentages of
 * collected ({@code Percent}) and flag ({@code Flag}). Nothing is recomputed here, so the report
 * and the record cannot disagree.
 */
public record Report(
    String pollId,
    String title,
    String place,
    LocalDate date,
    Instant countFrom,
    Instant countTo,
    List<Member> committee,
    int head,
    TallyFile tally,
    List<SubjectRow> subjects,
    PollForm form,
    List<Exempted> exempted,
    List<Observer> observers) {
  /** Times are shown in Vietnam's time zone (the conferences are held there). */
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /** A counting committee member (index 1..n, name as registered). */
  public record Member(int index, String name) {}

  /**
   * Who a row of the ballot is: index 1..S, the person's stable id, name, position and unit; {@code
   * place} is 0 when the person is rated in this poll only, else 1 or 2, the priority of this place
   * among the person's two places (001 II.1) — the consequence is then not final here (001 §9.4).
   */
  public record SubjectRow(
      int index, String personId, String name, String position, String unit, int place) {
    public SubjectRow(int index, String personId, String name, String position, String unit) {
      this(index, personId, name, position, unit, 0);
    }

    public boolean twoPlaces() {
      return place != 0;
    }
  }

  /**
   * A person not rated this year (001 II.1): announced retirement, or elected/appointed in the year
   * of the vote.
   */
  public record Exempted(
      String personId, String name, String position, String unit, String reason, LocalDate since) {}

  /**
   * An observer of the superior level attending the count (001 III.1): name and the body they
   * represent.
   */
  public record Observer(String name, String body) {}

  /**
   * The report without the heading, exemptions and observers (what tests and older callers build).
   */
  public Report(
      String pollId,
      String title,
      String place,
      LocalDate date,
      Instant countFrom,
      Instant countTo,
      List<Member> committee,
      int head,
      TallyFile tally,
      List<SubjectRow> subjects) {
    this(
        pollId,
        title,
        place,
        date,
        countFrom,
        countTo,
        committee,
        head,
        tally,
        subjects,
        PollForm.empty(date),
        List.of(),
        List.of());
  }

  public Report {
    Objects.requireNonNull(tally, "tally");
    Objects.requireNonNull(form, "form");
    committee = List.copyOf(committee);
    subjects = List.copyOf(subjects);
    exempted = List.copyOf(exempted);
    observers = List.copyOf(observers);
    if (tally.results().size() != subjects.size()) {
      throw new IllegalArgumentException(
          "the tally has "
              + tally.results().size()
              + " results for "
              + subjects.size()
              + " subjects");
    }
  }

  /** The tally result of subject {@code index} (1-based). */
  public TallyFile.Result result(int index) {
    for (TallyFile.Result r : tally.results()) {
      if (r.subject() == index) {
        return r;
      }
    }
    throw new IllegalArgumentException("no result for subject " + index);
  }

  /** The report restricted to one person's row (what the subject themself is shown). */
  public Report only(String personId) {
    List<SubjectRow> rows =
        subjects.stream().filter(s -> personId != null && personId.equals(s.personId())).toList();
    List<TallyFile.Result> results = rows.stream().map(s -> result(s.index())).toList();
    TallyFile t =
        new TallyFile(
            tally.summoned(),
            tally.present(),
            tally.absentFromStart(),
            tally.presentAtVoting(),
            tally.issued(),
            tally.collected(),
            results);
    return new Report(
        pollId,
        title,
        place,
        date,
        countFrom,
        countTo,
        committee,
        head,
        t,
        rows,
        form,
        exempted.stream().filter(e -> personId != null && personId.equals(e.personId())).toList(),
        observers);
  }

  /**
   * The committee head's name (member 1 unless the secretariat named another), or "…" without a
   * committee.
   */
  public String headName() {
    return committee.stream()
        .filter(m -> m.index() == head)
        .map(Member::name)
        .findFirst()
        .orElse("…");
  }

  public String time(Instant t, Lang lang) {
    if (t == null) {
      return "…";
    }
    ZonedDateTime z = t.atZone(ZONE);
    return lang.time(z.getHour(), z.getMinute());
  }

  /** dd/MM/yyyy, as the forms write dates. */
  public static String dmy(LocalDate d) {
    return String.format("%02d/%02d/%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
  }

  public String countDate() {
    LocalDate d = countTo != null ? countTo.atZone(ZONE).toLocalDate() : date;
    return String.format("%02d/%02d/%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
  }

  /** The opening sentence of the form, with the time of the count, the place and the committee. */
  public String intro(Lang lang) {
    return lang.intro(
        time(countFrom, lang),
        time(countTo, lang),
        countDate(),
        place,
        committee.size(),
        headName(),
        form.voterGroup(),
        form.post(),
        form.year());
  }

  public String placeDate(Lang lang) {
    LocalDate d = countTo != null ? countTo.atZone(ZONE).toLocalDate() : date;
    return lang.placeDate(place, d.getDayOfMonth(), d.getMonthValue(), d.getYear());
  }

  /**
   * The JSON form: the same figures as tally.json, with names, the committee, the time of the count
   * and the wording.
   */
  public Map<String, Object> json(Lang lang) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("lang", lang.code());
    out.put("heading", lang.heading());
    out.put("confidential", true);
    out.put("pollId", pollId);
    out.put("conference", title);
    out.put("place", place);
    out.put("date", date.toString());
    out.put("body", form.body());
    out.put("voterGroup", form.voterGroup());
    out.put("post", form.post());
    out.put("year", form.year());
    Map<String, Object> count = new LinkedHashMap<>();
    count.put("from", countFrom == null ? null : countFrom.toString());
    count.put("to", countTo == null ? null : countTo.toString());
    count.put(
        "fromLocal",
        countFrom == null ? null : countFrom.atZone(ZONE).toLocalDateTime().toString());
    count.put(
        "toLocal", countTo == null ? null : countTo.atZone(ZONE).toLocalDateTime().toString());
    count.put("zone", ZONE.getId());
    out.put("count", count);
    List<Map<String, Object>> members = new ArrayList<>();
    for (Member m : committee) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("index", m.index());
      mm.put("name", m.name());
      mm.put("head", m.index() == head);
      members.add(mm);
    }
    Map<String, Object> com = new LinkedHashMap<>();
    com.put("members", members);
    com.put("head", Map.of("index", head, "name", headName()));
    out.put("committee", com);
    out.put("intro", intro(lang));
    Map<String, Object> att = new LinkedHashMap<>();
    att.put("summoned", tally.summoned());
    att.put("present", tally.present());
    att.put("absentFromStart", tally.absentFromStart());
    att.put("presentAtVoting", tally.presentAtVoting());
    att.put("issued", tally.issued());
    att.put("collected", tally.collected());
    out.put("attendance", att);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SubjectRow s : subjects) {
      TallyFile.Result r = result(s.index());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("index", s.index());
      row.put("personId", s.personId());
      row.put("name", s.name());
      row.put("position", s.position());
      row.put("unit", s.unit());
      row.put("valid", r.valid());
      row.put("invalid", tally.collected() - r.valid());
      List<Map<String, Object>> levels = new ArrayList<>();
      String[] keys = {"HIGH", "MID", "LOW"};
      for (int j = 0; j < 3; j++) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("level", keys[j]);
        l.put("label", lang.levelName(j));
        l.put("count", r.counts().get(j));
        l.put("percent", r.percent().get(j));
        l.put("percentText", lang.percent(r.percent().get(j)));
        levels.add(l);
      }
      row.put("levels", levels);
      row.put("flag", r.flag().name());
      row.put("flagLabel", lang.flagLabel(r.flag()));
      row.put("consequence", r.flag() == Flag.NONE ? null : lang.consequence(r.flag()));
      row.put("place", s.place());
      row.put("final", !s.twoPlaces());
      row.put("twoPlacesNote", s.twoPlaces() ? lang.twoPlacesNote(s.place()) : null);
      rows.add(row);
    }
    out.put("results", rows);
    List<Map<String, Object>> ex = new ArrayList<>();
    for (Exempted e : exempted) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("personId", e.personId());
      m.put("name", e.name());
      m.put("position", e.position());
      m.put("unit", e.unit());
      m.put("reason", e.reason());
      m.put("reasonText", lang.exemptionReason(e.reason()));
      m.put("since", e.since() == null ? null : e.since().toString());
      ex.add(m);
    }
    out.put("exempted", ex);
    List<Map<String, Object>> obs = new ArrayList<>();
    for (Observer o : observers) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", o.name());
      m.put("body", o.body());
      obs.add(m);
    }
    out.put("observers", obs);
    out.put("percentNote", lang.percentNote());
    out.put("copies", lang.copies());
    out.put("signature", lang.signFor());
    out.put("placeDate", placeDate(lang));
    return out;
  }
}
