package org.cvote.server.store;

/**
 * Where the server keeps its data: an empty {@code url} is embedded Derby in {@code <data>/db} (one
 * node, no set-up); {@code jdbc:postgresql://…} is a PostgreSQL database that several nodes may
 * share. {@code poolSize} bounds the connections this node holds. The password is never part of
 * {@link #toString} or {@link #describe}.
 */
public record StoreSettings(String url, String user, String password, int poolSize) {
  public static final int DEFAULT_POOL_SIZE = 10;

  public StoreSettings {
    url = url == null ? "" : url.strip();
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (poolSize < 2 || poolSize > 1000) {
      // two at least: the start-up lock holds one connection while migrations and first-start work
      // use another
      throw new IllegalArgumentException(
          "cvote.db.pool-size must be between 2 and 1000, not " + poolSize);
    }
    if (!url.isEmpty()) {
      Dialect.ofUrl(url); // refuses an unsupported database early, with the reason
    }
  }

  /** Embedded Derby in the data folder. */
  public static StoreSettings derby() {
    return new StoreSettings("", "", "", DEFAULT_POOL_SIZE);
  }

  public static StoreSettings of(String url, String user, String password) {
    return new StoreSettings(url, user, password, DEFAULT_POOL_SIZE);
  }

  public boolean embedded() {
    return url.isEmpty() || Dialect.ofUrl(url) == Dialect.DERBY;
  }

  public StoreSettings withPoolSize(int size) {
    return new StoreSettings(url, user, password, size);
  }

  /**
   * The URL without its query part (which could carry a password), and the user: safe to print and
   * log.
   */
  public String describe() {
    if (url.isEmpty()) {
      return "embedded Derby";
    }
    int q = url.indexOf('?');
    int semi = url.indexOf(';'); // Derby attributes
    int cut = q < 0 ? semi : semi < 0 ? q : Math.min(q, semi);
    String shown = cut < 0 ? url : url.substring(0, cut);
    return shown + (user.isEmpty() ? "" : " as " + user);
  }

  @Override
  public String toString() {
    return "StoreSettings["
        + describe()
        + ", password "
        + (password.isEmpty() ? "none" : "set")
        + ", pool "
        + poolSize
        + "]";
  }
}
