package org.cvote.server.dossier;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.hash.Digest;

/** Data access for the dossier tables: files, portal keys and written requests (V130). */
public final class DossierStore {
  private final SecureRandom random = new SecureRandom();

  // ---- files

  public record FileInfo(
      String personId, Kind kind, int size, String sha256, String uploadedBy, Instant uploadedAt) {}

  public void putFile(
      Connection c, String pollId, String personId, Kind kind, byte[] pdf, String by, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM dossier_file WHERE poll_id = ? AND person_id = ? AND kind = ?")) {
      ps.setString(1, pollId);
      ps.setString(2, personId);
      ps.setString(3, kind.name());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dossier_file (poll_id, person_id, kind, content, size_bytes,"
                + " sha256, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setString(2, personId);
      ps.setString(3, kind.name());
      ps.setBytes(4, pdf);
      ps.setInt(5, pdf.length);
      ps.setString(6, Digest.sha256(pdf).toHex());
      ps.setString(7, by);
      ps.setTimestamp(8, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  public Optional<byte[]> file(Connection c, String pollId, String personId, Kind kind)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT content FROM dossier_file WHERE poll_id = ? AND person_id = ? AND kind = ?")) {
      ps.setString(1, pollId);
      ps.setString(2, personId);
      ps.setString(3, kind.name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  public List<FileInfo> files(Connection c, String pollId) throws SQLException {
    List<FileInfo> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT person_id, kind, size_bytes, sha256, uploaded_by, uploaded_at"
                + " FROM dossier_file WHERE poll_id = ? ORDER BY person_id, kind")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new FileInfo(
                  rs.getString(1),
                  Kind.valueOf(rs.getString(2)),
                  rs.getInt(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getTimestamp(6).toInstant()));
        }
      }
    }
    return out;
  }

  // ---- portal keys

  public enum Role {
    VOTER,
    PERSON
  }

  /** Who a live portal key belongs to. */
  public record Holder(String pollId, Role role, String holder) {}

  /**
   * A fresh key for the holder (256 random bits, base64url); the holder's earlier keys are revoked.
   * Only its SHA-256 is stored, so the key is shown once, on the slip or in the list.
   */
  public String issueKey(Connection c, String pollId, Role role, String holder, Instant at)
      throws SQLException {
    revokeKeys(c, pollId, role, holder);
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO portal_key (key_hash, poll_id, role, holder, revoked, created_at)"
                + " VALUES (?, ?, ?, ?, 0, ?)")) {
      ps.setString(1, keyHash(key));
      ps.setString(2, pollId);
      ps.setString(3, role.name());
      ps.setString(4, holder);
      ps.setTimestamp(5, Timestamp.from(at));
      ps.executeUpdate();
    }
    return key;
  }

  /** Revokes the holder's live keys; true when there was one. */
  public boolean revokeKeys(Connection c, String pollId, Role role, String holder)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE portal_key SET revoked = 1 WHERE poll_id = ? AND role = ? AND holder = ? AND revoked = 0")) {
      ps.setString(1, pollId);
      ps.setString(2, role.name());
      ps.setString(3, holder);
      return ps.executeUpdate() > 0;
    }
  }

  public Optional<Holder> resolve(Connection c, String key) throws SQLException {
    if (key == null || key.isBlank() || key.length() > 100) {
      return Optional.empty();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT poll_id, role, holder FROM portal_key WHERE key_hash = ? AND revoked = 0")) {
      ps.setString(1, keyHash(key.strip()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Holder(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3)))
            : Optional.empty();
      }
    }
  }

  /** The holders with a live key, of one role, in a poll. */
  public List<String> liveHolders(Connection c, String pollId, Role role) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT holder FROM portal_key WHERE poll_id = ? AND role = ? AND revoked = 0")) {
      ps.setString(1, pollId);
      ps.setString(2, role.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  // ---- written requests

  public record Request(
      String id,
      String pollId,
      String personId,
      int voterNo,
      String voterName,
      String voterUnit,
      String content,
      Instant filedAt,
      String answer,
      String answeredBy,
      Instant answeredAt) {
    public boolean answered() {
      return answer != null;
    }
  }

  public Request file(
      Connection c,
      String pollId,
      String personId,
      int voterNo,
      String voterName,
      String voterUnit,
      String content,
      Instant at)
      throws SQLException {
    byte[] raw = new byte[16];
    random.nextBytes(raw);
    String id = Hex.encode(raw);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dossier_request (id, poll_id, person_id, voter_no, voter_name,"
                + " voter_unit, content, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, pollId);
      ps.setString(3, personId);
      ps.setInt(4, voterNo);
      ps.setString(5, voterName);
      ps.setString(6, voterUnit);
      ps.setString(7, content);
      ps.setTimestamp(8, Timestamp.from(at));
      ps.executeUpdate();
    }
    return new Request(
        id, pollId, personId, voterNo, voterName, voterUnit, content, at, null, null, null);
  }

  /** Sets the answer once; false when the request already has one (or is not of this poll). */
  public boolean answer(Connection c, String pollId, String id, String text, String by, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE dossier_request SET answer = ?, answered_by = ?, answered_at = ?"
                + " WHERE id = ? AND poll_id = ? AND answer IS NULL")) {
      ps.setString(1, text);
      ps.setString(2, by);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.setString(4, id);
      ps.setString(5, pollId);
      return ps.executeUpdate() == 1;
    }
  }

  public Optional<Request> request(Connection c, String pollId, String id) throws SQLException {
    List<Request> l = requests(c, "poll_id = ? AND id = ?", pollId, id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  public List<Request> requests(Connection c, String pollId) throws SQLException {
    return requests(c, "poll_id = ?", pollId);
  }

  public List<Request> requestsOfVoter(Connection c, String pollId, int voterNo)
      throws SQLException {
    return requests(c, "poll_id = ? AND voter_no = ?", pollId, voterNo);
  }

  public List<Request> requestsToPerson(Connection c, String pollId, String personId)
      throws SQLException {
    return requests(c, "poll_id = ? AND person_id = ?", pollId, personId);
  }

  private static List<Request> requests(Connection c, String where, Object... args)
      throws SQLException {
    List<Request> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, poll_id, person_id, voter_no, voter_name, voter_unit, content,"
                + " filed_at, answer, answered_by, answered_at FROM dossier_request WHERE "
                + where
                + " ORDER BY filed_at, id")) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp ans = rs.getTimestamp(11);
          out.add(
              new Request(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getTimestamp(8).toInstant(),
                  rs.getString(9),
                  rs.getString(10),
                  ans == null ? null : ans.toInstant()));
        }
      }
    }
    return out;
  }

  static String keyHash(String key) {
    return Digest.sha256(key.getBytes(StandardCharsets.UTF_8)).toHex();
  }
}
