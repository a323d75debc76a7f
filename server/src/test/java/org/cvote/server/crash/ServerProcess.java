package org.cvote.server.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cvote server} (the server's {@code Main} on the test class path) as a separate process on
 * a fixed port and data folder, so a test can SIGKILL it and boot it again on the same folder. Each
 * start gets its own log file; {@link #bootMillis()} is the time from the process start to the
 * "listening" line (the boot, including Derby's recovery after an unclean stop).
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern PASSWORD = Pattern.compile("one-time password: (\\S+)");
  private final Path data;
  private final Path logs;
  private final int port;
  private Process process;
  private Path log;
  private long bootMillis;
  private int starts;
  private String firstRunPassword;

  ServerProcess(Path data, Path logs) throws IOException {
    this.data = data;
    this.logs = logs;
    this.port = freePort();
    Files.createDirectories(logs);
  }

  URI uri() {
    return URI.create("http://localhost:" + port);
  }

  Path data() {
    return data;
  }

  /** The secretariat's one-time password, printed by the start that created the account. */
  String firstRunPassword() {
    if (firstRunPassword == null) {
      throw new IllegalStateException("no first-run password was printed");
    }
    return firstRunPassword;
  }

  long bootMillis() {
    return bootMillis;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the server and waits until it listens; fails with the log if it exits or takes over two
   * minutes.
   */
  ServerProcess start() throws IOException, InterruptedException {
    if (running()) {
      throw new IllegalStateException("already running");
    }
    starts++;
    log = logs.resolve("server-" + starts + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Derby records every failed statement (all severities) in derby.log, kept across boots, for a
    // failure's diagnosis
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Dderby.stream.error.logSeverityLevel=0",
                "-Dderby.infolog.append=true",
                "-cp",
                System.getProperty("java.class.path"),
                "org.cvote.server.Main",
                "server",
                "--port",
                Integer.toString(port),
                "--data",
                data.toString()));
    long t0 = System.nanoTime();
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    // durable commits: nothing may switch Derby's fsync off for this process
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      String text = text();
      if (text.contains("cvote server listening on")) {
        bootMillis = (System.nanoTime() - t0) / 1_000_000;
        Matcher m = PASSWORD.matcher(text);
        if (m.find()) {
          firstRunPassword = m.group(1);
        }
        break;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the server exited with " + process.exitValue() + " while booting:\n" + text);
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("the server did not boot within two minutes:\n" + text);
      }
      Thread.sleep(20);
    }
    String derbyLog =
        Files.exists(data.resolve("derby.log"))
            ? Files.readString(data.resolve("derby.log"), StandardCharsets.UTF_8)
            : "";
    if (derbyLog.contains("derby.system.durability=test")) {
      throw new AssertionError(
          "Derby runs without durable commits (derby.system.durability is set):\n" + derbyLog);
    }
    return this;
  }

  /**
   * SIGKILL (destroyForcibly is SIGKILL on Linux): no shutdown hook, no Derby checkpoint, sockets
   * reset.
   */
  void kill() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not die");
    }
  }

  /** An orderly stop (SIGTERM: the shutdown hook closes the web server, then Derby). */
  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** This start's output, for failure messages. */
  String text() throws IOException {
    return log != null && Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  Optional<Long> pid() {
    return process == null ? Optional.empty() : Optional.of(process.pid());
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
