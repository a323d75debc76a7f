package org.cvote.server.store;

import java.sql.SQLException;

/** A database failure that is not the client's fault; surfaces as a 500. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(SQLException cause) {
    super("database error " + cause.getSQLState(), cause);
  }
}
