package org.cvote.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.BatchVerifier;

/**
 * Cast throughput over real HTTP on loopback, for ballot version 1 or 2 (docs/protocol.md §16): a
 * server in its own process, a poll of that version with a real key ceremony ({@link BenchPoll}),
 * {@code warmup + voters} simulated voters who first obtain their tokens (timed apart) and then
 * cast pre-encrypted 5-subject ballots from {@code concurrency} connections at once: {@code warmup}
 * untimed, then {@code voters} timed. Beside it, the raw cost of exactly the proof checks the
 * server made, from the crypto core alone, gives the bound.
 */
final class CastBench {
  static final int SUBJECTS = 5;

  /** The server's counters whose ratios are the mean proof batch and commit group. */
  private static final String[] COUNTERS = {
    "cvote.proof.batches", "cvote.proof.ballots", "cvote.board.commits", "cvote.board.appended"
  };

  /**
   * At most this many voters in one version 2 poll: summoned ≤ 10,000 (docs/protocol.md §16.1) and
   * the bench summons two more than it checks in.
   */
  static final int V2_POLL_VOTERS = EncodingV2.MAX_BASE - 1 - 2;

  record Figures(
      int version,
      int voters,
      int concurrency,
      double issuePerSecond,
      double castPerSecond,
      double p50Ms,
      double p99Ms,
      double serverCpuCores,
      double meanBatch,
      double meanGroup,
      double aloneMicros,
      double batchMicros,
      double castBoundPerSecond,
      double castRatio,
      int cores,
      Map<ThreadCpu.Part, Double> cpuMsPerCast,
      double loadCpuMsPerCast,
      int polls,
      long ballotBytes) {
    /** The server's CPU time per timed cast, all threads. */
    double serverCpuMsPerCast() {
      return serverCpuCores / castPerSecond * 1000;
    }
  }

  private CastBench() {}

  /**
   * How the casts are spread over polls: {@code [warm-up casts, timed casts]} per poll, in order;
   * the timed casts are all in the last poll. Version 1: one poll. Version 2: a poll has at most
   * {@link #V2_POLL_VOTERS} voters, so the warm-up spills into polls of its own before the timed
   * poll (the JIT warms up on code, not on a poll).
   */
  static List<int[]> polls(int version, int warm, int timed) {
    return polls(version, warm, timed, V2_POLL_VOTERS);
  }

