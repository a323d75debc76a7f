package org.cvote.server.poll;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cvote.server.refusal.Refusal;

/** Data access for {@code poll} and {@code subject}. */
public final class PollStore {
  private static final String COLS =
      "id, title, place, poll_date, visibility, status, ends_at, created_at, context_json, q_hash,"
          + " ballot_version, ballot_base";

  public void insert(Connection c, Poll p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO poll (" + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, p.id());
      ps.setString(2, p.title());
      ps.setString(3, p.place());
      ps.setDate(4, Date.valueOf(p.date()));
      ps.setString(5, p.visibility().name());
      ps.setString(6, p.status().name());
      ps.setTimestamp(7, p.endsAt() == null ? null : Timestamp.from(p.endsAt()));
      ps.setTimestamp(8, Timestamp.from(p.createdAt()));
      ps.setString(9, p.contextJson());
      ps.setString(10, p.q());
      setInteger(ps, 11, p.ballotVersion());
      setInteger(ps, 12, p.base());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO chain_head (poll_id, last_index, last_hash) VALUES (?, 0, ?)")) {
      ps.setString(1, p.id());
      ps.setString(2, "0".repeat(64)); // replaced by T_0 when Q is fixed
      ps.executeUpdate();
    }
  }

  public Optional<Poll> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM poll WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  public Poll get(Connection c, String id) throws SQLException {
    return find(c, id).orElseThrow(() -> Refusal.notFound("poll"));
  }

  /** The poll's {@link Poll.Gate} alone (not its context JSON): what every cast reads. */
  public Poll.Gate gate(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT status, ends_at, q_hash FROM poll WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw Refusal.notFound("poll");
        }
        Timestamp ends = rs.getTimestamp(2);
        return new Poll.Gate(
            PollStatus.valueOf(rs.getString(1)),
            ends == null ? null : ends.toInstant(),
            rs.getString(3));
      }
    }
  }

  public List<Poll> list(Connection c) throws SQLException {
    List<Poll> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT " + COLS + " FROM poll ORDER BY created_at, id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  public List<String> openAndDue(Connection c, Timestamp now) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM poll WHERE status = 'OPEN' AND ends_at IS NOT NULL AND ends_at <= ?")) {
      ps.setTimestamp(1, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Compare-and-set on the status: false when the poll is not in {@code from}. */
  public boolean setStatus(Connection c, String id, PollStatus from, PollStatus to)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE poll SET status = ? WHERE id = ? AND status = ?")) {
      ps.setString(1, to.name());
      ps.setString(2, id);
      ps.setString(3, from.name());
      return ps.executeUpdate() == 1;
    }
  }

  public void setContext(Connection c, String id, String contextJson, String q)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE poll SET context_json = ?, q_hash = ? WHERE id = ?")) {
      ps.setString(1, contextJson);
      ps.setString(2, q);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  public void setEndsAt(Connection c, String id, java.time.Instant endsAt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE poll SET ends_at = ? WHERE id = ?")) {
      ps.setTimestamp(1, endsAt == null ? null : Timestamp.from(endsAt));
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  private static Poll map(ResultSet rs) throws SQLException {
    Timestamp ends = rs.getTimestamp(7);
    return new Poll(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getDate(4).toLocalDate(),
        Visibility.valueOf(rs.getString(5)),
        PollStatus.valueOf(rs.getString(6)),
        ends == null ? null : ends.toInstant(),
        rs.getTimestamp(8).toInstant(),
        rs.getString(9),
        rs.getString(10),
        integer(rs, 11),
        integer(rs, 12));
  }

  private static Integer integer(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static void setInteger(PreparedStatement ps, int index, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(index, java.sql.Types.INTEGER);
    } else {
      ps.setInt(index, v);
    }
  }

  /** Sets the requested ballot version of a draft (null = automatic); false unless a draft. */
  public boolean setRequestedVersion(Connection c, String id, Integer version) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE poll SET ballot_version = ? WHERE id = ? AND status = 'DRAFT'")) {
      setInteger(ps, 1, version);
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Fixes the ballot version and B when the manifest freezes (docs/protocol.md §16.9). */
  public void fixVersion(Connection c, String id, int version, Integer base) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE poll SET ballot_version = ?, ballot_base = ? WHERE id = ?")) {
      ps.setInt(1, version);
      setInteger(ps, 2, base);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  // ---- subjects

  public List<Subject> subjects(Connection c, String pollId) throws SQLException {
    List<Subject> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT idx, name, position_title, unit FROM subject WHERE poll_id = ? ORDER BY idx")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Subject(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    return out;
  }

  public Subject addSubject(Connection c, String pollId, String name, String position, String unit)
      throws SQLException {
    int next = subjects(c, pollId).size() + 1;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO subject (poll_id, idx, name, position_title, unit) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setInt(2, next);
      ps.setString(3, name);
      ps.setString(4, position);
      ps.setString(5, unit);
      ps.executeUpdate();
    }
    return new Subject(next, name, position, unit);
  }

  public boolean updateSubject(Connection c, String pollId, Subject s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE subject SET name = ?, position_title = ?, unit = ? WHERE poll_id = ? AND idx = ?")) {
      ps.setString(1, s.name());
      ps.setString(2, s.position());
      ps.setString(3, s.unit());
      ps.setString(4, pollId);
      ps.setInt(5, s.index());
      return ps.executeUpdate() == 1;
    }
  }

  /** Removes a subject and closes the gap, so indices stay 1..S in manifest order. */
  public boolean removeSubject(Connection c, String pollId, int index) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM subject WHERE poll_id = ? AND idx = ?")) {
      ps.setString(1, pollId);
      ps.setInt(2, index);
      if (ps.executeUpdate() != 1) {
        return false;
      }
    }
    // One row at a time, ascending: a single "idx = idx - 1" may trip the primary key
    // mid-statement.
    int count = subjects(c, pollId).size();
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE subject SET idx = ? WHERE poll_id = ? AND idx = ?")) {
      for (int k = index + 1; k <= count + 1; k++) {
        ps.setInt(1, k - 1);
        ps.setString(2, pollId);
        ps.setInt(3, k);
        ps.executeUpdate();
      }
    }
    return true;
  }
}
