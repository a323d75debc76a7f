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
 * batch path (all cores) and on the naive path (one proof at a time, one thread), and the peak RSS;
 * and version 1 beside version 2 (docs/protocol.md §16) at the largest version 2 size.
 */
final class VerifierRun {
  record Figures(
      int ballots,
      double seconds,
      double ballotsPerSecond,
      long peakRssMiB,
      int naiveBallots,
      double naiveBallotsPerSecond,
      boolean passed,
      Side batch) {}

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
        batch.exit == 0 && naive.exit == 0,
        side(1, ballots, record, batch));
  }

  /**
   * The largest version 2 record the bench builds: a version 2 poll has at most 10,000 summoned
   * (docs/protocol.md §16.1), so a 100,000-ballot version 2 record cannot exist; version 1 is
   * measured at this size too, for a like-for-like ratio.
   */
  static final int V2_BALLOTS = 9_900;

  /** One verifier run on the batch path (all cores): time, rate, peak RSS, ballots.ndjson bytes. */
  record Side(
      int version,
      int ballots,
      double seconds,
      double ballotsPerSecond,
      long peakRssMiB,
      long bytes,
      boolean passed,
      Warm warm) {
    Side withWarm(Warm w) {
      return new Side(version, ballots, seconds, ballotsPerSecond, peakRssMiB, bytes, passed, w);
    }
  }

  /**
   * The same record verified {@link #WARM_PASSES} times in one JVM ({@link WarmVerify}): the last
   * pass's rate is the steady state, once the JIT has compiled the hot code; null when not run.
   */
  record Warm(
      int passes,
      double firstSeconds,
      double lastSeconds,
      double ballotsPerSecond,
      boolean passed) {}

  static final int WARM_PASSES = 3;

  /**
   * Version 1 and version 2 records of the same size (at most {@link #V2_BALLOTS}), each verified
   * on the batch path.
   */
  record Pair(Side v1, Side v2) {
    int ballots() {
      return v1.ballots();
    }

    double ratio() {
      return v2.ballotsPerSecond() / v1.ballotsPerSecond();
    }

    boolean passed() {
      return v1.passed() && v2.passed() && warmPassed(v1) && warmPassed(v2);
    }

    private static boolean warmPassed(Side s) {
      return s.warm() == null || s.warm().passed();
    }
  }

  /**
   * Both versions at {@code min(ballots, V2_BALLOTS)} ballots; {@code known}: a version 1 run of
   * this run already made at that size (the quick run's), or null.
   */
  static Pair runPair(Path jar, int ballots, Side known, Path work, PrintStream log)
      throws Exception {
    int n = Math.min(ballots, V2_BALLOTS);
    Path v1 = record(n, work, log); // already built when run() measured this size
    Path v2 = recordV2(n, work, log);
    Side s1 = known;
    if (s1 == null || s1.ballots() != n || s1.version() != 1) {
      log.printf(
          "verifying %,d version 1 ballots with %s (batch path, all cores)...%n",
          n, jar.getFileName());
      s1 = side(1, n, v1, verify(jar, v1, false));
    }
    log.printf(
        "verifying %,d version 2 ballots with %s (batch path, all cores)...%n",
        n, jar.getFileName());
    Side s2 = side(2, n, v2, verify(jar, v2, false));
    log.printf(
        "verifying each %,d-ballot record %d times in one JVM (the steady-state rate)...%n",
        n, WARM_PASSES);
    s1 = s1.withWarm(warm(v1, n));
    s2 = s2.withWarm(warm(v2, n));
    return new Pair(s1, s2);
  }

  /** The verifier's verdict and figures on a record of N ballots (the large poll's own record). */
  static Side runOne(Path jar, int version, int ballots, Path record) throws Exception {
    return side(version, ballots, record, verify(jar, record, false));
  }

  private static Side side(int version, int n, Path dir, Result r) throws IOException {
    return new Side(
        version,
        n,
        r.seconds,
        n / r.seconds,
        r.peakRss >> 20,
        Files.size(dir.resolve("ballots.ndjson")),
        r.exit == 0,
        null);
  }

  /** {@link WarmVerify} in its own JVM, with the heap and collector of bin/cvote-verify. */
  private static Warm warm(Path record, int n) throws IOException, InterruptedException {
    List<String> cmd = javaCommand();
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            WarmVerify.class.getName(),
            record.toString(),
            String.valueOf(WARM_PASSES)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Double> seconds = new ArrayList<>();
    boolean passed = true;
    try (var out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        String[] f = line.split(" ");
        if (f.length == 4 && f[0].equals("pass")) {
          seconds.add(Double.parseDouble(f[2]));
          passed &= Boolean.parseBoolean(f[3]);
        }
      }
    }
    if (p.waitFor() != 0 || seconds.size() != WARM_PASSES) {
      return null;
    }
    double last = seconds.get(seconds.size() - 1);
    return new Warm(WARM_PASSES, seconds.get(0), last, n / last, passed);
  }

  private static Path recordV2(int ballots, Path work, PrintStream log) {
    Path dir = work.resolve("record-v2-" + ballots);
    if (Files.exists(dir.resolve("record.sig"))) {
      return dir;
    }
    log.printf(
        "building a ballot version 2 record of %,d ballots × 5 subjects in %s (once)...%n",
        ballots, dir);
    long t0 = System.nanoTime();
    ElectionFixtureV2.write(
        new ElectionFixture.Spec(
            "bench-poll", "Benchmark poll", CastBench.SUBJECTS, ballots, 5, 3, List.of(1, 3, 5), 7),
        dir);
    log.printf("  built in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    return dir;
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
    List<String> cmd = javaCommand();
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

  /** This JDK's java with the verifier's JVM flags: those of bin/cvote-verify. */
  private static List<String> javaCommand() {
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
    return cmd;
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
