package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/**
 * {@code cvote bench}: from one run on this machine, ballot version 1 and version 2
 * (docs/protocol.md §16) side by side against issue 24's goals — cast throughput, latency and
 * server CPU per cast over HTTP, ballot bytes, the browser's encrypt + prove, the auditor's
 * verifier — plus the verifier's naive baseline, the batch-verification speed-up, the committee's
 * board verification and the largest real poll (500 voters × 50 subjects) end to end; prints a
 * table and writes bench.json. A figure that cannot be measured here (no Chromium, a server that
 * does not make version 2 polls yet) is printed as n/a with its reason and written as null.
 */
public final class Bench {
  /** Issue 24's goals for version 2. */
  static final double GOAL_VERIFIER_PER_SECOND = 2_000;

  static final long GOAL_VERIFIER_RSS_MIB = 512;
  static final double GOAL_CASTS_PER_SECOND = 1_000;
  static final double GOAL_CPU_MS_PER_CAST = 1.6;

  /** "≤ 10 KB": 10 KiB. */
  static final long GOAL_BALLOT_BYTES = 10 * 1024;

  static final double GOAL_BROWSER_MS = 40;

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
      if (voters > CastBench.V2_POLL_VOTERS) {
        throw new IllegalArgumentException(
            "voters (timed casts, all in one poll) must be at most "
                + CastBench.V2_POLL_VOTERS
                + " (a version 2 poll has at most 10,000 summoned), got "
                + voters);
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
      // 2,000 warm-up casts, 0.2–0.3 ms after 7,000 and 0.12 ms after 15,000. Methods run once per
      // cast (the cast itself, the receipt signature, Derby's per-transaction code) reach C2's
      // thresholds (≈ 5,000–15,000 calls) only then, and were still being compiled, and running
      // slower, in the timed phase after 7,000.
      return new Settings(5_000, 15_000, 64, 100_000, 1_000, 20_000, work, out, false);
    }
  }

  private Bench() {}

  public static int run(Settings s, PrintStream log) throws Exception {
    return run(
        s,
        s.quick() ? CommitteeBoardBench.Size.QUICK : CommitteeBoardBench.Size.FULL,
        s.quick() ? LargePollBench.Size.QUICK : LargePollBench.Size.FULL,
        log);
  }

  /**
   * With the committee's board-verification benchmark (issue 22) and the large poll (issue 24) at
   * those sizes ({@code Size.NONE}: skipped).
   */
  public static int run(
      Settings s,
      CommitteeBoardBench.Size committeeBoard,
      LargePollBench.Size largePoll,
      PrintStream log)
      throws Exception {
    Files.createDirectories(s.work());
    long start = System.nanoTime();
    String loadBefore = CommitteeBoardBench.loadAverage();
    log.printf(
        "cvote bench (%s) on %d cores, Java %s; work folder %s%n%n",
        s.quick() ? "quick" : "full",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        s.work());

    log.println("== cast throughput over HTTP, ballot version 1 ==");
    CastBench.Figures cast =
        CastBench.run(1, s.voters(), s.warmup(), s.concurrency(), s.work(), log);
    log.println("== cast throughput over HTTP, ballot version 2 ==");
    CastBench.Figures castV2 = null;
    try {
      castV2 = CastBench.run(2, s.voters(), s.warmup(), s.concurrency(), s.work(), log);
    } catch (Exception e) {
      log.println("cast, version 2: " + e.getMessage() + "; figures = null");
    }

    log.println("== browser encrypt + prove (headless Chromium, the booth's code) ==");
    BrowserRun.Figures browser = BrowserRun.run(log, s.quick());

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
    VerifierRun.Pair pair = null;
    if (jar == null) {
      log.println(
          "verifier jar not found (set CVOTE_VERIFY_JAR or build verifier/target/cvote-verify.jar); skipped");
    } else {
      ver = VerifierRun.run(jar, s.verifierBallots(), s.naiveBallots(), s.work(), log);
      pair = VerifierRun.runPair(jar, s.verifierBallots(), ver.batch(), s.work(), log);
    }

    CommitteeBoardBench.Figures committee = null;
    if (!committeeBoard.skip()) {
      log.println("== committee board verification (headless Chromium and the CLI) ==");
      committee = CommitteeBoardBench.run(committeeBoard, s.work(), log);
    }

    LargePollBench.Figures large = null;
    if (!largePoll.skip()) {
      log.println("== the largest real poll, " + largePoll + ", ballot version 2, end to end ==");
      try {
        large = LargePollBench.run(largePoll, 2, s.work(), jar, log);
      } catch (Exception e) {
        log.println("large poll: " + e.getMessage() + "; figures = null");
      }
    }

    ObjectNode json = Http.JSON.createObjectNode();
    json.put("quick", s.quick());
    json.put("cores", cast.cores());
    // the machine may be shared: the figures mean little without its load (1, 5, 15 min)
    json.put("loadAverageBefore", loadBefore);
    json.put("loadAverageAfter", CommitteeBoardBench.loadAverage());
    // version 1's figures at the top level, as before this issue (earlier bench.json files compare)
    castJson(json, cast);
    json.put("castWarmup", s.warmup());
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
    json.put("batchProofs", batch.proofs());
    json.put("batchSpeedup", round(batch.speedup()));
    if (browser != null) {
      json.put("browserEncryptMs", round(browser.v1().medianMs()));
      json.put("browserFirstEncryptMs", round(browser.v1().firstMs()));
    } else {
      json.putNull("browserEncryptMs");
    }

    // docs/protocol.md §16: version 1 and version 2 side by side from this run
    ObjectNode bv2 = json.putObject("ballotV2");
    bv2.put("subjects", v2.subjects());
    bv2.put("ballotBytesV1", cast.ballotBytes());
    bv2.put("ballotBytesV2", castV2 != null ? castV2.ballotBytes() : v2.bytesV2());
    bv2.put("encryptMsV1", hundredths(v2.encryptV1Ms()));
    bv2.put("encryptMsV2", hundredths(v2.encryptV2Ms()));
    bv2.put("verifyBatchedPerSecondV1", round(v2.batchedV1PerS()));
    bv2.put("verifyBatchedPerSecondV2", round(v2.batchedV2PerS()));
    ObjectNode castBoth = bv2.putObject("cast");
    castJson(castBoth.putObject("v1"), cast);
    if (castV2 != null) {
      castJson(castBoth.putObject("v2"), castV2);
    } else {
      castBoth.putNull("v2");
    }
    ObjectNode verBoth = bv2.putObject("verifier");
    if (pair != null) {
      verBoth.put("ballots", pair.ballots());
      sideJson(verBoth.putObject("v1"), pair.v1());
      sideJson(verBoth.putObject("v2"), pair.v2());
      verBoth.put("ratioV2toV1", hundredths(pair.ratio()));
    } else {
      verBoth.putNull("v1");
      verBoth.putNull("v2");
    }
    ObjectNode br = bv2.putObject("browser");
    if (browser != null) {
      br.put("userAgent", browser.userAgent());
      encryptJson(br.putObject("v1"), browser.v1());
      encryptJson(br.putObject("v2"), browser.v2());
      encryptJson(br.putObject("largeV2"), browser.largeV2());
      encryptJson(br.putObject("largeV2Throttled"), browser.largeV2Throttled());
    } else {
      br.putNull("v1");
      br.putNull("v2");
    }
    ArrayNode goals = bv2.putArray("goals");
    for (Goal g : goals(cast, castV2, pair, browser)) {
      ObjectNode o = goals.addObject();
      o.put("figure", g.figure());
      o.put("goal", g.goal());
      putNullable(o, "v1", g.v1());
      putNullable(o, "v2", g.v2());
      if (g.met() == null) {
        o.putNull("met");
      } else {
        o.put("met", g.met());
      }
    }
    CommitteeBoardBench.json(json, committee);
    largeJson(json, largePoll, large, browser);
    json.put("seconds", round((System.nanoTime() - start) / 1e9));
    Http.JSON.writerWithDefaultPrettyPrinter().writeValue(s.out().toFile(), json);

    log.println();
    log.println(
        "ballot version 1 and 2 against issue 24's goals (docs/protocol.md §16); load average "
            + loadBefore
            + " before, "
            + CommitteeBoardBench.loadAverage()
            + " after");
    log.printf(
        Locale.ROOT, "%-52s %14s %14s  %-22s %s%n", "figure", "v1", "v2", "goal (v2)", "met");
    for (Goal g : goals(cast, castV2, pair, browser)) {
      log.printf(
          Locale.ROOT,
          "%-52s %14s %14s  %-22s %s%n",
          g.figure(),
          g.v1() == null ? "n/a" : g.format().apply(g.v1()),
          g.v2() == null ? "n/a" : g.format().apply(g.v2()),
          g.goal(),
          g.met() == null ? "n/a" : g.met() ? "yes" : "NO");
    }
    log.println();
    castRows(log, cast, s.warmup());
    castRows(log, castV2, s.warmup());
    if (ver != null) {
      row(
          log,
          "verifier v1, "
              + String.format(Locale.ROOT, "%,d", ver.ballots())
              + " ballots × 5 subjects",
          fmt(
              "%.0f ballots/s (%.1f s), peak RSS %d MiB",
              ver.ballotsPerSecond(), ver.seconds(), ver.peakRssMiB()));
      row(
          log,
          "verifier v1, naive path (" + ver.naiveBallots() + " ballots)",
          fmt(
              "%.0f ballots/s (batch path %.1f× faster)",
              ver.naiveBallotsPerSecond(), ver.ballotsPerSecond() / ver.naiveBallotsPerSecond()));
      row(log, "verifier verdict", ver.passed() ? "all checks passed" : "FAILED");
    }
    if (pair != null) {
      for (VerifierRun.Side side : new VerifierRun.Side[] {pair.v1(), pair.v2()}) {
        row(
            log,
            "verifier v"
                + side.version()
                + ", "
                + String.format(Locale.ROOT, "%,d", side.ballots()),
            fmt(
                "%.0f ballots/s (%.1f s), peak RSS %d MiB, %,d bytes of ballots, %s",
                side.ballotsPerSecond(),
                side.seconds(),
                side.peakRssMiB(),
                side.bytes(),
                side.passed() ? "all checks passed" : "FAILED"));
        VerifierRun.Warm w = side.warm();
        if (w != null) {
          row(
              log,
              "verifier v" + side.version() + ", same record, " + w.passes() + " passes in one JVM",
              fmt(
                  "first %.1f s, last %.1f s = %.0f ballots/s steady state, %s",
                  w.firstSeconds(),
                  w.lastSeconds(),
                  w.ballotsPerSecond(),
                  w.passed() ? "all checks passed" : "FAILED"));
        }
      }
    }
    row(
        log,
        "encrypt + prove v1 / v2, crypto core, one thread",
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
    if (browser != null) {
      for (BrowserRun.Encrypt e :
          new BrowserRun.Encrypt[] {
            browser.v1(), browser.v2(), browser.largeV2(), browser.largeV2Throttled()
          }) {
        row(
            log,
            "browser encrypt + prove, "
                + e.subjects()
                + " subjects, v"
                + e.version()
                + (e.throttle() == 1 ? "" : fmt(", CPU ÷%.0f", e.throttle())),
            fmt("%.0f ms warm median (first %.0f ms)", e.medianMs(), e.firstMs()));
      }
    } else {
      row(log, "browser encrypt + prove", "n/a");
    }
    CommitteeBoardBench.rows(log, committee);
    largeRows(log, largePoll, large, browser);
    log.printf(
        "%nwrote %s (%.0f s in all)%n",
        s.out().toAbsolutePath(), (System.nanoTime() - start) / 1e9);
    boolean failed =
        (ver != null && !ver.passed())
            || (pair != null && !pair.passed())
            || (large != null
                && (!large.countsMatch()
                    || large.verifier() != null && !large.verifier().passed()));
    return failed ? 1 : 0;
  }

  /** One line of the goals table: a figure of both versions and version 2's goal. */
  record Goal(
      String figure,
      String goal,
      Double v1,
      Double v2,
      Boolean met,
      DoubleFunction<String> format) {}

  static java.util.List<Goal> goals(
      CastBench.Figures cast,
      CastBench.Figures castV2,
      VerifierRun.Pair pair,
      BrowserRun.Figures browser) {
    java.util.List<Goal> out = new java.util.ArrayList<>();
    Double v1;
    Double v2;
    if (pair != null) {
      v1 = pair.v1().ballotsPerSecond();
      v2 = pair.v2().ballotsPerSecond();
      out.add(
          new Goal(
              fmt("verifier, %,d ballots × 5, ballots/s", pair.ballots()),
              "≥ 2,000/s",
              v1,
              v2,
              pair.v2().passed() && v2 >= GOAL_VERIFIER_PER_SECOND,
              x -> fmt("%.0f", x)));
      if (pair.v1().warm() != null && pair.v2().warm() != null) {
        double w2 = pair.v2().warm().ballotsPerSecond();
        out.add(
            new Goal(
                fmt(
                    "verifier, %,d × 5, steady state (pass %d in one JVM)",
                    pair.ballots(), VerifierRun.WARM_PASSES),
                "≥ 2,000/s",
                pair.v1().warm().ballotsPerSecond(),
                w2,
                pair.v2().warm().passed() && w2 >= GOAL_VERIFIER_PER_SECOND,
                x -> fmt("%.0f", x)));
      }
      out.add(
          new Goal(
              "verifier peak RSS, MiB",
              "< 512 MiB",
              (double) pair.v1().peakRssMiB(),
              (double) pair.v2().peakRssMiB(),
              pair.v2().peakRssMiB() < GOAL_VERIFIER_RSS_MIB,
              x -> fmt("%.0f", x)));
    } else {
      out.add(new Goal("verifier, ballots/s", "≥ 2,000/s", null, null, null, x -> ""));
    }
    v1 = cast.castPerSecond();
    v2 = castV2 == null ? null : castV2.castPerSecond();
    out.add(
        new Goal(
            "casts per second (" + cast.voters() + " timed)",
            "≥ 1,000/s",
            v1,
            v2,
            v2 == null ? null : v2 >= GOAL_CASTS_PER_SECOND,
            x -> fmt("%.0f", x)));
    out.add(
        new Goal(
            "cast latency p99, ms",
            "(reported)",
            cast.p99Ms(),
            castV2 == null ? null : castV2.p99Ms(),
            null,
            x -> fmt("%.1f", x)));
    v2 = castV2 == null ? null : castV2.serverCpuMsPerCast();
    out.add(
        new Goal(
            "server CPU per cast, all threads, ms",
            "≤ 1.6 ms",
            cast.serverCpuMsPerCast(),
            v2,
            v2 == null ? null : v2 <= GOAL_CPU_MS_PER_CAST,
            x -> fmt("%.2f", x)));
    out.add(
        new Goal(
            "cast throughput / proof-checking bound",
            "(reported)",
            100 * cast.castRatio(),
            castV2 == null ? null : 100 * castV2.castRatio(),
            null,
            x -> fmt("%.0f %%", x)));
    v2 = castV2 == null ? null : (double) castV2.ballotBytes();
    out.add(
        new Goal(
            "ballot bytes as cast, 5 subjects (JSON)",
            "≤ 10 KB (10,240)",
            (double) cast.ballotBytes(),
            v2,
            v2 == null ? null : v2 <= GOAL_BALLOT_BYTES,
            x -> fmt("%,.0f", x)));
    v1 = browser == null ? null : browser.v1().medianMs();
    v2 = browser == null ? null : browser.v2().medianMs();
    out.add(
        new Goal(
            "browser encrypt + prove, 5 subjects, warm, ms",
            "≤ 40 ms",
            v1,
            v2,
            v2 == null ? null : v2 <= GOAL_BROWSER_MS,
            x -> fmt("%.0f", x)));
    return out;
  }

  private static void castJson(ObjectNode json, CastBench.Figures cast) {
    json.put("ballotVersion", cast.version());
    json.put("castPerSecond", round(cast.castPerSecond()));
    json.put("castBoundPerSecond", round(cast.castBoundPerSecond()));
    json.put("castRatio", Math.round(cast.castRatio() * 1000) / 1000.0);
    json.put("castP50Ms", round(cast.p50Ms()));
    json.put("castP99Ms", round(cast.p99Ms()));
    json.put("castTimed", cast.voters());
    json.put("castConcurrency", cast.concurrency());
    json.put("castPolls", cast.polls());
    json.put("castBallotBytes", cast.ballotBytes());
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
  }

  private static void sideJson(ObjectNode o, VerifierRun.Side side) {
    o.put("ballotsPerSecond", round(side.ballotsPerSecond()));
    o.put("seconds", hundredths(side.seconds()));
    o.put("peakRssMiB", side.peakRssMiB());
    o.put("ballotsFileBytes", side.bytes());
    o.put("passed", side.passed());
    VerifierRun.Warm w = side.warm();
    if (w == null) {
      o.putNull("warm");
    } else {
      ObjectNode wj = o.putObject("warm");
      wj.put("passes", w.passes());
      wj.put("firstPassSeconds", hundredths(w.firstSeconds()));
      wj.put("lastPassSeconds", hundredths(w.lastSeconds()));
      wj.put("ballotsPerSecond", round(w.ballotsPerSecond()));
      wj.put("passed", w.passed());
    }
  }

  private static void encryptJson(ObjectNode o, BrowserRun.Encrypt e) {
    o.put("subjects", e.subjects());
    o.put("version", e.version());
    o.put("cpuThrottle", e.throttle());
    o.put("medianMs", round(e.medianMs()));
    o.put("firstMs", round(e.firstMs()));
    o.put("minMs", round(e.minMs()));
    o.put("maxMs", round(e.maxMs()));
    o.put("runs", e.runs());
  }

  private static void largeJson(
      ObjectNode json,
      LargePollBench.Size size,
      LargePollBench.Figures f,
      BrowserRun.Figures browser) {
    if (size.skip()) {
      return;
    }
    ObjectNode o = json.putObject("largePoll");
    o.put("voters", size.voters());
    o.put("subjects", size.subjects());
    o.put("ballotVersion", 2);
    if (browser != null) {
      o.put("browserSubjects", browser.largeV2().subjects());
      o.put("browserEncryptMs", round(browser.largeV2().medianMs()));
      o.put("browserEncryptMsThrottled4x", round(browser.largeV2Throttled().medianMs()));
    } else {
      o.putNull("browserEncryptMs");
      o.putNull("browserEncryptMsThrottled4x");
    }
    if (f == null) {
      o.putNull("burstSeconds");
      return;
    }
    o.put("setupSeconds", hundredths(f.setupSeconds()));
    o.put("tokenSeconds", hundredths(f.tokenSeconds()));
    o.put("tokensPerSecond", round(f.tokensPerSecond()));
    o.put("javaEncryptMsPerBallot", round(f.encryptMsPerBallot()));
    o.put("ballotBytes", f.ballotBytes());
    o.put("burstSeconds", hundredths(f.burstSeconds()));
    o.put("burstPerSecond", round(f.burstPerSecond()));
    o.put("burstP50Ms", round(f.burstP50Ms()));
    o.put("burstP99Ms", round(f.burstP99Ms()));
    o.put("boardCheckCliSeconds", hundredths(f.boardCheckCliSeconds()));
    if (f.boardCheckBrowserSeconds() != null) {
      o.put("boardCheckBrowserSeconds", hundredths(f.boardCheckBrowserSeconds()));
      o.put("boardCheckBrowserWorkers", f.browserWorkers());
    } else {
      o.putNull("boardCheckBrowserSeconds");
    }
    ArrayNode members = o.putArray("memberDecryptSeconds");
    for (double d : f.memberDecryptSeconds()) {
      members.add(hundredths(d));
    }
    o.put("tallySeconds", hundredths(f.tallySeconds()));
    o.put("publishSeconds", hundredths(f.publishSeconds()));
    o.put("ballotsFileBytes", f.ballotsFileBytes());
    if (f.verifier() != null) {
      o.put("verifierSeconds", hundredths(f.verifier().seconds()));
      o.put("verifierPeakRssMiB", f.verifier().peakRssMiB());
      o.put("verifierPassed", f.verifier().passed());
    } else {
      o.putNull("verifierSeconds");
    }
    o.put("countsMatch", f.countsMatch());
  }

  private static void castRows(PrintStream log, CastBench.Figures cast, int warmup) {
    if (cast == null) {
      return;
    }
    String v = "v" + cast.version() + " ";
    row(
        log,
        v
            + "casts ("
            + cast.voters()
            + " timed after "
            + warmup
            + ", "
            + cast.concurrency()
            + " connections, "
            + cast.polls()
            + (cast.polls() == 1 ? " poll)" : " polls)"),
        fmt(
            "%.0f ballots/s, p50 / p99 %.1f / %.1f ms",
            cast.castPerSecond(), cast.p50Ms(), cast.p99Ms()));
    StringBuilder byPart = new StringBuilder();
    cast.cpuMsPerCast()
        .forEach(
            (part, ms) ->
                byPart
                    .append(byPart.isEmpty() ? "" : ", ")
                    .append(part.label)
                    .append(' ')
                    .append(fmt("%.2f", ms)));
    row(
        log,
        v + "server CPU per cast (all threads) / by thread, ms",
        fmt("%.2f / %s", cast.serverCpuMsPerCast(), byPart));
    row(
        log,
        v + "load-generator CPU/cast; proofs/batch; ballots/commit",
        fmt("%.2f ms; %.1f; %.1f", cast.loadCpuMsPerCast(), cast.meanBatch(), cast.meanGroup()));
    row(
        log,
        v + "proof check/ballot alone / batched; bound; ratio",
        fmt(
            "%.0f / %.0f µs; %.0f ballots/s; %.0f %%",
            cast.aloneMicros(),
            cast.batchMicros(),
            cast.castBoundPerSecond(),
            100 * cast.castRatio()));
    row(
        log,
        v + "token issuance (RSA-3072 blind signatures)",
        fmt("%.0f tokens/s", cast.issuePerSecond()));
  }

  private static void largeRows(
      PrintStream log,
      LargePollBench.Size size,
      LargePollBench.Figures f,
      BrowserRun.Figures browser) {
    if (size.skip()) {
      return;
    }
    String p = "large poll " + size + ": ";
    if (f == null) {
      row(log, p + "end to end", "n/a (see above)");
    } else {
      row(
          log,
          p + "tokens; ballot bytes",
          fmt(
              "%.1f s (%.0f/s); %,d bytes",
              f.tokenSeconds(), f.tokensPerSecond(), f.ballotBytes()));
      row(
          log,
          p + "burst of " + size.voters() + " casts: absorbed in; p50 / p99",
          fmt(
              "%.2f s (%.0f/s); %.0f / %.0f ms",
              f.burstSeconds(), f.burstPerSecond(), f.burstP50Ms(), f.burstP99Ms()));
      row(
          log,
          p + "committee board check, CLI / browser",
          fmt("%.2f s / ", f.boardCheckCliSeconds())
              + (f.boardCheckBrowserSeconds() == null
                  ? "n/a"
                  : fmt("%.2f s (%d workers)", f.boardCheckBrowserSeconds(), f.browserWorkers())));
      StringBuilder m = new StringBuilder();
      for (double d : f.memberDecryptSeconds()) {
        m.append(m.isEmpty() ? "" : ", ").append(fmt("%.2f s", d));
      }
      row(log, p + "members' check + decryption (each)", m.toString());
      row(
          log,
          p + "tally; publication",
          fmt(
              "%.2f s (%s); %.2f s",
              f.tallySeconds(),
              f.countsMatch() ? "counts = voters' choices" : "COUNTS DIFFER",
              f.publishSeconds()));
      row(
          log,
          p + "verifier jar on the published record",
          f.verifier() == null
              ? "n/a"
              : fmt(
                  "%.2f s, peak RSS %d MiB, %s",
                  f.verifier().seconds(),
                  f.verifier().peakRssMiB(),
                  f.verifier().passed() ? "all checks passed" : "FAILED"));
    }
    row(
        log,
        p + "browser encrypt + prove, normal / CPU ÷4",
        browser == null
            ? "n/a"
            : fmt(
                "%.0f / %.0f ms",
                browser.largeV2().medianMs(), browser.largeV2Throttled().medianMs()));
  }

  private static void putNullable(ObjectNode o, String field, Double v) {
    if (v == null) {
      o.putNull(field);
    } else {
      o.put(field, hundredths(v));
    }
  }

  private static void row(PrintStream log, String what, String value) {
    log.printf(Locale.ROOT, "%-66s %s%n", what, value);
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
