package org.cvote.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cvote.server.store.StoreSettings;

/**
 * One server node in a process of its own, as an operator starts it ({@code cvote server}: the
 * server's Main on the test class path), configured through the environment like a real node
 * (CVOTE_DB_*, CVOTE_MASTER_KEY). Its console and logs go to {@code <data>/node.log}; closing it
 * sends SIGTERM, so the node stops in order.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("cvote server listening on (http://localhost:\\d+)");
  private static final Pattern PASSWORD = Pattern.compile("one-time password: (\\S+)");
  private final Process process;
  private final Path log;
  private URI uri;

  private NodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts a node on a free port; {@link #awaitReady} waits until it serves. */
  public static NodeProcess start(
      Path dataDir, Path masterKey, StoreSettings store, List<String> jvmOptions) {
    try {
      Files.createDirectories(dataDir);
      Path log = dataDir.resolve("node.log");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(jvmOptions);
      cmd.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              "org.cvote.server.Main",
              "server",
              "--port",
              String.valueOf(freePort()),
              "--data",
              dataDir.toString()));
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("CVOTE_")); // only what is set here
      env.put("CVOTE_MASTER_KEY", masterKey.toString());
      // the password through the environment, never on the command line (which every local user can
      // read)
      env.put("CVOTE_DB_URL", store.url());
      env.put("CVOTE_DB_USER", store.user());
      env.put("CVOTE_DB_PASSWORD", store.password());
      env.put("CVOTE_DB_POOL_SIZE", String.valueOf(store.poolSize()));
      return new NodeProcess(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a server node", e);
    }
  }

  /** Waits until the node prints its address; fails with its log if it dies or takes too long. */
  public NodeProcess awaitReady(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(log());
      if (m.find()) {
        uri = URI.create(m.group(1));
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the node stopped (" + process.exitValue() + "):\n" + log());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
    throw new IllegalStateException("the node did not start within " + within + ":\n" + log());
  }

  public URI uri() {
    if (uri == null) {
      throw new IllegalStateException("not ready yet");
    }
    return uri;
  }

  /** The first-run secretariat password, if this node was the one that created the account. */
  public Optional<String> firstRunPassword() {
    Matcher m = PASSWORD.matcher(log());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
