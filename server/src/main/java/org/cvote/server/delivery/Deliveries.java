package org.cvote.server.delivery;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cvote.server.refusal.Refusal;

/**
 * The delivery of a published poll's results to the managing authority (001 §7.1: "gửi về … trong
 * thời gian 7 ngày làm việc sau khi kết thúc lấy phiếu tín nhiệm"): created when the poll is
 * published, in the same transaction; due on the 7th working day after the day voting ended
 * (Vietnam's calendar day; weekends and the listed holidays skipped); delivered when the authority
 * fetches it with its key, or when the secretariat records a delivery made otherwise (on paper).
 */
public final class Deliveries {
  public static final int WORKING_DAYS = 7;

  /**
   * The conferences are held in Vietnam: the end of voting and "today" are that zone's calendar
   * days.
   */
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private Deliveries() {}

  public enum Status {
    DUE,
    OVERDUE,
    DELIVERED
  }

  public record Delivery(
      String pollId,
      Instant votingEnded,
      LocalDate due,
      Instant deliveredAt,
      String deliveredBy,
      Status status) {
    /** Delivered after the due day (a late delivery stays visible as such). */
    public boolean late() {
      return deliveredAt != null && deliveredAt.atZone(ZONE).toLocalDate().isAfter(due);
    }

    public Map<String, Object> view() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pollId", pollId);
      m.put("status", status.name());
      m.put("votingEnded", votingEnded.toString());
      m.put("votingEndedOn", votingEnded.atZone(ZONE).toLocalDate().toString());
      m.put("workingDays", WORKING_DAYS);
      m.put("due", due.toString());
      m.put("deliveredAt", deliveredAt == null ? null : deliveredAt.toString());
      m.put(
          "deliveredOn",
          deliveredAt == null ? null : deliveredAt.atZone(ZONE).toLocalDate().toString());
      m.put("deliveredBy", deliveredBy);
      m.put("late", late());
      return m;
    }
  }

  /**
   * Creates the delivery of {@code pollId} inside the publishing transaction. The end of voting is
   * when the poll was closed (the audit log's first {@code poll.closed}); {@code now} if that is
   * missing.
   */
  public static void create(Connection c, String pollId, Instant now) throws SQLException {
    Instant ended = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MIN(at_time) FROM audit_log WHERE poll_id = ? AND action_name = 'poll.closed'")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getTimestamp(1) != null) {
          ended = rs.getTimestamp(1).toInstant();
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO delivery (poll_id, voting_ended, created_at) VALUES (?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setTimestamp(2, Timestamp.from(ended == null ? now : ended));
      ps.setTimestamp(3, Timestamp.from(now));
      ps.executeUpdate();
    }
  }

  public static Optional<Delivery> find(Connection c, String pollId, Instant now)
      throws SQLException {
    WorkingDays wd = workingDays(c);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT poll_id, voting_ended, delivered_at, delivered_by FROM delivery WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs, wd, now)) : Optional.empty();
      }
    }
  }

  public static List<Delivery> all(Connection c, Instant now) throws SQLException {
    WorkingDays wd = workingDays(c);
    List<Delivery> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT poll_id, voting_ended, delivered_at, delivered_by FROM delivery ORDER BY voting_ended, poll_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs, wd, now));
      }
    }
    return out;
  }

  private static Delivery map(ResultSet rs, WorkingDays wd, Instant now) throws SQLException {
    Instant ended = rs.getTimestamp(2).toInstant();
    Timestamp d = rs.getTimestamp(3);
    LocalDate due = wd.plus(ended.atZone(ZONE).toLocalDate(), WORKING_DAYS);
    Status st =
        d != null
            ? Status.DELIVERED
            : now.atZone(ZONE).toLocalDate().isAfter(due) ? Status.OVERDUE : Status.DUE;
    return new Delivery(
        rs.getString(1), ended, due, d == null ? null : d.toInstant(), rs.getString(4), st);
  }

  /**
   * Records the delivery once (the first fetch or record counts); returns whether this call
   * recorded it.
   */
  public static boolean markDelivered(Connection c, String pollId, Instant at, String by)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE delivery SET delivered_at = ?, delivered_by = ? WHERE poll_id = ? AND delivered_at IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, by);
      ps.setString(3, pollId);
      return ps.executeUpdate() == 1;
    }
  }

  /** The holiday list as stored (day → name), in date order. */
  public static Map<LocalDate, String> holidays(Connection c) throws SQLException {
    Map<LocalDate, String> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT day, name FROM holiday");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getDate(1).toLocalDate(), rs.getString(2));
      }
    }
    return out;
  }

  public static WorkingDays workingDays(Connection c) throws SQLException {
    return new WorkingDays(holidays(c).keySet());
  }

  /** Replaces the holiday list. */
  public static void setHolidays(Connection c, Map<LocalDate, String> days) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM holiday")) {
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO holiday (day, name) VALUES (?, ?)")) {
      for (Map.Entry<LocalDate, String> e : days.entrySet()) {
        ps.setDate(1, Date.valueOf(e.getKey()));
        ps.setString(2, e.getValue());
        ps.executeUpdate();
      }
    }
  }

  public static Delivery require(Connection c, String pollId, Instant now) throws SQLException {
    return find(c, pollId, now)
        .orElseThrow(
            () ->
                Refusal.conflict("not_published", "a delivery exists once the poll is published"));
  }
}
