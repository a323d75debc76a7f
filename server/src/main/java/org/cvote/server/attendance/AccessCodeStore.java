package org.cvote.server.attendance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalInt;

/** Data access for {@code access_code}: one live code (its hash) per voter. */
public final class AccessCodeStore {

  /** Replaces the voter's code (a lost code is re-issued, the old one stops working). */
  public void put(Connection c, String pollId, int voter, String codeHash) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM access_code WHERE poll_id = ? AND voter_no = ?")) {
      ps.setString(1, pollId);
      ps.setInt(2, voter);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO access_code (poll_id, code_hash, voter_no) VALUES (?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setString(2, codeHash);
      ps.setInt(3, voter);
      ps.executeUpdate();
    }
  }

  public OptionalInt voterOf(Connection c, String pollId, String codeHash) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT voter_no FROM access_code WHERE poll_id = ? AND code_hash = ?")) {
      ps.setString(1, pollId);
      ps.setString(2, codeHash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
      }
    }
  }
}
