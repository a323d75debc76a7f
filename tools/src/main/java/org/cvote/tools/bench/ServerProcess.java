package org.cvote.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cvote server in its own JVM (this JVM's java and class path), as an operator runs it, so its
 * CPU time can be read apart from the load generator's.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  final URI base;
  final String adminPassword;

  private ServerProcess(Process process, URI base, String adminPassword) {
    this.process = process;
    this.base = base;
    this.adminPassword = adminPassword;
  }

  static ServerProcess start(Path data) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // the launcher's flags (e.g. --sun-misc-unsafe-memory-access=allow), not agents, debuggers or
      // a flight
      // recording of the bench itself (both processes would write the same file)
      if (a.startsWith("-XX:StartFlightRecording") || a.startsWith("-XX:FlightRecorderOptions")) {
        continue;
      }
      if (a.startsWith("--") || a.startsWith("-Xmx") || a.startsWith("-XX:")) {
        cmd.add(a);
      }
    }
    // extra flags for the server alone, e.g. a flight recording:
    // CVOTE_BENCH_SERVER_OPTS="-XX:StartFlightRecording=filename=s.jfr"
    String extra = System.getenv("CVOTE_BENCH_SERVER_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "org.cvote.server.Main",
            "server",
            "--port",
            String.valueOf(port),
            "--data",
            data.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<String> password = new CompletableFuture<>();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  int i = line.indexOf("one-time password: ");
                  if (i >= 0) {
                    password.complete(line.substring(i + "one-time password: ".length()).trim());
                  }
                  if (line.contains("cvote server listening")) {
                    listening.complete(null);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
              password.completeExceptionally(
                  new IllegalStateException("the server ended before it printed its password"));
              listening.completeExceptionally(
                  new IllegalStateException("the server ended before it listened"));
            },
            "bench-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(2, TimeUnit.MINUTES);
      return new ServerProcess(
          p, URI.create("http://localhost:" + port), password.get(5, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("the benchmark's server did not start: " + e.getMessage(), e);
    }
  }

  /** CPU time of the server's threads by part (Linux; empty elsewhere). */
  java.util.Map<ThreadCpu.Part, Double> threadCpu() {
    return ThreadCpu.of(process.pid());
  }

  /** CPU time (user + system) the server process has used so far. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: the server's shutdown hook closes the database cleanly
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
