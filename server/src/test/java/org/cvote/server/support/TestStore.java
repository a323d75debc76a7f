package org.cvote.server.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cvote.server.ServerConfig;
import org.cvote.server.store.Database;
import org.cvote.server.store.StoreSettings;

/**
 * The store the tests run on: embedded Derby in the test's data folder, or with {@code
 * -Dcvote.test.store=postgres} (the second surefire run of the route tests) a PostgreSQL database
 * of the {@link PostgresServer#shared() test cluster}, one per data folder, so a test that restarts
 * on the same folder finds its data again.
 */
public final class TestStore {
  public static final String PROPERTY = "cvote.test.store";

  private TestStore() {}

  public static boolean postgres() {
    String v = System.getProperty(PROPERTY, "derby");
    return switch (v) {
      case "derby" -> false;
      case "postgres" -> true;
      default ->
          throw new IllegalArgumentException(PROPERTY + " must be derby or postgres, not " + v);
    };
  }

  public static StoreSettings forDir(Path dir) {
    if (!postgres()) {
      return StoreSettings.derby();
    }
    String name = "t_" + sha256(dir.toAbsolutePath().normalize().toString()).substring(0, 20);
    PostgresServer pg = PostgresServer.shared();
    pg.createDatabase(name);
    return pg.settings(name, 4); // small pools: test classes keep their apps open side by side
  }

  /** The server's defaults for a test data folder, on the store under test. */
  public static ServerConfig config(Path dir) {
    return ServerConfig.defaults(dir).withStore(forDir(dir));
  }

  public static Database open(Path dir) {
    return Database.open(forDir(dir), dir);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
