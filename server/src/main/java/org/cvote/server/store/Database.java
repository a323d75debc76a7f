package org.cvote.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's database behind a HikariCP pool: embedded Derby in {@code <data>/db} (the default,
 * one node), or a PostgreSQL database that several nodes share. Opening applies pending migrations
 * under the start-up lock, so nodes that start together against one empty database neither race nor
 * apply a migration twice.
 */
public final class Database implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Database.class.getName());
  private final StoreSettings settings;
  private final Dialect dialect;
  private final Path derbyDir;
  private final HikariDataSource pool;

  /**
   * Within one JVM the start-up section is also exclusive (the advisory lock is re-entrant per
   * session only).
   */
  private final ReentrantLock startup = new ReentrantLock();

  private volatile boolean closed;

  private Database(StoreSettings settings, Dialect dialect, Path derbyDir, HikariDataSource pool) {
    this.settings = settings;
    this.dialect = dialect;
    this.derbyDir = derbyDir;
    this.pool = pool;
  }

  /** Embedded Derby in {@code <dataDir>/db}, created if needed. */
  public static Database open(Path dataDir) {
    return open(StoreSettings.derby(), dataDir);
  }

  /**
   * Opens the configured store (Derby in {@code <dataDir>/db} when the URL is empty) and applies
   * pending migrations.
   */
  public static Database open(StoreSettings settings, Path dataDir) {
    Database db;
    try {
      db = settings.embedded() ? derby(settings, dataDir) : postgres(settings);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot open the database (" + settings.describe() + "): " + e.getMessage(), e);
    }
    try {
      db.exclusively(
          c -> {
            Migrations.apply(c, db.dialect);
            TimeZoneGuard.check(c, java.time.ZoneId.systemDefault());
            return null;
          });
      return db;
    } catch (IllegalStateException e) {
      db.close();
      throw e;
    } catch (RuntimeException e) {
      db.close();
      throw new IllegalStateException(
          "cannot migrate the database (" + settings.describe() + "): " + e.getMessage(), e);
    }
  }

  private static Database derby(StoreSettings settings, Path dataDir) throws Exception {
    String url = settings.url();
    Path dir = null;
    if (url.isEmpty()) {
      Files.createDirectories(dataDir);
      // Derby writes derby.log into the working folder unless told otherwise before the first boot.
      if (System.getProperty("derby.stream.error.file") == null) {
        System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());
      }
      // Derby's background index-statistics daemon re-scans tables as they grow; under a rush of
      // casts it
      // took a third of a core (found by `cvote bench`). Every query here is a key lookup: plans
      // need no statistics.
      if (System.getProperty("derby.storage.indexStats.auto") == null) {
        System.setProperty("derby.storage.indexStats.auto", "false");
      }
      // Each ballot is a ~22 KB row, so Derby's 32 KB log buffer was switched and written out with
      // nearly every
      // ballot: 1 MB (Derby keeps three) lets a group commit reach the log in a few writes.
      // Durability is
      // unchanged: a commit still syncs the log before it returns.
      if (System.getProperty("derby.storage.logBufferSize") == null) {
        System.setProperty("derby.storage.logBufferSize", String.valueOf(1 << 20));
      }
      dir = dataDir.resolve("db");
      url = "jdbc:derby:" + dir.toAbsolutePath();
    }
    Properties p = new Properties();
    p.setProperty("create", "true");
    DriverManager.getConnection(url, p)
        .close(); // boots (and creates) the database once, outside the pool
    HikariConfig hc = base(settings, url);
    // Derby has no network round trip: idle embedded connections cost little, and fewer keep the
    // pool quick
    hc.setMinimumIdle(Math.min(2, settings.poolSize()));
    return new Database(settings, Dialect.DERBY, dir, new HikariDataSource(hc));
  }

  private static Database postgres(StoreSettings settings) {
    HikariConfig hc = base(settings, settings.url());
    hc.setUsername(settings.user().isEmpty() ? null : settings.user());
    hc.setPassword(settings.password().isEmpty() ? null : settings.password());
    hc.addDataSourceProperty("ApplicationName", "cvote");
    // Fail fast at start when the database is unreachable (the default would retry for
    // connection-timeout).
    hc.setInitializationFailTimeout(1);
    return new Database(settings, Dialect.POSTGRES, null, new HikariDataSource(hc));
  }

  private static HikariConfig base(StoreSettings settings, String url) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("cvote-db");
    hc.setJdbcUrl(url);
    hc.setMaximumPoolSize(settings.poolSize());
    hc.setAutoCommit(true);
    hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    hc.setConnectionTimeout(30_000);
    return hc;
  }

  public Connection connect() throws SQLException {
    if (closed) {
      throw new SQLException("database closed", "08003");
    }
    return pool.getConnection();
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} while no other node (nor thread) is inside its start-up section: on
   * PostgreSQL a session advisory lock held on a connection of its own. {@code work} gets that
   * connection; it may also use others from the pool (through {@link Tx}), which is why the pool
   * has two connections at least.
   */
  public <T> T exclusively(Work<T> work) {
    startup.lock();
    try (Connection c = connect()) {
      dialect.startupLock(c);
      try {
        return work.run(c);
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        c.setAutoCommit(true);
        dialect.startupUnlock(c);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    } finally {
      startup.unlock();
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  public StoreSettings settings() {
    return settings;
  }

  /** The Derby folder ({@code <data>/db}); null on PostgreSQL. */
  public Path dir() {
    return derbyDir;
  }

  /**
   * Closes the pool; Derby reports a clean shutdown with an exception (08006), anything else is an
   * unclean stop.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pool.close();
    if (dialect != Dialect.DERBY) {
      return;
    }
    try {
      DriverManager.getConnection(pool.getJdbcUrl() + ";shutdown=true").close();
    } catch (SQLException e) {
      if (!"08006".equals(e.getSQLState()) && !"XJ015".equals(e.getSQLState())) {
        LOG.log(System.Logger.Level.WARNING, "Derby did not shut down cleanly: " + e.getSQLState());
      }
    }
  }
}