  /** {@link #polls(int, int, int)} with at most {@code cap} voters in a version 2 poll. */
  static List<int[]> polls(int version, int warm, int timed, int cap) {
    if (version == 1) {
      return List.of(new int[] {warm, timed});
    }
    if (timed > cap) {
      throw new IllegalArgumentException(
          "a version 2 poll holds at most " + cap + " voters; timed casts: " + timed);
    }
    int last = Math.min(warm, cap - timed);
    int rest = warm - last;
    int before = (rest + cap - 1) / cap;
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < before; i++) {
      out.add(new int[] {rest / before + (i < rest % before ? 1 : 0), 0});
    }
    out.add(new int[] {last, timed});
    return out;
  }

  /**
   * Runs the cast benchmark for ballot version {@code version} (docs/protocol.md §16) on a server
   * of its own.
   */
  static Figures run(int version, int timed, int warm, int concurrency, Path work, PrintStream log)
      throws Exception {
    return run(version, timed, warm, concurrency, work, log, V2_POLL_VOTERS);
  }

  /**
   * {@link #run(int, int, int, int, Path, PrintStream)} with at most {@code cap} voters in a
   * version 2 poll (a test spreads a small warm-up over several polls this way).
   */
  static Figures run(
      int version, int timed, int warm, int concurrency, Path work, PrintStream log, int cap)
      throws Exception {
    SecureRandom rng = new SecureRandom();
    // The casts go over the JDK's blocking HttpURLConnection: the load generator shares the cores
    // with the server, and java.net.http.HttpClient's asynchronous machinery cost it about twice
    // the CPU per request. It keeps at most http.maxConnections idle connections per host alive (5
    // by default): one per voter connection here.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", String.valueOf(Math.max(5, concurrency)));
    }
    List<int[]> layout = polls(version, warm, timed, cap);
    try (ServerProcess server =
        ServerProcess.start(work.resolve("cast-data-v" + version + "-" + System.nanoTime()))) {
      log.println(
          "server started at "
              + server.base
              + "; setting up "
              + layout.size()
              + " ballot version "
              + version
              + " poll(s) of "
              + layout.stream().map(p -> String.valueOf(p[0] + p[1])).toList()
              + " voters (key ceremony n = 3, t = 2)");
      List<BenchPoll> polls = new ArrayList<>();
      for (int[] p : layout) {
        int voters = p[0] + p[1];
        polls.add(
            BenchPoll.open(
                server.base,
                server.adminPassword,
                new BenchPoll.Spec(version, SUBJECTS, voters + 2, voters, 3, 2)));
      }
      BenchPoll timedPoll = polls.get(polls.size() - 1);
      Http http = timedPoll.http();

      // 1. tokens: RFC 9474 blind issuance, timed on its own (RSA-3072 signing is the server's cost
      // here)
      Ballot.Token[][] tokens = new Ballot.Token[polls.size()][];
      int issued = 0;
      long t0 = System.nanoTime();
      for (int pi = 0; pi < polls.size(); pi++) {
        BenchPoll poll = polls.get(pi);
        int voters = layout.get(pi)[0] + layout.get(pi)[1];
        Ballot.Token[] t = tokens[pi] = new Ballot.Token[voters];
        parallel(
            voters,
            concurrency,
            i -> {
              t[i] = poll.token(i, new SecureRandom());
              return 0L;
            });
        issued += voters;
      }
      double issueSeconds = (System.nanoTime() - t0) / 1e9;
      log.printf(
          "tokens: %d issued in %.1f s (%.0f/s)%n", issued, issueSeconds, issued / issueSeconds);

      // 2. the warm-up casts first, untimed, then the timed ones: concurrency connections, one
      //    ballot after another. Ballots are encrypted and proved by the voters' side before the
      //    clock starts. The warm-up makes the JIT compile the parse, proof and store paths, and
      //    the timed ballots are encrypted only after it, so the server's C2 compiler works through
      //    its queue then instead of in the timed phase. (C2 took ≈ 1.8 ms of CPU per timed cast
      //    after 300 warm-up casts, ≈ 1.3 ms after 2,000, 0.2–0.4 ms after 7,000, 0.12 ms after
      //    15,000.) Now and then the warm-up also reads the poll and the metrics, as voters' pages
      //    and monitoring do: a server that had only seen casts would recompile its HTTP path in
      //    the timed phase, when the bench reads the metrics (a flight recording showed ≈ 1.5 s of
      //    C2 time there for Helidon's response, routing and header code, after type-profile
      //    deoptimisations).
      for (int pi = 0; pi < polls.size(); pi++) {
        BenchPoll poll = polls.get(pi);
        Ballot.Token[] t = tokens[pi];
        int w = layout.get(pi)[0];
        byte[][] bodies = encrypt(poll, t, 0, w);
        parallel(
            w,
            concurrency,
            i -> {
              if (i % 100 == 0) {
                http.ok("GET", "/api/polls/" + poll.pollId(), null);
                http.metrics(COUNTERS);
              }
              Http.Res r = http.post("/api/polls/" + poll.pollId() + "/ballots", bodies[i]);
              if (r.status() != 200) {
                throw new IllegalStateException(
                    "warm-up cast " + i + " answered " + r.status() + ": " + new String(r.body()));
              }
              bodies[i] = null; // cast: thousands of 20 KB bodies need not stay
              return 0L;
            });
      }
      int warmInLast = layout.get(polls.size() - 1)[0];
      Ballot.Token[] lastTokens = tokens[polls.size() - 1];
      byte[][] bodies = encrypt(timedPoll, lastTokens, warmInLast, timed);
      List<Object> sample = new ArrayList<>();
      for (int i = 0; i < Math.min(timed, 512); i++) {
        sample.add(decode(timedPoll, bodies[i]));
      }
      long ballotBytes = bodies[0].length;
      String castPath = "/api/polls/" + timedPoll.pollId() + "/ballots";
      Map<String, Double> counters0 = http.metrics(COUNTERS);
      long cpu0 = server.cpu().toNanos();
      long ownCpu0 = ownCpuNanos();
      Map<ThreadCpu.Part, Double> threads0 = server.threadCpu();
      AtomicInteger done = new AtomicInteger();
      t0 = System.nanoTime();
      long[] latency =
          parallel(
              timed,
              concurrency,
              j -> {
                long s = System.nanoTime();
                Http.Res r = http.post(castPath, bodies[j]);
                long ns = System.nanoTime() - s;
                if (r.status() != 200) {
                  throw new IllegalStateException(
                      "cast " + j + " answered " + r.status() + ": " + new String(r.body()));
                }
                int d = done.incrementAndGet();
                if (d % Math.max(1, timed / 5) == 0) {
                  log.println(
                      "  cast " + d + "/" + timed + " (timed, after " + warm + " warm-up casts)");
                }
                return ns;
              });
      double castSeconds = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = (server.cpu().toNanos() - cpu0) / 1e9;
      double loadCpuMsPerCast = (ownCpuNanos() - ownCpu0) / 1e6 / timed;
      Map<ThreadCpu.Part, Double> cpuMsPerCast = new java.util.EnumMap<>(ThreadCpu.Part.class);
      server
          .threadCpu()
          .forEach(
              (part, ms) ->
                  cpuMsPerCast.put(
                      part, Math.max(0, ms - threads0.getOrDefault(part, 0.0)) / timed));
      Map<String, Double> counters = http.metrics(COUNTERS);
      counters.replaceAll((name, value) -> value - counters0.get(name));
      double batches = counters.get("cvote.proof.batches");
      double batched = counters.get("cvote.proof.ballots");
      double commits = counters.get("cvote.board.commits");
      double appended = counters.get("cvote.board.appended");
      int onBoard =
          http.ok("GET", "/api/polls/" + timedPoll.pollId() + "/board", null).path("count").asInt();
      if (onBoard != warmInLast + timed) {
        throw new IllegalStateException(
            "the board holds " + onBoard + " ballots, expected " + (warmInLast + timed));
      }

      Arrays.sort(latency);
      double meanBatch = batches > 0 ? batched / batches : 1;
      double meanGroup = commits > 0 ? appended / commits : 1;
      // 3. the bound: the same proof checks from the crypto core alone, at the batch size the
      // server reached; the best of several passes after two untimed ones: the bound is what the
      // crypto core can do at best
      Proofs proofs = proofs(timedPoll);
      int batchSize = Math.max(1, (int) Math.round(meanBatch));
      double alone = Double.MAX_VALUE;
      double inBatch = Double.MAX_VALUE;
      for (int pass = 0; pass < 6; pass++) {
        double a = proofMicros(proofs, sample, 1, rng);
        double b = proofMicros(proofs, sample, batchSize, rng);
        if (pass >= 2) {
          alone = Math.min(alone, a);
          inBatch = Math.min(inBatch, b);
        }
      }
      int cores = Runtime.getRuntime().availableProcessors();
      double bound = cores * 1e6 / inBatch;
      double rate = timed / castSeconds;
      return new Figures(
          version,
          timed,
          concurrency,
          issued / issueSeconds,
          rate,
          pct(latency, 50),
          pct(latency, 99),
          cpuSeconds / castSeconds,
          meanBatch,
          meanGroup,
          alone,
          inBatch,
          bound,
          rate / bound,
          cores,
          cpuMsPerCast,
          loadCpuMsPerCast,
          polls.size(),
          ballotBytes);
    }
  }

  /** Ballots {@code from..from+n-1} of a poll, encrypted, proved and serialised (all cores). */
  private static byte[][] encrypt(BenchPoll poll, Ballot.Token[] tokens, int from, int n) {
    byte[][] bodies = new byte[n][];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              SecureRandom r = new SecureRandom();
              bodies[i] =
                  BenchPoll.json(
                      poll.ballot(tokens[from + i], BenchPoll.choices(poll.subjects(), r), r));
            });
    return bodies;
  }

  private static Object decode(BenchPoll poll, byte[] body) throws IOException {
    Class<?> type = poll.version() == 2 ? BallotV2.class : Ballot.class;
    return ProtocolJson.mapper().readValue(body, type);
  }

  /** Adds every proof of one ballot to a batch (the server's check of a cast, without the rest). */
  @FunctionalInterface
  interface Proofs {
    void add(Object ballot, BatchVerifier<String> batch);
  }

  static Proofs proofs(BenchPoll poll) {
    if (poll.version() == 2) {
      BallotV2Verifier v =
          BallotV2Verifier.create(
              poll.q(), poll.jointKey(), poll.pollId(), poll.subjects(), poll.encoding());
      return (b, batch) -> {
        BallotV2 x = (BallotV2) b;
        v.addProofs(x, BallotHashes.tokenHash(x.token().msg()), batch, f -> f);
      };
    }
    BallotVerifier v =
        BallotVerifier.create(poll.q(), poll.jointKey(), poll.pollId(), poll.subjects());
    return (b, batch) -> {
      Ballot x = (Ballot) b;
      v.addProofs(x, BallotHashes.tokenHash(x.token().msg()), batch, "");
    };
  }

  /** CPU time of this process (the load generator) so far, or 0 where the JVM cannot tell. */
  private static long ownCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  /**
   * µs per ballot to check every proof of each ballot, {@code batch} ballots per batch
   * verification.
   */
  static double proofMicros(Proofs p, List<Object> ballots, int batch, SecureRandom rng) {
    long t0 = System.nanoTime();
    for (int i = 0; i < ballots.size(); i += batch) {
      BatchVerifier<String> b = new BatchVerifier<>(rng);
      for (Object x : ballots.subList(i, Math.min(ballots.size(), i + batch))) {
        p.add(x, b);
      }
      if (!b.verifyAll()) {
        throw new IllegalStateException("a benchmark ballot does not verify");
      }
    }
    return (System.nanoTime() - t0) / 1e3 / ballots.size();
  }

  private static double pct(long[] sorted, int p) {
    int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  @FunctionalInterface
  interface Task {
    long run(int i) throws Exception;
  }

  /** Runs task(0..n-1) on {@code threads} threads; returns each task's result. */
  static long[] parallel(int n, int threads, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      long[] out = new long[n];
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(
            pool.submit(
                () -> {
                  for (int i; (i = next.getAndIncrement()) < n; ) {
                    out[i] = task.run(i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
