package org.cvote.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The few places where Derby and PostgreSQL differ; everything else (migrations, queries) is one
 * portable text.
 *
 * <ul>
 *   <li>type names: migrations use {@code ${BLOB}} / {@code ${CLOB}} where a large value is stored;
 *   <li>{@link #setNotNull making a column NOT NULL} after it was added and filled;
 *   <li>{@link #rowLock how a row is locked until commit}: Derby under READ COMMITTED releases the
 *       lock of a {@code SELECT … FOR UPDATE} as soon as the cursor leaves the row (checked), so it
 *       needs a no-op {@code UPDATE}; PostgreSQL takes {@code SELECT … FOR UPDATE}, which writes no
 *       new row version;
 *   <li>{@link #startupLock the start-up lock}: PostgreSQL is shared by several nodes, so
 *       migrations and first-start work run under a session advisory lock; embedded Derby admits
 *       one JVM per database folder anyway.
 * </ul>
 */
public enum Dialect {
  DERBY("BLOB", "CLOB"),
  POSTGRES("BYTEA", "TEXT");

  /** The advisory-lock key of cvote's start-up section ("cvote" in ASCII). */
  static final long STARTUP_LOCK_KEY = 0x63766f7465L;

  private final String blob;
  private final String clob;

  Dialect(String blob, String clob) {
    this.blob = blob;
    this.clob = clob;
  }

  public String expand(String sql) {
    return sql.replace("${BLOB}", blob).replace("${CLOB}", clob);
  }

  /** The dialect of a JDBC URL; anything but Derby and PostgreSQL is refused with the reason. */
  public static Dialect ofUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    if (url.startsWith("jdbc:derby:")) {
      return DERBY;
    }
    throw new IllegalArgumentException(
        "cvote.db.url must be jdbc:postgresql://host:port/database (or empty for the"
            + " embedded Derby database in the data folder); got a URL starting "
            + url.substring(0, Math.min(url.length(), 16)));
  }

  /**
   * The dialect of an open connection (its metadata is cached by both drivers, so this is cheap).
   */
  public static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    if ("PostgreSQL".equals(product)) {
      return POSTGRES;
    }
    if ("Apache Derby".equals(product)) {
      return DERBY;
    }
    throw new SQLException("unsupported database " + product);
  }

  /** DDL that forbids NULL in an existing column. */
  public String setNotNull(String table, String column) {
    return switch (this) {
      case DERBY -> "ALTER TABLE " + table + " ALTER COLUMN " + column + " NOT NULL";
      case POSTGRES -> "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL";
    };
  }

  /** SQL that locks the rows of {@code table} matching {@code where} until the transaction ends. */
  public String rowLock(String table, String column, String where) {
    return switch (this) {
      case DERBY -> "UPDATE " + table + " SET " + column + " = " + column + " WHERE " + where;
      case POSTGRES -> "SELECT " + column + " FROM " + table + " WHERE " + where + " FOR UPDATE";
    };
  }

  /**
   * Locks the matching rows until the transaction ends, waiting for a transaction that holds them
   * to finish. Under READ COMMITTED every later statement of the transaction then sees what that
   * holder committed.
   */
  public static void lockRow(
      Connection c, String table, String column, String where, Object... keys) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(of(c).rowLock(table, column, where))) {
      for (int i = 0; i < keys.length; i++) {
        ps.setObject(i + 1, keys[i]);
      }
      ps.execute(); // PostgreSQL locks while it executes; the rows it returns are not needed
    }
  }

  /**
   * Takes the node-wide start-up lock on {@code c} (waiting for another node to finish its
   * start-up).
   */
  void startupLock(Connection c) throws SQLException {
    if (this != POSTGRES) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
      ps.setLong(1, STARTUP_LOCK_KEY);
      ps.execute();
    }
  }

  void startupUnlock(Connection c) throws SQLException {
    if (this != POSTGRES) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      ps.setLong(1, STARTUP_LOCK_KEY);
      ps.execute();
    }
  }
}
