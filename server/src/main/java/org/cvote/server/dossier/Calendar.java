package org.cvote.server.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cvote.server.refusal.Refusal;

/**
 * A poll's calendar before the vote: each {@link Step}'s last day is the poll date minus its
 * offset, and a step stays open to the end of that day in the poll's time zone (so "D−10" closes at
 * midnight where the conference is held, not at midnight UTC). A reopening replaces a step's last
 * day.
 */
public record Calendar(
    LocalDate pollDate, ZoneId zone, Offsets offsets, Map<Step, Reopening> reopened) {
  /** The zone a poll has until the secretariat sets another: where the conferences are held. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /** Dates the Vietnamese way. */
  public static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  public record Reopening(Step step, LocalDate until, String reason, String actor, Instant at) {}

  public Calendar {
    reopened = reopened.isEmpty() ? Map.of() : new EnumMap<>(reopened);
  }

  /** The step's last day as planned (before any reopening). */
  public LocalDate plannedLastDay(Step s) {
    return pollDate.minusDays(offsets.days(s));
  }

  /** The step's last day now: the reopening's, if any. */
  public LocalDate lastDay(Step s) {
    Reopening r = reopened.get(s);
    return r != null ? r.until() : plannedLastDay(s);
  }

  /**
   * The first instant after the step's last day, in the poll's zone (start of the next day;
   * DST-safe).
   */
  public Instant closesAt(Step s) {
    return endOfDay(lastDay(s));
  }

  public Instant plannedClosesAt(Step s) {
    return endOfDay(plannedLastDay(s));
  }

  private Instant endOfDay(LocalDate d) {
    return d.plusDays(1).atStartOfDay(zone).toInstant();
  }

  public boolean isOpen(Step s, Instant now) {
    return now.isBefore(closesAt(s));
  }

  public LocalDate today(Instant now) {
    return now.atZone(zone).toLocalDate();
  }

  /** Refuses (409 deadline_passed, naming the step) once the step's last day is over. */
  public void require(Step s, Instant now) {
    if (isOpen(s, now)) {
      return;
    }
    String day = VN_DATE.format(lastDay(s));
    throw Refusal.conflict(
        "deadline_passed",
        "Đã hết hạn: "
            + s.vi()
            + " — hết ngày "
            + day
            + " (D−"
            + offsets.days(s)
            + ", giờ "
            + zone.getId()
            + "). / The deadline has passed: "
            + s.en().toLowerCase(java.util.Locale.ROOT)
            + " was "
            + day
            + " (end of day, "
            + zone.getId()
            + "); the secretariat can reopen it.",
        s.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The calendar as the console and portal show it. */
  public Map<String, Object> view(Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pollDate", pollDate.toString());
    m.put("pollDateVi", VN_DATE.format(pollDate));
    m.put("timeZone", zone.getId());
    Map<String, Object> off = new LinkedHashMap<>();
    for (Step s : Step.values()) {
      off.put(s.name().toLowerCase(java.util.Locale.ROOT), offsets.days(s));
    }
    m.put("offsets", off);
    List<Map<String, Object>> steps = new java.util.ArrayList<>();
    for (Step s : Step.values()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("step", s.name());
      x.put("offset", offsets.days(s));
      x.put("vi", s.vi());
      x.put("en", s.en());
      x.put("lastDay", lastDay(s).toString());
      x.put("lastDayVi", VN_DATE.format(lastDay(s)));
      x.put("plannedLastDay", plannedLastDay(s).toString());
      x.put("closesAt", closesAt(s).toString());
      x.put("open", isOpen(s, now));
      Reopening r = reopened.get(s);
      if (r != null) {
        x.put(
            "reopened",
            Map.of(
                "until",
                r.until().toString(),
                "reason",
                r.reason(),
                "by",
                r.actor(),
                "at",
                r.at().toString()));
      }
      steps.add(x);
    }
    m.put("steps", steps);
    return m;
  }
}
