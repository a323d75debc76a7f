package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.BoardVerifier;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.board.BoardCheckV2;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.crypto.token.TokenVerifier;

/**
 * The largest real poll of issue 24, end to end over HTTP on a server of its own: V voters × S
 * subjects (500 × 50: a National Assembly), ballot version 2. Tokens for every voter; every ballot
 * encrypted beforehand and all cast in one burst (V connections released at once: the time until
 * the last receipt, and the latencies); the close; the committee's board verification (the CLI's
 * check of the board it downloads, and the committee page's library in headless Chromium); each
 * member's decryption as {@code cvote-committee decrypt} does it; the tally and the publication;
 * and the auditor's verifier jar on the published record. The counts must equal the simulated
 * voters' choices. (The browser's encrypt + prove of a ballot of this size is {@link BrowserRun}'s
 * figure.)
 */
public final class LargePollBench {
  private static final int MEMBERS = 3;
  private static final int THRESHOLD = 2;

  /** Voters × subjects; {@link #NONE} ({@code --large-poll 0}) skips the scenario. */
  public record Size(int voters, int subjects) {
    public static final Size NONE = new Size(0, 0);
    public static final Size FULL = new Size(500, 50);
    public static final Size QUICK = new Size(60, 10);

    public Size {
      if (voters != 0 || subjects != 0) {
        if (voters < 2 || voters > CastBench.V2_POLL_VOTERS) {
          throw new IllegalArgumentException(
              "large poll voters must be 2.." + CastBench.V2_POLL_VOTERS + ", got " + voters);
        }
        if (subjects < 1 || subjects > 500) {
          throw new IllegalArgumentException("large poll subjects must be 1..500, got " + subjects);
        }
      }
    }

    /** "VOTERSxSUBJECTS" (e.g. 500x50), or "0" to skip. */
    public static Size parse(String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.equals("0")) {
        return NONE;
      }
      String[] p = t.split("[x×]", -1);
      try {
        if (p.length == 2) {
          return new Size(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }
      } catch (NumberFormatException e) {
        // the message below
      }
      throw new IllegalArgumentException(
          "--large-poll must be VOTERSxSUBJECTS (e.g. 500x50) or 0, got " + s);
    }

    public boolean skip() {
      return voters == 0;
    }

    @Override
    public String toString() {
      return voters + "x" + subjects;
    }
  }

  /** Every figure of one run (seconds unless named otherwise; browser board check null if none). */
  record Figures(
      Size size,
      int version,
      double setupSeconds,
      double tokenSeconds,
      double encryptMsPerBallot,
      long ballotBytes,
      double burstSeconds,
      double burstP50Ms,
      double burstP99Ms,
      double boardCheckCliSeconds,
      Double boardCheckBrowserSeconds,
      int browserWorkers,
      double[] memberDecryptSeconds,
      double tallySeconds,
      double publishSeconds,
      long ballotsFileBytes,
      VerifierRun.Side verifier,
      boolean countsMatch) {
    double burstPerSecond() {
      return size.voters() / burstSeconds;
    }

    double tokensPerSecond() {
      return size.voters() / tokenSeconds;
    }
  }

  private LargePollBench() {}

  /**
   * This scenario alone ({@code cvote bench} runs it with the others): {@code java -cp
   * tools/target/cvote-tools.jar org.cvote.tools.bench.LargePollBench [500x50] [work folder]
   * [ballot version]}; the verifier jar from CVOTE_VERIFY_JAR or verifier/target.
   */
  public static void main(String[] args) throws Exception {
    Size size = Size.parse(args.length > 0 ? args[0] : Size.FULL.toString());
    if (size.skip()) {
      return;
    }
    Path work = Path.of(args.length > 1 ? args[1] : "bench-work");
    int version = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Files.createDirectories(work);
    PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Figures f = run(size, version, work, VerifierRun.jar(), log);
    log.println(
        f.countsMatch() && (f.verifier() == null || f.verifier().passed())
            ? "large poll: counts and record verified"
            : "large poll: FAILED");
  }

