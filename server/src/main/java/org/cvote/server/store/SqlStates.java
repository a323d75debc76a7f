package org.cvote.server.store;

import java.sql.SQLException;

/** The SQLStates the server reacts to, in Derby and PostgreSQL. */
public final class SqlStates {
  public static final String UNIQUE_VIOLATION = "23505";

  /** Derby's deadlock and both databases' serialization failure. */
  public static final String DEADLOCK = "40001";

  /** PostgreSQL's deadlock_detected. */
  public static final String PG_DEADLOCK = "40P01";

  /** Derby's lock wait timeout. */
  public static final String LOCK_TIMEOUT = "40XL1";

  private SqlStates() {}

  public static boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** A transaction the database rolled back to break a conflict: running it again is safe. */
  public static boolean isRetryable(SQLException e) {
    String s = e.getSQLState();
    return DEADLOCK.equals(s) || PG_DEADLOCK.equals(s) || LOCK_TIMEOUT.equals(s);
  }
}
