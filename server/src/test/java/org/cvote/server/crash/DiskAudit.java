package org.cvote.server.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.token.PreparedToken;

/**
 * What a killed server left on disk, read from a copy of its database with an embedded Derby in the
 * test JVM (Derby allows one JVM per database folder; the copy is recovered here, the original
 * stays for the server's own recovery at its next boot). Checks that no token is spent without its
 * ballot and that the chain has no gap.
 */
final class DiskAudit {
  /** Counts of one poll: ballots, spent tokens, issued tokens, and the chain head's last index. */
  record Counts(int ballots, int spent, int issued, int head, List<String> ballotHashes) {}

  private DiskAudit() {}

  static Counts check(Path dataDir, String pollId, Path scratch) throws IOException, SQLException {
    Path copy = scratch.resolve("db");
    deleteTree(scratch);
    copyTree(dataDir.resolve("db"), copy);
    String url = "jdbc:derby:" + copy.toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url)) {
      List<String> hashes = new ArrayList<>();
      Set<String> spentByBallots = new HashSet<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT chain_index, ballot_hash, body_json FROM ballot WHERE poll_id = ? ORDER BY chain_index")) {
        ps.setString(1, pollId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int k = rs.getInt(1);
            if (k != hashes.size() + 1) {
              throw new AssertionError("on disk: ballot index " + k + " follows " + hashes.size());
            }
            hashes.add(rs.getString(2));
            Ballot b = ProtocolJson.mapper().readValue(rs.getBytes(3), Ballot.class);
            if (!spentByBallots.add(Hex.encode(PreparedToken.spendKeyOf(b.token().msg())))) {
              throw new AssertionError("on disk: two ballots carry one token");
            }
          }
        }
      }
      Set<String> spent =
          strings(c, "SELECT token_hash FROM token_spend WHERE poll_id = ?", pollId);
      if (!spent.equals(spentByBallots)) {
        Set<String> orphan = new HashSet<>(spent);
        orphan.removeAll(spentByBallots);
        throw new AssertionError(
            "on disk: "
                + spent.size()
                + " tokens spent, "
                + spentByBallots.size()
                + " ballots; "
                + orphan.size()
                + " spent without their ballot");
      }
      int issued = count(c, "SELECT COUNT(*) FROM token_issuance WHERE poll_id = ?", pollId);
      int head = count(c, "SELECT last_index FROM chain_head WHERE poll_id = ?", pollId);
      if (head != hashes.size()) {
        throw new AssertionError(
            "on disk: chain head at " + head + " but " + hashes.size() + " ballots");
      }
      if (issued < spent.size()) {
        throw new AssertionError(
            "on disk: " + spent.size() + " tokens spent but only " + issued + " issued");
      }
      return new Counts(hashes.size(), spent.size(), issued, head, hashes);
    } finally {
      try {
        DriverManager.getConnection(url + ";shutdown=true").close();
      } catch (SQLException expected) {
        // 08006: Derby reports a clean shutdown of one database with an exception
        if (!"08006".equals(expected.getSQLState())) {
          throw expected;
        }
      }
      deleteTree(scratch);
    }
  }

  private static Set<String> strings(Connection c, String sql, String pollId) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1).trim());
        }
      }
    }
    return out;
  }

  private static int count(Connection c, String sql, String pollId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : -1;
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
