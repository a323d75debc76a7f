package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.token.BlindResult;
import org.cvote.crypto.token.TokenClient;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.server.demo.DemoRunner;

/**
 * Cast throughput over real HTTP on loopback: a server in its own process, a poll with a real key
 * ceremony, {@code warmup + voters} simulated voters who first obtain their tokens (timed apart)
 * and then cast pre-encrypted 5-subject ballots from {@code concurrency} connections at once:
 * {@code warmup} untimed, then {@code voters} timed. Beside it, the raw cost of exactly the proof
 * checks the server made, from the crypto core alone, gives the bound.
 */
final class CastBench {
  static final int SUBJECTS = 5;

  /** The server's counters whose ratios are the mean proof batch and commit group. */
  private static final String[] COUNTERS = {
    "cvote.proof.batches", "cvote.proof.ballots", "cvote.board.commits", "cvote.board.appended"
  };

  record Figures(
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
      double loadCpuMsPerCast) {
    /** The server's CPU time per timed cast, all threads. */
    double serverCpuMsPerCast() {
      return serverCpuCores / castPerSecond * 1000;
    }
  }

  private CastBench() {}

  /**
   * Runs the cast benchmark; {@code whileUp} runs against the same server before it stops (browser
   * page).
   */
  static Figures run(
      int timed,
      int warm,
      int concurrency,
      Path work,
      PrintStream log,
      java.util.function.Consumer<java.net.URI> whileUp)
      throws Exception {
    SecureRandom rng = new SecureRandom();
    // The casts go over the JDK's blocking HttpURLConnection: the load generator shares the cores
    // with the server,
    // and java.net.http.HttpClient's asynchronous machinery cost it about twice the CPU per
    // request. It keeps at
    // most http.maxConnections idle connections per host alive (5 by default): one per voter
    // connection here.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", String.valueOf(Math.max(5, concurrency)));
    }
    int voters = warm + timed;
    try (ServerProcess server =
        ServerProcess.start(work.resolve("cast-data-" + System.nanoTime()))) {
      log.println(
          "server started at "
              + server.base
              + "; setting up a poll of "
              + voters
              + " voters (key ceremony n = 3, t = 2)");
      DemoRunner runner =
          new DemoRunner(
              server.base,
              "admin",
              server.adminPassword,
              new PrintStream(PrintStream.nullOutputStream()));
      runner.setUp(DemoRunner.Options.of(SUBJECTS, voters, 3, 2));
      String pollId = runner.pollId();
      List<String> codes = runner.accessCodes().subList(0, voters);
      Http http = new Http(server.base);
      JsonNode pub = http.ok("GET", "/api/polls/" + pollId, null);
      TokenPublicKey key =
          TokenPublicKey.fromSpki(
              HexFormat.of().parseHex(pub.path("tokenKey").path("spki").asText()));
      Digest q = Digest.fromHex(pub.path("context").path("Q").asText());
      Point k = Point.fromHex(pub.path("context").path("jointKey").asText()).precomputed();

      // 1. tokens: RFC 9474 blind issuance, timed on its own (RSA-3072 signing is the server's cost
      // here)
      Ballot.Token[] tokens = new Ballot.Token[voters];
      long t0 = System.nanoTime();
      parallel(
          voters,
          concurrency,
          i -> {
            TokenClient client = TokenClient.create(key, pollId);
            BlindResult blind = client.begin(new SecureRandom());
            JsonNode sig =
                http.ok(
                    "POST",
                    "/api/polls/" + pollId + "/tokens",
                    Http.JSON.writeValueAsBytes(
                        Map.of(
                            "accessCode",
                            codes.get(i),
                            "blindedMsg",
                            HexFormat.of().formatHex(blind.blindedMessage()))));
            var t =
                client.finish(
                    blind.state(), HexFormat.of().parseHex(sig.path("blindSig").asText()));
            tokens[i] = new Ballot.Token(t.prepared(), t.signature());
            return 0L;
          });
      double issueSeconds = (System.nanoTime() - t0) / 1e9;
      log.printf(
          "tokens: %d issued in %.1f s (%.0f/s)%n", voters, issueSeconds, voters / issueSeconds);

      // 2. ballots: encrypted and proved by the voters' side before the clock starts
      Ballot[] ballots = new Ballot[voters];
      byte[][] bodies = new byte[voters][];
      java.util.function.IntConsumer encrypt =
          i -> {
            SecureRandom r = new SecureRandom();
            int[] choices = new int[SUBJECTS];
            for (int s = 0; s < SUBJECTS; s++) {
              choices[s] = r.nextInt(10) == 0 ? BallotEncryptor.BLANK : r.nextInt(3);
            }
            ballots[i] = BallotEncryptor.encrypt(pollId, q, k, tokens[i], choices, r).ballot();
            try {
              bodies[i] = ProtocolJson.mapper().writeValueAsBytes(ballots[i]);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };

      // 3. casting: the warm-up casts first, untimed, then the timed ones: concurrency connections,
      // one ballot
      //    after another. The warm-up makes the JIT compile the parse, proof and store paths, and
      // the timed
      //    ballots are encrypted only after it, so the server's C2 compiler works through its queue
      // then
      //    instead of in the timed phase. (C2 took ≈ 1.8 ms of CPU per timed cast after 300 warm-up
      // casts,
      //    ≈ 1.3 ms after 2,000, 0.2–0.4 ms after 7,000, 0.12 ms after 15,000.)
      IntStream.range(0, warm).parallel().forEach(encrypt);
      //    Now and then the warm-up also reads the poll and the metrics, as voters' pages and
      // monitoring do: a
      //    server that had only seen casts would recompile its HTTP path in the timed phase, when
      // the bench reads
      //    the metrics (a flight recording showed ≈ 1.5 s of C2 time there for Helidon's response,
      // routing and
      //    header code, after type-profile deoptimisations).
      parallel(
          warm,
          concurrency,
          i -> {
            if (i % 100 == 0) {
              http.ok("GET", "/api/polls/" + pollId, null);
              http.metrics(COUNTERS);
            }
            Http.Res r = http.post("/api/polls/" + pollId + "/ballots", bodies[i]);
            if (r.status() != 200) {
              throw new IllegalStateException("warm-up cast " + i + " answered " + r.status());
            }
            bodies[i] = null; // cast: thousands of 20 KB bodies need not stay
            ballots[i] = null;
            return 0L;
          });
      IntStream.range(warm, voters).parallel().forEach(encrypt);
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
                int i = warm + j;
                long s = System.nanoTime();
                Http.Res r = http.post("/api/polls/" + pollId + "/ballots", bodies[i]);
                long ns = System.nanoTime() - s;
                if (r.status() != 200) {
                  throw new IllegalStateException(
                      "cast " + i + " answered " + r.status() + ": " + new String(r.body()));
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
      int onBoard = http.ok("GET", "/api/polls/" + pollId + "/board", null).path("count").asInt();
      if (onBoard != voters) {
        throw new IllegalStateException(
            "the board holds " + onBoard + " ballots, expected " + voters);
      }
      whileUp.accept(server.base);

      Arrays.sort(latency);
      double meanBatch = batches > 0 ? batched / batches : 1;
      double meanGroup = commits > 0 ? appended / commits : 1;
      // 4. the bound: the same proof checks from the crypto core alone, at the batch size the
      // server reached
      BallotVerifier v = BallotVerifier.create(q, k, pollId, SUBJECTS);
      List<Ballot> sample = Arrays.asList(ballots).subList(warm, warm + Math.min(timed, 512));
      int batchSize = Math.max(1, (int) Math.round(meanBatch));
      // the best of several passes after two untimed ones: the bound is what the crypto core can do
      // at best
      double alone = Double.MAX_VALUE;
      double inBatch = Double.MAX_VALUE;
      for (int pass = 0; pass < 6; pass++) {
        double a = proofMicros(v, sample, 1, rng);
        double b = proofMicros(v, sample, batchSize, rng);
        if (pass >= 2) {
          alone = Math.min(alone, a);
          inBatch = Math.min(inBatch, b);
        }
      }
      int cores = Runtime.getRuntime().availableProcessors();
      double bound = cores * 1e6 / inBatch;
      double rate = timed / castSeconds;
      return new Figures(
          timed,
          concurrency,
          voters / issueSeconds,
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
          loadCpuMsPerCast);
    }
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
  static double proofMicros(BallotVerifier v, List<Ballot> ballots, int batch, SecureRandom rng) {
    long t0 = System.nanoTime();
    for (int i = 0; i < ballots.size(); i += batch) {
      BatchVerifier<String> b = new BatchVerifier<>(rng);
      for (Ballot x : ballots.subList(i, Math.min(ballots.size(), i + batch))) {
        v.addProofs(x, BallotHashes.tokenHash(x.token().msg()), b, "");
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
