package org.cvote.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Erases, when a poll closes, the order in which the store wrote its rows — the one stored thing
 * that could link a voter (token_issuance holds voter_no) to a ballot (docs/security.md "What the
 * store keeps after close"). No column holds a time, but the store itself keeps an order:
 *
 * <ul>
 *   <li>PostgreSQL stamps every row version with the id of the transaction that wrote it ({@code
 *       xmin}) from one global counter, places new versions in write order ({@code ctid}), and
 *       keeps a row lock's transaction id in {@code xmax} (the issuance locks the voter's row with
 *       {@code SELECT … FOR UPDATE});
 *   <li>Derby keeps a table's rows in insertion order in its heap.
 * </ul>
 *
 * One transaction rewrites the poll's issuance rows in voter_no order and, on PostgreSQL, touches
 * every other row of the poll that check-in, issuance or casting wrote (voter, access_code, ballot,
 * token_spend, chain_head), so all of them carry that single transaction's id and no lock. Then the
 * tables are rewritten so that no old row version stays behind: PostgreSQL {@code CLUSTER} (a
 * VACUUM FULL in primary-key order) for the small issuance side and a plain {@code VACUUM} for the
 * ballot side (whose order is the public chain order, and which must not block other polls' casts),
 * Derby {@code SYSCS_COMPRESS_TABLE} and a checkpoint (after which Derby may drop the log files
 * that recorded the inserts). What remains observable is listed in docs/security.md.
 */
public final class OrderEraser {
  private static final System.Logger LOG = System.getLogger(OrderEraser.class.getName());

  /**
   * Rewritten in one order-free piece and compacted: the issuance side (small: one row per voter).
   */
  static final List<String> ISSUANCE_TABLES = List.of("token_issuance", "voter", "access_code");

  /** Touched in the same transaction, vacuumed without blocking other polls' casts. */
  static final List<String> BALLOT_TABLES = List.of("ballot", "token_spend", "chain_head");

  private final Database db;
  private final Tx tx;

  public OrderEraser(Database db) {
    this.db = db;
    this.tx = new Tx(db);
  }

  /**
   * Erases the poll's write order. Run after the close has committed (no more issuance or cast for
   * the poll); idempotent. A failure is logged and rethrown: the poll stays closed, and the step
   * can be run again.
   */
  public void erase(String pollId) {
    tx.exec(c -> rewrite(c, pollId));
    try (Connection c = db.connect()) {
      c.setAutoCommit(true); // VACUUM, CLUSTER and Derby's compress run outside a transaction
      compact(c, db.dialect());
    } catch (SQLException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "poll "
              + pollId
              + ": the store's write order was rewritten but the"
              + " tables could not be compacted: "
              + e.getMessage());
      throw new StoreException(e);
    }
    // only now is the erase complete; until this row exists the poll is erased again (before tally,
    // at start-up)
    tx.exec(
        c -> {
          if (!erased(c, pollId)) {
            try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO order_erasure (poll_id) VALUES (?)")) {
              ps.setString(1, pollId);
              ps.executeUpdate();
            }
          }
        });
  }

  /**
   * Whether the erase of the poll's write order has completed (docs/security.md "What the store
   * keeps after close").
   */
  public static boolean erased(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM order_erasure WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * The polls past their close (closed, tallied, published) whose write order is not yet known to
   * be erased.
   */
  public static List<String> pending(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM poll WHERE status IN ('CLOSED', 'TALLIED', 'PUBLISHED')"
                + " AND NOT EXISTS (SELECT 1 FROM order_erasure e WHERE e.poll_id = poll.id) ORDER BY id")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private record Issued(int voterNo, String blindedHash, String blindSigHex) {}

  /**
   * One transaction: the issuance rows deleted and inserted again in voter_no order; every other
   * row touched.
   */
  static void rewrite(Connection c, String pollId) throws SQLException {
    List<Issued> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT voter_no, blinded_hash, blind_sig_hex FROM token_issuance WHERE poll_id = ? ORDER BY voter_no")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Issued(rs.getInt(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM token_issuance WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO token_issuance (poll_id, voter_no, blinded_hash, blind_sig_hex) VALUES (?, ?, ?, ?)")) {
      for (Issued r :
          rows) { // one at a time, in voter_no order: the heap's order is then the roster's
        ps.setString(1, pollId);
        ps.setInt(2, r.voterNo());
        ps.setString(3, r.blindedHash());
        ps.setString(4, r.blindSigHex());
        ps.executeUpdate();
      }
    }
    // The wrong-code throttle's rows (address hash, time) serve only while codes can be asked for:
    // none after close.
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM access_code_failure WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      ps.executeUpdate();
    }
    // PostgreSQL: a new version of every other row of the poll, with this transaction's id and no
    // lock in xmax.
    // (Derby keeps no transaction id in a row; its ballot heap is in chain order, which the board
    // publishes.)
    if (Dialect.of(c) == Dialect.POSTGRES) {
      touch(c, "voter", "late", pollId);
      touch(c, "access_code", "voter_no", pollId);
      touch(c, "ballot", "chain_index", pollId);
      touch(c, "token_spend", "token_hash", pollId);
      touch(c, "chain_head", "last_index", pollId);
    }
  }

  private static void touch(Connection c, String table, String column, String pollId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE " + table + " SET " + column + " = " + column + " WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      ps.executeUpdate();
    }
  }

  /**
   * Rewrites the tables so that the old row versions (with their transaction ids and places) are
   * gone.
   */
  static void compact(Connection c, Dialect dialect) throws SQLException {
    try (Statement st = c.createStatement()) {
      switch (dialect) {
        case POSTGRES -> {
          try (ResultSet rs = st.executeQuery("SHOW track_commit_timestamp")) {
            if (rs.next() && "on".equalsIgnoreCase(rs.getString(1))) {
              // off by default; when on, PostgreSQL dates every issuance and every cast by
              // transaction
              LOG.log(
                  System.Logger.Level.WARNING,
                  "track_commit_timestamp is on: PostgreSQL keeps the commit"
                      + " time of every issuance and cast (docs/security.md); turn it off");
            }
          }
          for (String t : ISSUANCE_TABLES) {
            st.execute("CLUSTER " + t + " USING " + t + "_pkey");
          }
          for (String t : BALLOT_TABLES) {
            st.execute("VACUUM " + t);
          }
        }
        case DERBY -> {
          String schema = c.getSchema();
          try (PreparedStatement ps =
              c.prepareStatement("CALL SYSCS_UTIL.SYSCS_COMPRESS_TABLE(?, ?, 1)")) {
            for (String t : ISSUANCE_TABLES) {
              ps.setString(1, schema);
              ps.setString(2, t.toUpperCase(java.util.Locale.ROOT));
              ps.execute();
            }
          }
          st.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
        }
      }
    }
  }
}
