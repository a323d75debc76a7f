package org.cvote.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain versioned SQL migrations ({@code db/migration/V<n>__<name>.sql}, listed in {@code
 * db/migration/index.txt} because a jar cannot be listed portably), applied in order, each in its
 * own transaction, recorded in {@code schema_version}. The caller holds the start-up lock ({@link
 * Database#exclusively}), so two nodes starting at once against one database do not both apply a
 * migration.
 */
public final class Migrations {
  private static final String DIR = "/db/migration/";

  /**
   * Work a migration needs beyond its SQL (data that SQL cannot convert portably), run after its
   * statements.
   */
  @FunctionalInterface
  interface Step {
    void run(Connection c, Dialect dialect) throws SQLException;
  }

  private static final java.util.Map<String, Step> STEPS =
      java.util.Map.of("V90__ballot_body_bytes.sql", BallotBodyBytes::migrate);

  private Migrations() {}

  public static void apply(Connection c, Dialect dialect) throws SQLException {
    apply(c, dialect, null);
  }

  /**
   * Applies the pending migrations listed up to and including {@code last} (all of them when null):
   * tests build old schemas.
   */
  static void apply(Connection c, Dialect dialect, String last) throws SQLException {
    if (last != null && !index().contains(last)) {
      throw new IllegalArgumentException("no migration named " + last);
    }
    c.setAutoCommit(false);
    ensureVersionTable(c);
    java.util.Set<Integer> applied = appliedVersions(c);
    for (String name : index()) {
      int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
      // by membership, not "≤ current": branches number their migrations apart (V10__committee
      // after V1)
      if (applied.contains(version)) {
        if (name.equals(last)) {
          break;
        }
        continue;
      }
      for (String stmt : statements(dialect.expand(load(name)))) {
        try (Statement s = c.createStatement()) {
          s.execute(stmt);
        } catch (SQLException e) {
          c.rollback();
          throw new SQLException("migration " + name + " failed at: " + stmt, e.getSQLState(), e);
        }
      }
      Step step = STEPS.get(name);
      if (step != null) {
        try {
          step.run(c, dialect);
        } catch (SQLException e) {
          c.rollback();
          throw new SQLException(
              "migration " + name + " failed in its Java step", e.getSQLState(), e);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
        ps.setInt(1, version);
        ps.setString(2, name);
        ps.setTimestamp(3, Timestamp.from(Instant.now()));
        ps.executeUpdate();
      }
      c.commit();
      if (name.equals(last)) {
        break;
      }
    }
    c.setAutoCommit(true);
  }

  private static void ensureVersionTable(Connection c) throws SQLException {
    // Derby folds unquoted names to upper case, PostgreSQL to lower case; look only in the current
    // schema.
    String schema = c.getSchema();
    for (String name : new String[] {"SCHEMA_VERSION", "schema_version"}) {
      try (ResultSet rs = c.getMetaData().getTables(null, schema, name, null)) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY,"
              + " description VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
    }
    c.commit();
  }

  private static java.util.Set<Integer> appliedVersions(Connection c) throws SQLException {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  public static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static List<String> index() {
    List<String> names = new ArrayList<>();
    for (String line : load("index.txt").split("\n")) {
      line = line.strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        names.add(line);
      }
    }
    return names;
  }

  private static String load(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits on ';' at line ends; migrations hold no procedural code. Comment lines are dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        String s = cur.toString().strip();
        out.add(s.substring(0, s.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }
}
