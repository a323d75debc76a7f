package org.cvote.server.dossier;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.cvote.server.poll.Poll;

/** Data access for {@code dossier_calendar} and {@code dossier_reopening}. */
public final class CalendarStore {

  public Calendar load(Connection c, Poll poll) throws SQLException {
    ZoneId zone = Calendar.DEFAULT_ZONE;
    Offsets offsets = Offsets.DEFAULT;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT time_zone, report_days, dossier_days, request_days, answer_days,"
                + " forward_days FROM dossier_calendar WHERE poll_id = ?")) {
      ps.setString(1, poll.id());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          zone = ZoneId.of(rs.getString(1));
          offsets =
              new Offsets(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
        }
      }
    }
    Map<Step, Calendar.Reopening> reopened = new EnumMap<>(Step.class);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT step, until_date, reason, actor, at_time FROM dossier_reopening WHERE poll_id = ?")) {
      ps.setString(1, poll.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Step s = Step.valueOf(rs.getString(1));
          reopened.put(
              s,
              new Calendar.Reopening(
                  s,
                  rs.getDate(2).toLocalDate(),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getTimestamp(5).toInstant()));
        }
      }
    }
    return new Calendar(poll.date(), zone, offsets, reopened);
  }

  public void set(Connection c, String pollId, ZoneId zone, Offsets o) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM dossier_calendar WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dossier_calendar (poll_id, time_zone, report_days,"
                + " dossier_days, request_days, answer_days, forward_days) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setString(2, zone.getId());
      ps.setInt(3, o.report());
      ps.setInt(4, o.dossier());
      ps.setInt(5, o.requests());
      ps.setInt(6, o.answers());
      ps.setInt(7, o.forward());
      ps.executeUpdate();
    }
  }

  /**
   * Records a reopening; a later one for the same step replaces it (the audit log keeps every one).
   */
  public void reopen(
      Connection c,
      String pollId,
      Step step,
      LocalDate until,
      String reason,
      String actor,
      Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM dossier_reopening WHERE poll_id = ? AND step = ?")) {
      ps.setString(1, pollId);
      ps.setString(2, step.name());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dossier_reopening (poll_id, step, until_date, reason,"
                + " actor, at_time) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setString(2, step.name());
      ps.setDate(3, Date.valueOf(until));
      ps.setString(4, reason);
      ps.setString(5, actor);
      ps.setTimestamp(6, Timestamp.from(at));
      ps.executeUpdate();
    }
  }
}
