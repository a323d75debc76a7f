package org.cvote.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.support.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain-head lock ({@link PollLifecycle#lockChain}) on the store under test ({@link TestStore}:
 * Derby, and PostgreSQL in the second run): held until commit, and a transaction that waited for it
 * reads the head its holder committed (READ COMMITTED); so concurrent appends get consecutive
 * indices.
 */
class ChainLockTest {
  private static final String POLL = "p-chainlock";

  @Test
  void aWaiterReadsTheHeadItsHolderCommitted(@TempDir Path dir) throws Exception {
    try (Database db = TestStore.open(dir)) {
      newPoll(db);
      Tx tx = new Tx(db);
      try (Connection holder = db.connect()) {
        holder.setAutoCommit(false);
        PollLifecycle.lockChain(holder, POLL);
        assertEquals(0, head(holder));
        CompletableFuture<Integer> waiter =
            CompletableFuture.supplyAsync(
                () ->
                    tx.run(
                        c -> {
                          PollLifecycle.lockChain(c, POLL);
                          return head(c);
                        }));
        awaitOneWaitingLock(db);
        assertFalse(waiter.isDone(), "the waiter must wait for the holder's commit");
        setHead(holder, 1);
        holder.commit();
        assertEquals(1, waiter.get(), "after the wait the head the holder committed is read");
      }
    }
  }

  @Test
  void concurrentAppendsGetConsecutiveIndices(@TempDir Path dir) throws Exception {
    int n = 60;
    try (Database db = TestStore.open(dir)) {
      newPoll(db);
      Tx tx = new Tx(db);
      ExecutorService pool = Executors.newFixedThreadPool(12);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          fs.add(
              pool.submit(
                  () -> {
                    go.await();
                    return tx.run(
                        c -> {
                          PollLifecycle.lockChain(c, POLL);
                          int k = head(c) + 1;
                          setHead(c, k);
                          return k;
                        });
                  }));
        }
        go.countDown();
        TreeSet<Integer> got = new TreeSet<>();
        for (Future<Integer> f : fs) {
          got.add(f.get());
        }
        assertEquals(n, got.size(), "no index given twice");
        assertEquals(1, got.first());
        assertEquals(n, got.last(), "no gap");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static void newPoll(Database db) {
    new Tx(db)
        .exec(
            c -> {
              try (Statement s = c.createStatement()) {
                s.executeUpdate(
                    "INSERT INTO poll (id, title, place, poll_date, visibility, status, created_at)"
                        + " VALUES ('"
                        + POLL
                        + "', 't', 'p', CURRENT_DATE, 'PUBLIC', 'OPEN', CURRENT_TIMESTAMP)");
                s.executeUpdate(
                    "INSERT INTO chain_head (poll_id, last_index, last_hash) VALUES ('"
                        + POLL
                        + "', 0, '"
                        + "0".repeat(64)
                        + "')");
              }
            });
  }

  private static int head(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT last_index FROM chain_head WHERE poll_id = ?")) {
      ps.setString(1, POLL);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void setHead(Connection c, int k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE chain_head SET last_index = ? WHERE poll_id = ?")) {
      ps.setInt(1, k);
      ps.setString(2, POLL);
      ps.executeUpdate();
    }
  }

  /**
   * Polls the database's own lock table until one lock request is waiting (no timing assumption).
   */
  private static void awaitOneWaitingLock(Database db) throws Exception {
    String sql =
        db.dialect() == Dialect.POSTGRES
            ? "SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
            : "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE STATE = 'WAIT'";
    for (int i = 0; i < 600; i++) {
      try (Connection c = db.connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the second transaction never waited for the chain-head lock");
  }
}
