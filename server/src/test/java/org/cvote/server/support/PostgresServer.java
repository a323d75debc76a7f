package org.cvote.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cvote.server.store.StoreSettings;

/**
 * A throw-away PostgreSQL cluster for tests and benchmarks: {@code initdb} in a temporary folder,
 * started with {@code pg_ctl} on a free local port (TCP on 127.0.0.1 only, password
 * authentication), stopped and deleted by a shutdown hook. PostgreSQL refuses to run as root, so as
 * root the server runs as the {@code postgres} system user of Debian's package (via {@code
 * runuser}), in a folder that user owns; otherwise as the current user. Without the server binaries
 * it fails with the reason: {@code bin/lib/test-deps.sh} installs them.
 */
public final class PostgresServer {
  public static final String SUPERUSER = "cvote_test";
  private static PostgresServer shared;

  private final Path base;
  private final Path bin;
  private final boolean asPostgresUser;
  private final int port;
  private final String password;
  private boolean stopped;

  private PostgresServer(Path base, Path bin, boolean asPostgresUser, int port, String password) {
    this.base = base;
    this.bin = bin;
    this.asPostgresUser = asPostgresUser;
    this.port = port;
    this.password = password;
  }

  /**
   * The JVM's one test cluster (started on first use; durability off, as nothing in it must
   * survive).
   */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start(false);
    }
    return shared;
  }

  /**
   * A new cluster; {@code durable} keeps PostgreSQL's default fsync and commit settings (for
   * benchmarks).
   */
  public static PostgresServer start(boolean durable) {
    Path bin = binaries();
    try {
      Path base = Files.createTempDirectory("cvote-pg");
      boolean root =
          ((Integer) Files.getAttribute(base, "unix:uid")) == 0; // we made it: its owner is us
      String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      Path pwfile = base.resolve("pwfile");
      Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
      if (root) {
        chownTree(base, "postgres");
      }
      PostgresServer pg = null;
      IOException last = null;
      for (int attempt = 0; attempt < 3 && pg == null; attempt++) {
        int port = freePort();
        PostgresServer candidate = new PostgresServer(base, bin, root, port, password);
        try {
          if (attempt == 0) {
            candidate.run(
                bin.resolve("initdb").toString(),
                "-D",
                base.resolve("data").toString(),
                "-U",
                SUPERUSER,
                "--pwfile=" + pwfile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-instructions");
            Files.delete(pwfile);
          }
          List<String> opts =
              new ArrayList<>(
                  List.of(
                      "-p " + port,
                      "-k " + base,
                      "-c listen_addresses=127.0.0.1",
                      "-c max_connections=400",
                      "-c shared_buffers=128MB"));
          if (!durable) {
            opts.addAll(
                List.of("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"));
          }
          candidate.run(
              bin.resolve("pg_ctl").toString(),
              "-D",
              base.resolve("data").toString(),
              "-l",
              base.resolve("server.log").toString(),
              "-w",
              "-t",
              "60",
              "-o",
              String.join(" ", opts),
              "start");
          pg = candidate;
        } catch (IOException e) {
          last = e; // most likely the port was taken meanwhile: try another
        }
      }
      if (pg == null) {
        throw new IllegalStateException("could not start PostgreSQL: " + last.getMessage(), last);
      }
      PostgresServer started = pg;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "cvote-pg-stop"));
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare a PostgreSQL cluster", e);
    }
  }

  /**
   * The server binaries: $CVOTE_PG_BIN, else the newest /usr/lib/postgresql/N/bin (Debian's
   * layout).
   */
  static Path binaries() {
    String env = System.getenv("CVOTE_PG_BIN");
    List<Path> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> s = Files.list(debian)) {
        s.filter(p -> p.getFileName().toString().matches("\\d+"))
            .sorted(
                Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString()))
                    .reversed())
            .forEach(p -> candidates.add(p.resolve("bin")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Path p : candidates) {
      if (Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "PostgreSQL server binaries (initdb, pg_ctl) not found in "
            + candidates
            + "; the PostgreSQL tests need Debian's postgresql package (bin/lib/test-deps.sh installs it when run as"
            + " root; or set CVOTE_PG_BIN to the folder holding initdb)");
  }

  public int port() {
    return port;
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Store settings for {@code database} as the cluster's superuser. */
  public StoreSettings settings(String database, int poolSize) {
    return new StoreSettings(url(database), SUPERUSER, password, poolSize);
  }

  public String password() {
    return password;
  }

  /** Creates {@code name} (lower-case letters, digits, underscores) unless it exists. */
  public synchronized void createDatabase(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database name " + name);
    }
    try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, password)) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server at once (nothing in it must survive) and deletes its folder. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      run(
          bin.resolve("pg_ctl").toString(),
          "-D",
          base.resolve("data").toString(),
          "-m",
          "immediate",
          "-w",
          "stop");
    } catch (IOException e) {
      System.err.println("cvote: stopping the test PostgreSQL failed: " + e.getMessage());
    }
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }

  /**
   * Runs a PostgreSQL tool (as the postgres user when we are root); its output is in the exception
   * on failure.
   */
  private void run(String... command) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true).start();
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(command[0] + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      String log = "";
      Path serverLog = base.resolve("server.log");
      if (Files.exists(serverLog)) {
        log = "\nserver.log:\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
      }
      throw new IOException(
          String.join(" ", cmd) + " failed (" + p.exitValue() + "):\n" + out + log);
    }
  }

  private static void chownTree(Path dir, String user) throws IOException {
    UserPrincipal owner =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        Files.setOwner(p, owner);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
