package org.cvote.server.poll;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person the secretariat entered who is not rated this year (001 II.1: "Cán bộ đã có thông báo
 * nghỉ công tác chờ nghỉ hưu hoặc được bổ nhiệm, bầu cử trong năm lấy phiếu thì không thực hiện lấy
 * phiếu tín nhiệm"), kept with the reason and its date (table {@code subject_exemption}) and listed
 * in the report. Not on the ballot, not in the manifest.
 */
public record Exemption(
    int seq,
    String personId,
    String name,
    String position,
    String unit,
    Reason reason,
    LocalDate since) {
  public enum Reason {
    RETIREMENT,
    NEWLY_ELECTED,
    NEWLY_APPOINTED
  }

  public Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", seq);
    m.put("personId", personId);
    m.put("name", name);
    m.put("position", position);
    m.put("unit", unit);
    m.put("reason", reason.name());
    m.put("since", since == null ? null : since.toString());
    return m;
  }

  public static Exemption add(
      Connection c, String pollId, String personId, Subject s, Reason reason, LocalDate since)
      throws SQLException {
    int seq = 1;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(seq) FROM subject_exemption WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          seq = rs.getInt(1) + 1;
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO subject_exemption (poll_id, seq, person_id, name, position, unit, reason,"
                + " since_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setInt(2, seq);
      ps.setString(3, personId);
      ps.setString(4, s.name());
      ps.setString(5, s.position());
      ps.setString(6, s.unit());
      ps.setString(7, reason.name());
      ps.setDate(8, since == null ? null : Date.valueOf(since));
      ps.executeUpdate();
    }
    return new Exemption(seq, personId, s.name(), s.position(), s.unit(), reason, since);
  }

  public static List<Exemption> ofPoll(Connection c, String pollId) throws SQLException {
    List<Exemption> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, person_id, name, position, unit, reason, since_date FROM subject_exemption"
                + " WHERE poll_id = ? ORDER BY seq")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date d = rs.getDate(7);
          out.add(
              new Exemption(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  Reason.valueOf(rs.getString(6)),
                  d == null ? null : d.toLocalDate()));
        }
      }
    }
    return out;
  }

  public static boolean remove(Connection c, String pollId, int seq) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM subject_exemption WHERE poll_id = ? AND seq = ?")) {
      ps.setString(1, pollId);
      ps.setInt(2, seq);
      return ps.executeUpdate() == 1;
    }
  }
}
