package org.cvote.server.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cvote.server.store.Database;

/**
 * Every user table of the database as (row count, SHA-256 of its sorted rows): two snapshots are
 * equal exactly when no row was added, removed or changed anywhere. Used to prove that a refused
 * request stored nothing.
 */
public record DbSnapshot(Map<String, Table> tables) {
  public record Table(int rows, String digest) {}

  public static DbSnapshot take(Database db) {
    try (Connection c = db.connect()) {
      Map<String, Table> out = new TreeMap<>();
      for (String name : userTables(c)) {
        out.put(name.toLowerCase(java.util.Locale.ROOT), table(c, name));
      }
      return new DbSnapshot(out);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot snapshot the database", e);
    }
  }

  /**
   * The tables of the connection's schema, as the database stores their names (upper case on Derby,
   * lower on PostgreSQL), through JDBC metadata so that the same snapshot works on both stores.
   */
  private static List<String> userTables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs =
        c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("no table in schema " + c.getSchema() + ": wrong database?");
    }
    return names;
  }

  private static Table table(Connection c, String name) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM \"" + name + "\"")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.append(i == 1 ? "" : "\u001f").append(cell(rs.getObject(i)));
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String r : rows) {
        sha.update((r + "\u001e").getBytes(StandardCharsets.UTF_8));
      }
      return new Table(rows.size(), HexFormat.of().formatHex(sha.digest()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cell(Object v) throws SQLException {
    if (v == null) {
      return "\u0000";
    }
    if (v instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    byte[] b = bytes(v);
    return b != null ? HexFormat.of().formatHex(b) : v.toString();
  }

  /**
   * A cell as a search for a stored value sees it: bytes both as hex and as the UTF-8 text they may
   * hold (a ballot's JSON).
   */
  private static String text(Object v) throws SQLException {
    byte[] b = bytes(v);
    return b == null
        ? cell(v)
        : HexFormat.of().formatHex(b) + ' ' + new String(b, StandardCharsets.UTF_8);
  }

  /** A binary cell's bytes, or null for any other value. */
  private static byte[] bytes(Object v) throws SQLException {
    return v instanceof Blob blob
        ? blob.getBytes(1, (int) blob.length())
        : v instanceof byte[] a ? a : null;
  }

  /** This snapshot without the named tables. */
  public DbSnapshot without(java.util.Set<String> names) {
    Map<String, Table> out = new TreeMap<>(tables);
    out.keySet().removeAll(names);
    return new DbSnapshot(out);
  }

  /**
   * The tables whose content differs between this snapshot and {@code after}, for a readable
   * failure.
   */
  public List<String> changedIn(DbSnapshot after) {
    List<String> out = new ArrayList<>();
    for (var e : tables.entrySet()) {
      Table b = after.tables.get(e.getKey());
      if (!e.getValue().equals(b)) {
        out.add(
            e.getKey()
                + " "
                + e.getValue().rows()
                + "→"
                + (b == null ? "gone" : b.rows() + " rows"));
      }
    }
    for (String k : after.tables.keySet()) {
      if (!tables.containsKey(k)) {
        out.add(k + " (new table)");
      }
    }
    return out;
  }

  /**
   * Whole-database text dump (every cell), for tests that look for a value that must never be
   * stored.
   */
  public static String dump(Database db) {
    StringBuilder sb = new StringBuilder();
    try (Connection c = db.connect()) {
      for (String name : userTables(c)) {
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT * FROM \"" + name + "\"")) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            sb.append(name).append(':');
            for (int i = 1; i <= n; i++) {
              sb.append(' ').append(text(rs.getObject(i)));
            }
            sb.append('\n');
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot dump the database", e);
    }
    return sb.toString();
  }
}
