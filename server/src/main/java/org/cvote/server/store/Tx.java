package org.cvote.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.cvote.server.refusal.Refusal;

/**
 * Runs work in one JDBC transaction: commit on success, roll back on any exception, retry on
 * deadlock or serialization failure (40001, 40P01, 40XL1) a few times, and map a unique-key
 * violation to a 409.
 */
public final class Tx {
  private static final int RETRIES = 5;
  private final Database db;

  public Tx(Database db) {
    this.db = db;
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  public <T> T run(Work<T> work) {
    // A transaction opened inside another holds two pooled connections per thread: enough such
    // threads
    // starve the pool. Tests run with assertions on, so a nesting shows up there.
    assert !ACTIVE.get() : "a transaction inside a transaction: pass the Connection instead";
    ACTIVE.set(true);
    try {
      return attempt(work);
    } finally {
      ACTIVE.set(false);
    }
  }

  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

  private <T> T attempt(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = db.connect()) {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        if (SqlStates.isRetryable(e) && attempt < RETRIES) {
          continue;
        }
        if (SqlStates.isUniqueViolation(e)) {
          throw Refusal.conflict("duplicate", "already exists");
        }
        throw new StoreException(e);
      }
    }
  }

  /** A read-only or single-statement unit of work: same semantics. */
  public void exec(VoidWork work) {
    run(
        c -> {
          work.run(c);
          return null;
        });
  }

  @FunctionalInterface
  public interface VoidWork {
    void run(Connection c) throws SQLException;
  }
}
