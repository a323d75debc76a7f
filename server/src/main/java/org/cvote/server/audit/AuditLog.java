package org.cvote.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only audit trail (time, actor, action). Written inside the caller's transaction so a state
 * change and its audit line commit together. Never receives secrets or access codes.
 */
public final class AuditLog {
  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  public void append(Connection c, String actor, String pollId, String action, String detail)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (at_time, actor, poll_id, action_name, detail) VALUES (?, ?, ?, ?, ?)")) {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      ps.setString(2, actor);
      ps.setString(3, pollId);
      ps.setString(4, action);
      ps.setString(5, detail == null ? null : truncate(detail));
      ps.executeUpdate();
    }
  }

  public List<AuditEntry> forPoll(Connection c, String pollId) throws SQLException {
    List<AuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, at_time, actor, poll_id, action_name, detail FROM audit_log WHERE poll_id = ? ORDER BY seq")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AuditEntry(
                  rs.getLong(1),
                  rs.getTimestamp(2).toInstant().toString(),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
    }
    return out;
  }

  private static String truncate(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}
