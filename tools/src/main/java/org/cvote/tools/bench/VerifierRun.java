package org.cvote.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.testkit.fixture.ElectionFixtureV2;

/**
 * The auditor's verifier jar ({@code bin/cvote-verify}) on a synthetic record of N ballots × 5
 * subjects (real keys, tokens and proofs; built once and kept in the work folder): ballots/s on the
 * batch path (all cores) and on the naive path (one proof at a time, one thread), and the peak RSS.
 */
final class VerifierRun {
  record Figures(
      int ballots,
      double seconds,
      double ballotsPerSecond,
      long peakRssMiB,
      int naiveBallots,
      double naiveBallotsPerSecond,
      boolean passed) {}

  private VerifierRun() {}

  /** The verifier jar: CVOTE_VERIFY_JAR (set by bin/cvote), else the module's build output. */
  static Path jar() {
    String env = System.getenv("CVOTE_VERIFY_JAR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path local = Path.of("verifier", "target", "cvote-verify.jar");
    return Files.exists(local) ? local : null;
  }

  static Figures run(Path jar, int ballots, int naiveBallots, Path work, PrintStream log)
      throws Exception {
    Path record = record(ballots, work, log);
    Path naiveRecord = record(naiveBallots, work, log);
    log.printf(
        "verifying %,d ballots with %s (batch path, all cores)...%n", ballots, jar.getFileName());
    Result batch = verify(jar, record, false);
    log.printf(
        "verifying %,d ballots on the naive path (one proof at a time, one thread)...%n",
        naiveBallots);
    Result naive = verify(jar, naiveRecord, true);
    return new Figures(
        ballots,
        batch.seconds,
        ballots / batch.seconds,
        batch.peakRss >> 20,
        naiveBallots,
        naiveBallots / naive.seconds,
        batch.exit == 0 && naive.exit == 0);
  }

  /**
   * The verifier on a ballot version 2 record of the same size (docs/protocol.md §16): batch path
   * only.
   */
  record FiguresV2(
      int ballots,
      double seconds,
      double ballotsPerSecond,
      long peakRssMiB,
      long bytes,
      boolean passed) {}

  static FiguresV2 runV2(Path jar, int ballots, Path work, PrintStream log) throws Exception {
    Path dir = work.resolve("record-v2-" + ballots);
    if (!Files.exists(dir.resolve("record.sig"))) {
      log.printf(
          "building a ballot version 2 record of %,d ballots × 5 subjects in %s (once)...%n",
          ballots, dir);
      long t0 = System.nanoTime();
      ElectionFixtureV2.write(
          new ElectionFixture.Spec(
              "bench-poll",
              "Benchmark poll",
              CastBench.SUBJECTS,
              ballots,
              5,
              3,
              List.of(1, 3, 5),
              7),
          dir);
      log.printf("  built in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }
    log.printf(
        "verifying %,d version 2 ballots with %s (batch path, all cores)...%n",
        ballots, jar.getFileName());
    Result r = verify(jar, dir, false);
    return new FiguresV2(
        ballots,
        r.seconds,
        ballots / r.seconds,
        r.peakRss >> 20,
        Files.size(dir.resolve("ballots.ndjson")),
        r.exit == 0);
  }

  private static Path record(int ballots, Path work, PrintStream log) {
    Path dir = work.resolve("record-" + ballots);
    if (Files.exists(dir.resolve("record.sig"))) {
      return dir;
    }
    log.printf(
        "building a synthetic record of %,d ballots × 5 subjects in %s (once; kept for later runs)...%n",
        ballots, dir);
    long t0 = System.nanoTime();
    ElectionFixture.write(
        new ElectionFixture.Spec(
            "bench-poll", "Benchmark poll", CastBench.SUBJECTS, ballots, 5, 3, List.of(1, 3, 5), 7),
        dir);
    log.printf("  built in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    return dir;
  }

  private record Result(int exit, double seconds, long peakRss) {}

  /**
   * Runs the jar as an auditor would (its own JVM, the launcher's flags) and samples its peak RSS
   * from /proc.
   */
  private static Result verify(Path jar, Path record, boolean naive)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--")) {
        cmd.add(a);
      }
    }
    // the heap bin/cvote-verify gives it (CVOTE_VERIFY_HEAP)
    String heap = System.getenv("CVOTE_VERIFY_HEAP");
    cmd.add("-Xmx" + (heap == null || heap.isBlank() ? "320m" : heap));
    cmd.add("-XX:+UseParallelGC"); // as bin/cvote-verify
    cmd.addAll(List.of("-jar", jar.toString(), "--no-progress"));
    if (naive) {
      cmd.add("--naive");
    }
    cmd.add(record.toString());
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
    long peak = 0;
    while (p.isAlive()) {
      peak = Math.max(peak, peakRss(status));
      Thread.sleep(50);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(p.exitValue(), seconds, peak);
  }

  /** VmHWM (peak resident set) in bytes; 0 where /proc is not available. */
  private static long peakRss(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