  static Figures run(Size size, int version, Path work, Path verifierJar, PrintStream log)
      throws Exception {
    int voters = size.voters();
    int subjects = size.subjects();
    try (ServerProcess server =
        ServerProcess.start(work.resolve("large-poll-data-" + System.nanoTime()))) {
      log.printf(
          Locale.ROOT,
          "large poll: %d voters × %d subjects, ballot version %d, server at %s%n",
          voters,
          subjects,
          version,
          server.base);
      long t0 = System.nanoTime();
      BenchPoll poll =
          BenchPoll.open(
              server.base,
              server.adminPassword,
              new BenchPoll.Spec(version, subjects, voters, voters, MEMBERS, THRESHOLD));
      double setup = seconds(t0);
      Http http = poll.http();

      // tokens, for every voter (the blind signatures the server makes at check-in time)
      Ballot.Token[] tokens = new Ballot.Token[voters];
      t0 = System.nanoTime();
      CastBench.parallel(
          voters,
          32,
          i -> {
            tokens[i] = poll.token(i, new SecureRandom());
            return 0L;
          });
      double tokenSeconds = seconds(t0);
      log.printf(Locale.ROOT, "  tokens: %d in %.1f s%n", voters, tokenSeconds);

      // every voter's ballot, made by the voters' side before the burst (all cores of this JVM)
      int[][] choices = new int[voters][];
      byte[][] bodies = new byte[voters][];
      t0 = System.nanoTime();
      IntStream.range(0, voters)
          .parallel()
          .forEach(
              i -> {
                SecureRandom r = new SecureRandom();
                choices[i] = BenchPoll.choices(subjects, r);
                bodies[i] = BenchPoll.json(poll.ballot(tokens[i], choices[i], r));
              });
      double encryptMs =
          (System.nanoTime() - t0) / 1e6 / voters * Runtime.getRuntime().availableProcessors();
      log.printf(
          Locale.ROOT,
          "  ballots: %d encrypted and proved (≈ %.0f ms each on one core, %,d bytes each)%n",
          voters,
          encryptMs,
          bodies[0].length);

      // the burst: one connection per voter, all released at once
      if (System.getProperty("http.maxConnections") == null) {
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, voters)));
      }
      String castPath = "/api/polls/" + poll.pollId() + "/ballots";
      long[] start = new long[1];
      long[] latency = burst(http, castPath, bodies, start);
      double burst = seconds(start[0]);
      Arrays.sort(latency);
      log.printf(
          Locale.ROOT,
          "  burst: %d ballots absorbed in %.2f s (%.0f/s), p50 %.0f ms, p99 %.0f ms%n",
          voters,
          burst,
          voters / burst,
          pct(latency, 50),
          pct(latency, 99));

      poll.close();
      // the committee's board verification: the board as a member downloads it
      JsonNode input = poll.tallyInputJson();
      JsonNode lines = input.path("board");
      if (lines.size() != voters) {
        throw new IllegalStateException(
            "the closed board holds " + lines.size() + " ballots, expected " + voters);
      }
      TokenPublicKey tokenKey =
          TokenPublicKey.fromSpki(
              java.util.HexFormat.of()
                  .parseHex(
                      http.ok("GET", "/api/polls/" + poll.pollId(), null)
                          .path("tokenKey")
                          .path("spki")
                          .asText()));
      double cli = cliBoardCheck(poll, lines, tokenKey);
      log.printf(Locale.ROOT, "  committee board check, CLI code: %.2f s%n", cli);
      Path boardFile = work.resolve("large-poll-board-" + size + ".json");
      Http.JSON.writeValue(boardFile.toFile(), browserInput(poll, lines, tokenKey));
      JsonNode browser = CommitteeBoardBrowser.run(boardFile, log);
      Double browserSeconds = browser == null ? null : browser.path("seconds").asDouble();

      // each member of U decrypts as the committee tool does (download, check, decrypt, post)
      double[] decrypt = new double[THRESHOLD];
      for (int m = 1; m <= THRESHOLD; m++) {
        t0 = System.nanoTime();
        try {
          poll.decrypt(m);
        } catch (BoardRejectedException e) {
          throw new IllegalStateException("member " + m + " rejected the board: " + e, e);
        }
        decrypt[m - 1] = seconds(t0);
        log.printf(
            Locale.ROOT,
            "  member %d verified the board, decrypted and posted in %.2f s%n",
            m,
            decrypt[m - 1]);
      }
      t0 = System.nanoTime();
      JsonNode tally = poll.tally().path("tally");
      double tallySeconds = seconds(t0);
      boolean match = matches(tally, choices, subjects);
      t0 = System.nanoTime();
      poll.publish();
      double publishSeconds = seconds(t0);
      log.printf(
          Locale.ROOT,
          "  tally %.2f s (%s), publication %.2f s%n",
          tallySeconds,
          match ? "counts equal the voters' choices" : "COUNTS DIFFER from the voters' choices",
          publishSeconds);
      Path record = work.resolve("large-poll-record-" + size + "-" + System.nanoTime());
      poll.download(record);
      long ballotsBytes = Files.size(record.resolve("ballots.ndjson"));
      VerifierRun.Side verified = null;
      if (verifierJar != null) {
        verified = VerifierRun.runOne(verifierJar, version, voters, record);
        log.printf(
            Locale.ROOT,
            "  verifier jar on the published record: %.2f s, peak RSS %d MiB, %s%n",
            verified.seconds(),
            verified.peakRssMiB(),
            verified.passed() ? "all checks passed" : "FAILED");
      }
      return new Figures(
          size,
          version,
          setup,
          tokenSeconds,
          encryptMs,
          bodies[0].length,
          burst,
          pct(latency, 50),
          pct(latency, 99),
          cli,
          browserSeconds,
          browser == null ? 0 : browser.path("workers").asInt(),
          decrypt,
          tallySeconds,
          publishSeconds,
          ballotsBytes,
          verified,
          match);
    }
  }

  /**
   * Posts every body at once: one thread and connection per ballot, all waiting at a gate that
   * opens when every thread is ready; {@code start[0]} is when it opened. The latencies, in ns.
   */
  private static long[] burst(Http http, String path, byte[][] bodies, long[] start)
      throws Exception {
    int n = bodies.length;
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    long[] latency = new long[n];
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int b = i;
      Thread t =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  long s = System.nanoTime();
                  Http.Res r = http.post(path, bodies[b]);
                  latency[b] = System.nanoTime() - s;
                  if (r.status() != 200) {
                    failures.add(
                        "burst cast "
                            + b
                            + " answered "
                            + r.status()
                            + ": "
                            + new String(r.body(), StandardCharsets.UTF_8));
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  failures.add("burst cast " + b + ": " + e.getMessage());
                }
              },
              "burst-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    ready.await();
    start[0] = System.nanoTime();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " casts failed, first: " + failures.get(0));
    }
    return latency;
  }

  /**
   * Seconds the committee CLI's board check takes on the downloaded board (crypto's {@link
   * BoardCheckV2} for version 2, the committee's {@link BoardVerifier} for version 1), token
   * signatures included; a board it refuses throws.
   */
  private static double cliBoardCheck(BenchPoll poll, JsonNode lines, TokenPublicKey tokenKey)
      throws Exception {
    if (poll.version() == 2) {
      List<RecordedBallotV2> board = new ArrayList<>();
      for (JsonNode l : lines) {
        board.add(ProtocolJson.mapper().treeToValue(l, RecordedBallotV2.class));
      }
      long t0 = System.nanoTime();
      BoardCheckV2.Result r =
          BoardCheckV2.check(
              board,
              poll.q(),
              poll.jointKey(),
              poll.pollId(),
              poll.subjects(),
              poll.encoding(),
              TokenVerifier.create(tokenKey, poll.pollId()));
      double s = seconds(t0);
      if (!r.ok()) {
        throw new IllegalStateException("the CLI's check refused the board: " + r.problems());
      }
      return s;
    }
    List<RecordedBallot> board = new ArrayList<>();
    for (JsonNode l : lines) {
      board.add(ProtocolJson.mapper().treeToValue(l, RecordedBallot.class));
    }
    long t0 = System.nanoTime();
    BoardVerifier.verify(
        board, poll.q(), poll.jointKey(), poll.pollId(), poll.subjects(), tokenKey.toSpki());
    return seconds(t0);
  }

  /** The committee page's verifyBoard input (CommitteeBoardBench's shape, with B for version 2). */
  private static ObjectNode browserInput(BenchPoll poll, JsonNode lines, TokenPublicKey tokenKey) {
    ObjectNode o = Http.JSON.createObjectNode();
    o.put("pollId", poll.pollId());
    o.put("Q", poll.q().toHex());
    o.put("K", poll.jointKey().toHex());
    o.put("tokenSpki", java.util.HexFormat.of().formatHex(tokenKey.toSpki()));
    o.put("subjects", poll.subjects());
    if (poll.version() == 2) {
      o.put("version", 2);
      o.put("base", poll.encoding().base());
    }
    o.set("board", lines);
    return o;
  }

  /** True when tally.json's counts are the simulated voters' HIGH, MID and LOW per subject. */
  static boolean matches(JsonNode tally, int[][] choices, int subjects) {
    long[][] truth = new long[subjects][3];
    for (int[] c : choices) {
      for (int s = 0; s < subjects; s++) {
        if (c[s] != BallotEncryptor.BLANK) {
          truth[s][c[s]]++;
        }
      }
    }
    JsonNode results = tally.path("results");
    if (results.size() != subjects) {
      return false;
    }
    for (int s = 0; s < subjects; s++) {
      JsonNode counts = results.get(s).path("counts");
      for (int j = 0; j < 3; j++) {
        if (counts.path(j).asLong(-1) != truth[s][j]) {
          return false;
        }
      }
    }
    return true;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double pct(long[] sorted, int p) {
    int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
