package org.cvote.server.store;

import java.sql.SQLException;

/** The SQLStates the server reacts to; the same codes in Derby and PostgreSQL. */
public final class SqlStates {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String DEADLOCK = "40001";
    public static final String LOCK_TIMEOUT = "40XL1";

    private SqlStates() {}

    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) return true;
        }
        return false;
    }

    public static boolean isRetryable(SQLException e) {
        return DEADLOCK.equals(e.getSQLState()) || LOCK_TIMEOUT.equals(e.getSQLState());
    }
}
