package org.cvote.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

  @Test
  void appliedOnceAndRecorded(@TempDir Path dir) throws Exception {
    try (Database db = org.cvote.server.support.TestStore.open(dir)) {
      try (Connection c = db.connect()) {
        assertEquals(highest(), Migrations.currentVersion(c));
      }
    }
    try (Database db =
        org.cvote.server.support.TestStore.open(dir)) { // reopening applies nothing twice
      try (Connection c = db.connect()) {
        assertEquals(highest(), Migrations.currentVersion(c));
      }
    }
  }

  /**
   * Versions need not be consecutive (V10__committee.sql sits after V1): the highest listed one is
   * current.
   */
  private static int highest() {
    return Migrations.index().stream()
        .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
        .max()
        .orElse(0);
  }

  @Test
  void uniqueViolationsAreRecognised(@TempDir Path dir) throws Exception {
    try (Database db = org.cvote.server.support.TestStore.open(dir)) {
      Tx tx = new Tx(db);
      tx.exec(c -> insertAccount(c, "a"));
      var e =
          assertThrows(
              org.cvote.server.refusal.Refusal.class, () -> tx.exec(c -> insertAccount(c, "a")));
      assertEquals(409, org.cvote.server.http.Http.status(e.kind()));
    }
  }

  @Test
  void aNodeInAnotherTimeZoneIsRefused(@TempDir Path dir) throws Exception {
    try (Database db = org.cvote.server.support.TestStore.open(dir);
        Connection c = db.connect()) {
      java.time.ZoneId mine = java.time.ZoneId.systemDefault();
      TimeZoneGuard.check(c, mine); // recorded at the first open: same zone passes
      java.time.ZoneId other =
          java.time.ZoneId.of(mine.getId().equals("Asia/Ho_Chi_Minh") ? "UTC" : "Asia/Ho_Chi_Minh");
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> TimeZoneGuard.check(c, other));
      assertTrue(
          e.getMessage().contains(mine.getId()) && e.getMessage().contains(other.getId()),
          e.getMessage());
    }
  }

  @Test
  void rowLocksDifferOnlyInTheirSql() {
    assertEquals(
        "UPDATE chain_head SET last_index = last_index WHERE poll_id = ?",
        Dialect.DERBY.rowLock("chain_head", "last_index", "poll_id = ?"));
    assertEquals(
        "SELECT last_index FROM chain_head WHERE poll_id = ? FOR UPDATE",
        Dialect.POSTGRES.rowLock("chain_head", "last_index", "poll_id = ?"));
    assertEquals(Dialect.POSTGRES, Dialect.ofUrl("jdbc:postgresql://db:5432/cvote"));
    assertThrows(IllegalArgumentException.class, () -> Dialect.ofUrl("jdbc:mysql://db/cvote"));
  }

  @Test
  void splitsStatementsAndDialects() {
    List<String> s =
        Migrations.statements("-- c\nCREATE TABLE a (x ${BLOB});\n\nCREATE TABLE b (y INT);\n");
    assertEquals(2, s.size());
    assertTrue(Dialect.POSTGRES.expand(s.get(0)).contains("BYTEA"));
    assertTrue(Dialect.DERBY.expand(s.get(0)).contains("BLOB"));
  }

  /**
   * V90 turns the text bodies of a board stored before it into bytes: every ballot keeps its JSON
   * exactly (non-ASCII text included), the text column is gone, and a ballot without a body is
   * refused afterwards.
   */
  @Test
  void ballotBodiesStoredAsTextBeforeV90AreKeptExactly(@TempDir Path dir) throws Exception {
    StoreSettings settings = org.cvote.server.support.TestStore.forDir(dir);
    String url =
        settings.embedded()
            ? "jdbc:derby:" + dir.resolve("db").toAbsolutePath() + ";create=true"
            : settings.url();
    Dialect dialect = settings.embedded() ? Dialect.DERBY : Dialect.POSTGRES;
    List<String> bodies =
        List.of("{\"poll\":\"p\",\"rows\":[]}", "{\"poll\":\"p\",\"note\":\"Tín nhiệm thấp – ₫\"}");
    try (Connection c =
        settings.embedded()
            ? java.sql.DriverManager.getConnection(url)
            : java.sql.DriverManager.getConnection(url, settings.user(), settings.password())) {
      Migrations.apply(c, dialect, "V41__cluster.sql");
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO poll (id, title, place, poll_date, visibility, status, created_at)"
                  + " VALUES ('p', 't', 'x', ?, 'PUBLIC', 'OPEN', CURRENT_TIMESTAMP)")) {
        ps.setDate(1, java.sql.Date.valueOf("2026-01-02"));
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO ballot (poll_id, chain_index, ballot_hash, chain_hash, body) VALUES ('p', ?, ?, ?, ?)")) {
        for (int i = 0; i < bodies.size(); i++) {
          ps.setInt(1, i + 1);
          ps.setString(2, String.valueOf(i).repeat(64));
          ps.setString(3, String.valueOf(i + 5).repeat(64));
          ps.setString(4, bodies.get(i));
          ps.executeUpdate();
        }
      }
      c.commit();
    }
    try (Database db = Database.open(settings, dir);
        Connection c = db.connect()) {
      assertEquals(highest(), Migrations.currentVersion(c));
      var lines = new org.cvote.server.board.BoardStore().lines(c, "p");
      assertEquals(bodies.size(), lines.size());
      for (int i = 0; i < bodies.size(); i++) {
        var expected =
            (com.fasterxml.jackson.databind.node.ObjectNode)
                org.cvote.server.json.Json.tree(bodies.get(i));
        expected
            .put("index", i + 1)
            .put("hash", String.valueOf(i).repeat(64))
            .put("chain", String.valueOf(i + 5).repeat(64));
        assertEquals(expected, lines.get(i));
      }
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT body_json FROM ballot WHERE poll_id = 'p' AND chain_index = 2");
          java.sql.ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertTrue(
            java.util.Arrays.equals(
                bodies.get(1).getBytes(java.nio.charset.StandardCharsets.UTF_8), rs.getBytes(1)));
      }
      try (java.sql.ResultSet rs =
          c.getMetaData().getColumns(null, null, settings.embedded() ? "BALLOT" : "ballot", null)) {
        List<String> columns = new java.util.ArrayList<>();
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
        }
        assertEquals(
            List.of("poll_id", "chain_index", "ballot_hash", "chain_hash", "body_json"), columns);
      }
      assertThrows(
          SQLException.class,
          () -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO ballot (poll_id, chain_index, ballot_hash, chain_hash) VALUES ('p', 3, ?, ?)")) {
              ps.setString(1, "7".repeat(64));
              ps.setString(2, "8".repeat(64));
              ps.executeUpdate();
            }
          },
          "body_json is NOT NULL");
    }
  }

  private static void insertAccount(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO account (username, password_hash, created_at) VALUES (?, 'x', CURRENT_TIMESTAMP)")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }
}
