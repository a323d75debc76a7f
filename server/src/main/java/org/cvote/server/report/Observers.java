package org.cvote.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The superior level's representatives who attend and supervise the counting committee (001 III.1:
 * "mời đại diện các cơ quan tham mưu, giúp việc cấp ủy và cơ quan tổ chức, cán bộ của cơ quan Nhà
 * nước cấp trên trực tiếp dự và giám sát hoạt động của ban kiểm phiếu"), by name and body, in the
 * order entered (table {@code poll_observer}).
 */
public final class Observers {
  private Observers() {}

  public record Entry(int seq, Report.Observer observer) {}

  public static List<Entry> ofPoll(Connection c, String pollId) throws SQLException {
    List<Entry> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, name, body FROM poll_observer WHERE poll_id = ? ORDER BY seq")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Entry(rs.getInt(1), new Report.Observer(rs.getString(2), rs.getString(3))));
        }
      }
    }
    return out;
  }

  public static int add(Connection c, String pollId, Report.Observer o) throws SQLException {
    int seq = 1;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(seq) FROM poll_observer WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          seq = rs.getInt(1) + 1;
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO poll_observer (poll_id, seq, name, body) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setInt(2, seq);
      ps.setString(3, o.name());
      ps.setString(4, o.body());
      ps.executeUpdate();
    }
    return seq;
  }

  public static boolean remove(Connection c, String pollId, int seq) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM poll_observer WHERE poll_id = ? AND seq = ?")) {
      ps.setString(1, pollId);
      ps.setInt(2, seq);
      return ps.executeUpdate() == 1;
    }
  }
}
