package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/**
 * {@code cvote bench}: cast throughput against its proof-checking bound, the verifier's throughput
 * against its naive baseline, the batch-verification speed-up and the browser's encryption time,
 * from one run on this machine; prints a table and writes bench.json.
 */
public final class Bench {
  /**
   * Sizes of one run; {@link #quick()} fits in a few minutes, {@link #full()} uses the issues'
   * sizes.
   */
  public record Settings(
      int voters,
      int warmup,
      int concurrency,
      int verifierBallots,
      int naiveBallots,
      int proofs,
      Path work,
      Path out,
      boolean quick) {
    public Settings {
      if (voters < 10) {
        throw new IllegalArgumentException("voters must be at least 10, got " + voters);
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("warmup must not be negative, got " + warmup);
      }
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
      }
      if (verifierBallots < 1 || naiveBallots < 1) {
        throw new IllegalArgumentException("verifier ballots must be at least 1");
      }
      if (proofs < 1_000) {
        throw new IllegalArgumentException("proofs must be at least 1000, got " + proofs);
      }
    }

    public static Settings quick(Path work, Path out) {
      return new Settings(750, 500, 32, 1_000, 100, 4_000, work, out, true);
    }

    public static Settings full(Path work, Path out) {
      // 15,000 warm-up casts: the server's JIT compilers took ≈ 1.3 ms CPU per timed cast after
      // 2,000 warm-up
      // casts, 0.2–0.3 ms after 7,000 and 0.12 ms after 15,000. Methods run once per cast (the cast
      // itself, the
      // receipt signature, Derby's per-transaction code) reach C2's thresholds (≈ 5,000–15,000
      // calls) only then,
      // and were still being compiled, and running slower, in the timed phase after 7,000.
      return new Settings(5_000, 15_000, 64, 100_000, 1_000, 20_000, work, out, false);
    }
  }

  private Bench() {}

  public static int run(Settings s, PrintStream log) throws Exception {
    return run(s, s.quick() ? CommitteeBoardBench.Size.QUICK : CommitteeBoardBench.Size.FULL, log);
  }

  /**
   * With the committee's board-verification benchmark (issue 22) at that size ({@code Size.NONE}:
   * skipped).
   */
  public static int run(Settings s, CommitteeBoardBench.Size committeeBoard, PrintStream log)
      throws Exception {
    Files.createDirectories(s.work());
    long start = System.nanoTime();
    log.printf(
        "cvote bench (%s) on %d cores, Java %s; work folder %s%n%n",
        s.quick() ? "quick" : "full",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        s.work());

    log.println("== cast throughput over HTTP ==");
    AtomicReference<JsonNode> browser = new AtomicReference<>();
    CastBench.Figures cast =
        CastBench.run(
            s.voters(),
            s.warmup(),
            s.concurrency(),
            s.work(),
            log,
            base -> {
              log.println("== browser encryption (headless Chromium, the booth's code) ==");
              browser.set(BrowserRun.run(base, log));
            });

    log.println("== batch verification speed-up (crypto core) ==");
    SecureRandom rng = new SecureRandom();
    CryptoBench.BatchFigures batch =
        CryptoBench.batchSpeedup(
            s.proofs(),
            Math.min(3_000, s.proofs() / 4),
            Point.baseMul(Scalar.random(rng)).precomputed(),
            rng);

    log.println("== ballot version 1 vs 2, 5 subjects (crypto core, one thread) ==");
    BallotV2Bench.Figures v2 = BallotV2Bench.run(CastBench.SUBJECTS, s.quick() ? 100 : 500);
    v2.print();

    log.println("== verifier ==");
    Path jar = VerifierRun.jar();
    VerifierRun.Figures ver = null;
    VerifierRun.FiguresV2 verV2 = null;
    if (jar == null) {
      log.println(
          "verifier jar not found (set CVOTE_VERIFY_JAR or build verifier/target/cvote-verify.jar); skipped");
    } else {
      ver = VerifierRun.run(jar, s.verifierBallots(), s.naiveBallots(), s.work(), log);
      verV2 = VerifierRun.runV2(jar, s.verifierBallots(), s.work(), log);
    }

    CommitteeBoardBench.Figures committee = null;
    if (!committeeBoard.skip()) {
      log.println("== committee board verification (headless Chromium and the CLI) ==");
      committee = CommitteeBoardBench.run(committeeBoard, s.work(), log);
    }

    ObjectNode json = Http.JSON.createObjectNode();
    json.put("quick", s.quick());
    json.put("cores", cast.cores());
    json.put("castPerSecond", round(cast.castPerSecond()));
    json.put("castBoundPerSecond", round(cast.castBoundPerSecond()));
    json.put("castRatio", Math.round(cast.castRatio() * 1000) / 1000.0);
    json.put("castP50Ms", round(cast.p50Ms()));
    json.put("castP99Ms", round(cast.p99Ms()));
    json.put("castTimed", cast.voters());
    json.put("castWarmup", s.warmup());
    json.put("castConcurrency", cast.concurrency());
    json.put("serverCpuCores", round(cast.serverCpuCores()));
    json.put("serverCpuMsPerCast", hundredths(cast.serverCpuMsPerCast()));
    ObjectNode parts = json.putObject("serverCpuMsPerCastByPart");
    cast.cpuMsPerCast()
        .forEach((part, ms) -> parts.put(part.name().toLowerCase(Locale.ROOT), hundredths(ms)));
    json.put("loadGeneratorCpuMsPerCast", hundredths(cast.loadCpuMsPerCast()));
    json.put("tokenIssuePerSecond", round(cast.issuePerSecond()));
    json.put("meanProofBatch", round(cast.meanBatch()));
    json.put("meanCommitGroup", round(cast.meanGroup()));
    json.put("proofMicrosPerBallotAlone", round(cast.aloneMicros()));
    json.put("proofMicrosPerBallotBatched", round(cast.batchMicros()));
    if (ver != null) {
      json.put("verifierBallots", ver.ballots());
      json.put("verifierBallotsPerSecond", round(ver.ballotsPerSecond()));
      json.put("verifierNaiveBallotsPerSecond", round(ver.naiveBallotsPerSecond()));
      json.put("verifierSpeedup", round(ver.ballotsPerSecond() / ver.naiveBallotsPerSecond()));
      json.put("verifierPeakRssMiB", ver.peakRssMiB());
      json.put("verifierPassed", ver.passed());
    } else {
      json.putNull("verifierBallotsPerSecond");
      json.putNull("verifierNaiveBallotsPerSecond");
    }
    ObjectNode bv2 =
        json.putObject("ballotV2"); // docs/protocol.md §16, v1 and v2 side by side from this run
    bv2.put("subjects", v2.subjects());
    bv2.put("encryptMsV1", hundredths(v2.encryptV1Ms()));
    bv2.put("encryptMsV2", hundredths(v2.encryptV2Ms()));
    bv2.put("ballotBytesV1", v2.bytesV1());
    bv2.put("ballotBytesV2", v2.bytesV2());
    bv2.put("verifyBatchedPerSecondV1", round(v2.batchedV1PerS()));
    bv2.put("verifyBatchedPerSecondV2", round(v2.batchedV2PerS()));
    if (verV2 != null) {
      bv2.put("verifierBallotsPerSecond", round(verV2.ballotsPerSecond()));
      bv2.put("verifierPeakRssMiB", verV2.peakRssMiB());
      bv2.put("verifierBallotsFileBytes", verV2.bytes());
      bv2.put("verifierPassed", verV2.passed());
    }
    json.put("batchProofs", batch.proofs());
    json.put("batchSpeedup", round(batch.speedup()));
    JsonNode b = browser.get();
    if (b != null) {
      json.put("browserEncryptMs", round(b.path("medianMs").asDouble()));
      json.put("browserFirstEncryptMs", round(b.path("firstMs").asDouble()));
      if (b.path("v2").isObject()) {
        bv2.put("browserEncryptMsV2", round(b.path("v2").path("medianMs").asDouble()));
      }
    } else {
      json.putNull("browserEncryptMs");
    }
    CommitteeBoardBench.json(json, committee);
    json.put("seconds", round((System.nanoTime() - start) / 1e9));
    Http.JSON.writerWithDefaultPrettyPrinter().writeValue(s.out().toFile(), json);

    log.println();
    row(
        log,
        "cast throughput ("
            + cast.voters()
            + " timed casts after "
            + s.warmup()
            + ", "
            + cast.concurrency()
            + " connections)",
        fmt("%.0f ballots/s", cast.castPerSecond()));
    row(log, "cast latency p50 / p99", fmt("%.1f / %.1f ms", cast.p50Ms(), cast.p99Ms()));
    row(
        log,
        "server CPU while casting",
        fmt(
            "%.2f of %d cores, %.2f ms per cast",
            cast.serverCpuCores(), cast.cores(), cast.serverCpuMsPerCast()));
    if (!cast.cpuMsPerCast().isEmpty()) {
      StringBuilder byPart = new StringBuilder();
      cast.cpuMsPerCast()
          .forEach(
              (part, ms) ->
                  byPart
                      .append(byPart.isEmpty() ? "" : ", ")
                      .append(part.label)
                      .append(' ')
                      .append(fmt("%.2f", ms)));
      row(log, "  by thread, ms per cast", byPart.toString());
    }
    row(log, "load generator (this process) CPU", fmt("%.2f ms per cast", cast.loadCpuMsPerCast()));
    row(
        log,
        "proofs checked per batch / ballots per commit (mean)",
        fmt("%.1f / %.1f", cast.meanBatch(), cast.meanGroup()));
    row(
        log,
        "raw proof check per ballot: alone / in such a batch",
        fmt("%.0f / %.0f µs", cast.aloneMicros(), cast.batchMicros()));
    row(
        log,
        "raw proof-checking bound (all cores)",
        fmt("%.0f ballots/s", cast.castBoundPerSecond()));
    row(log, "cast throughput / bound", fmt("%.0f %%", 100 * cast.castRatio()));
    row(
        log,
        "token issuance (RSA-3072 blind signatures)",
        fmt("%.0f tokens/s", cast.issuePerSecond()));
    if (ver != null) {
      row(
          log,
          "verifier, " + String.format(Locale.ROOT, "%,d", ver.ballots()) + " ballots × 5 subjects",
          fmt("%.0f ballots/s (%.1f s)", ver.ballotsPerSecond(), ver.seconds()));
      row(
          log,
          "verifier, naive path (" + ver.naiveBallots() + " ballots)",
          fmt("%.0f ballots/s", ver.naiveBallotsPerSecond()));
      row(
          log,
          "verifier speed-up / peak RSS",
          fmt(
              "%.1f× / %d MiB",
              ver.ballotsPerSecond() / ver.naiveBallotsPerSecond(), ver.peakRssMiB()));
      row(log, "verifier verdict", ver.passed() ? "all checks passed" : "FAILED");
    }
    if (verV2 != null) {
      row(
          log,
          "verifier, "
              + String.format(Locale.ROOT, "%,d", verV2.ballots())
              + " ballot version 2 ballots × 5 subjects",
          fmt(
              "%.0f ballots/s (%.1f s), peak RSS %d MiB, %s",
              verV2.ballotsPerSecond(),
              verV2.seconds(),
              verV2.peakRssMiB(),
              verV2.passed() ? "all checks passed" : "FAILED"));
    }
    row(log, "ballot bytes v1 / v2, 5 subjects", fmt("%d / %d", v2.bytesV1(), v2.bytesV2()));
    row(
        log,
        "encrypt + prove v1 / v2, one thread",
        fmt("%.1f / %.1f ms", v2.encryptV1Ms(), v2.encryptV2Ms()));
    row(
        log,
        "proof verification, batched, one thread, v1 / v2",
        fmt("%.0f / %.0f ballots/s", v2.batchedV1PerS(), v2.batchedV2PerS()));
    row(
        log,
        "batch verification speed-up (" + batch.proofs() + " range proofs)",
        fmt(
            "%.1f× (%.0f → %.0f µs/proof)",
            batch.speedup(), batch.singleMicros(), batch.batchedMicros()));
    row(
        log,
        "browser encrypt + prove, 5 subjects (median warm / first)",
        b == null
            ? "n/a"
            : fmt("%.0f / %.0f ms", b.path("medianMs").asDouble(), b.path("firstMs").asDouble()));
    row(
        log,
        "browser encrypt + prove, 5 subjects, ballot version 2 (median warm)",
        b == null || !b.path("v2").isObject()
            ? "n/a"
            : fmt("%.0f ms", b.path("v2").path("medianMs").asDouble()));
    CommitteeBoardBench.rows(log, committee);
    log.printf(
        "%nwrote %s (%.0f s in all)%n",
        s.out().toAbsolutePath(), (System.nanoTime() - start) / 1e9);
    return (ver != null && !ver.passed()) || (verV2 != null && !verV2.passed()) ? 1 : 0;
  }

  private static void row(PrintStream log, String what, String value) {
    log.printf(Locale.ROOT, "%-62s %s%n", what, value);
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }

  private static double round(double x) {
    return Math.round(x * 10) / 10.0;
  }

  /** Milliseconds of CPU per cast are a fraction of one: two decimals. */
  private static double hundredths(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
