package org.cvote.server.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Data access for {@code voter}: the roster and each member's attendance. */
public final class RosterStore {

  public record NewVoter(String name, String unit) {}

  /** Appends voters numbered after the current last one (numbers are never reused). */
  public List<Voter> add(Connection c, String pollId, List<NewVoter> voters) throws SQLException {
    int next = maxNumber(c, pollId) + 1;
    List<Voter> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO voter (poll_id, voter_no, name, unit, status, late) VALUES (?, ?, ?, ?, 'ABSENT', 0)")) {
      for (NewVoter v : voters) {
        ps.setString(1, pollId);
        ps.setInt(2, next);
        ps.setString(3, v.name());
        ps.setString(4, v.unit());
        ps.addBatch();
        out.add(new Voter(next, v.name(), v.unit(), AttendanceStatus.ABSENT, false));
        next++;
      }
      ps.executeBatch();
    }
    return out;
  }

  private static int maxNumber(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(voter_no) FROM voter WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  public List<Voter> list(Connection c, String pollId) throws SQLException {
    List<Voter> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT voter_no, name, unit, status, late FROM voter WHERE poll_id = ? ORDER BY voter_no")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(map(rs));
        }
      }
    }
    return out;
  }

  public Optional<Voter> find(Connection c, String pollId, int number) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT voter_no, name, unit, status, late FROM voter WHERE poll_id = ? AND voter_no = ?")) {
      ps.setString(1, pollId);
      ps.setInt(2, number);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  public void setStatus(
      Connection c, String pollId, int number, AttendanceStatus status, boolean late)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE voter SET status = ?, late = ? WHERE poll_id = ? AND voter_no = ?")) {
      ps.setString(1, status.name());
      ps.setInt(2, late ? 1 : 0);
      ps.setString(3, pollId);
      ps.setInt(4, number);
      ps.executeUpdate();
    }
  }

  public Quorum quorum(Connection c, String pollId) throws SQLException {
    int summoned = 0, present = 0, left = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status, COUNT(*) FROM voter WHERE poll_id = ? GROUP BY status")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int n = rs.getInt(2);
          summoned += n;
          switch (AttendanceStatus.valueOf(rs.getString(1))) {
            case PRESENT -> present += n;
            case LEFT -> left += n;
            case ABSENT -> {}
          }
        }
      }
    }
    return new Quorum(summoned, present + left, present);
  }

  private static Voter map(ResultSet rs) throws SQLException {
    return new Voter(
        rs.getInt(1),
        rs.getString(2),
        rs.getString(3),
        AttendanceStatus.valueOf(rs.getString(4)),
        rs.getInt(5) != 0);
  }
}
