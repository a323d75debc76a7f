package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.BoardVerifier;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.RecordJson;
import org.cvote.crypto.token.TokenKeyPair;
import org.cvote.testkit.fixture.ElectionFixture;

/**
 * Issue 22's figure: a committee member's verification of a closed board (every B_k, the chain,
 * every token's RSASSA-PSS signature, every range and row proof, docs/protocol.md §9.2), on one
 * synthetic but valid board of V ballots × S subjects, timed twice: in headless Chromium by the
 * committee page's own library and worker pool ({@link CommitteeBoardBrowser}), and by the CLI's
 * {@link BoardVerifier} (the code {@code cvote-committee decrypt} runs). Rates in ballots/s and in
 * 5-subject ballots/s (= ballots/s × S / 5), the unit of the other figures.
 */
public final class CommitteeBoardBench {
  private static final String POLL = "bench-committee";

  /** The board's size; {@link #NONE} ({@code --committee-board 0}) skips the benchmark. */
  public record Size(int voters, int subjects) {
    public static final Size NONE = new Size(0, 0);
    public static final Size FULL = new Size(500, 50);
    public static final Size QUICK = new Size(50, 10);

    public Size {
      if (voters != 0 || subjects != 0) {
        if (voters < 1) {
          throw new IllegalArgumentException(
              "committee board voters must be at least 1, got " + voters);
        }
        if (subjects < 1 || subjects > 500) {
          throw new IllegalArgumentException(
              "committee board subjects must be 1..500, got " + subjects);
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
      if (p.length != 2) {
        throw new IllegalArgumentException(
            "--committee-board must be VOTERSxSUBJECTS (e.g. 500x50) or 0, got " + s);
      }
      try {
        return new Size(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--committee-board must be VOTERSxSUBJECTS (e.g. 500x50) or 0, got " + s);
      }
    }

    public boolean skip() {
      return voters == 0;
    }

    @Override
    public String toString() {
      return voters + "x" + subjects;
    }
  }

  /**
   * A board with everything a member verifies it against: Q, the joint key K and the token key's
   * SPKI.
   */
  public record Board(
      String pollId,
      Digest q,
      Point jointKey,
      byte[] tokenSpki,
      int subjects,
      List<RecordedBallot> ballots) {
    public Board {
      ballots = List.copyOf(ballots);
    }

    /**
     * The page's input (the shape of verifyBoard's: hex Q, K and SPKI, the board lines of GET
     * …/tally-input).
     */
    public ObjectNode json() {
      ObjectNode o = Http.JSON.createObjectNode();
      o.put("pollId", pollId);
      o.put("Q", q.toHex());
      o.put("K", jointKey.toHex());
      o.put("tokenSpki", HexFormat.of().formatHex(tokenSpki));
      o.put("subjects", subjects);
      ArrayNode lines = o.putArray("board");
      for (RecordedBallot rb : ballots) {
        lines.add(RecordJson.lenient().valueToTree(rb));
      }
      return o;
    }
  }

  /**
   * The two timings (browser null when Chromium is missing or failed) and the load average around
   * them.
   */
  public record Figures(
      Size size,
      double cliSeconds,
      Double browserSeconds,
      int browserWorkers,
      String loadBefore,
      String loadAfter) {
    double ballotsPerSecond(double seconds) {
      return size.voters() / seconds;
    }

    double fiveSubjectPerSecond(double seconds) {
      return size.voters() * (double) size.subjects() / 5 / seconds;
    }
  }

  private CommitteeBoardBench() {}

  /**
   * This benchmark alone (cvote bench runs it with the others): {@code java -cp
   * tools/target/cvote-tools.jar org.cvote.tools.bench.CommitteeBoardBench [500x50] [work folder]}.
   */
  public static void main(String[] args) throws Exception {
    Size size = Size.parse(args.length > 0 ? args[0] : Size.FULL.toString());
    if (size.skip()) {
      return;
    }
    PrintStream log = new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    Figures f = run(size, Path.of(args.length > 1 ? args[1] : "bench-work"), log);
    ObjectNode json = Http.JSON.createObjectNode();
    json(json, f);
    rows(log, f);
    log.println(Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
  }

  /**
   * V ballots × S random choices (blanks included), each really encrypted and proved under a random
   * joint key with a real RFC 9474 token (RSA-3072), chained from T_0 as the server does: a board
   * that passes every check.
   */
  public static Board generate(Size size, SecureRandom rng) {
    if (size.skip()) {
      throw new IllegalArgumentException("no board of size 0");
    }
    Point k = Point.baseMul(Scalar.random(rng));
    byte[] qBytes = new byte[Digest.BYTES];
    rng.nextBytes(qBytes);
    Digest q = Digest.of(qBytes);
    TokenKeyPair tokenKey = ElectionFixture.tokenKey();
    Ballot[] made = new Ballot[size.voters()];
    IntStream.range(0, made.length)
        .parallel()
        .forEach(
            b -> {
              SecureRandom r = new SecureRandom();
              int[] choices = new int[size.subjects()];
              for (int s = 0; s < choices.length; s++) {
                int x = r.nextInt(4);
                choices[s] = x == 3 ? BallotEncryptor.BLANK : x;
              }
              made[b] =
                  BallotEncryptor.encrypt(
                          POLL, q, k, ElectionFixture.token(tokenKey, POLL, r), choices, r)
                      .ballot();
            });
    List<RecordedBallot> board = new ArrayList<>(made.length);
    Digest prev = BallotHashes.chainStart(q);
    for (int b = 0; b < made.length; b++) {
      Digest h = BallotHashes.ballotHash(q, made[b]);
      prev = BallotHashes.chainNext(prev, h);
      board.add(RecordedBallot.of(made[b], b + 1, h, prev));
    }
    return new Board(POLL, q, k, tokenKey.publicKey().toSpki(), size.subjects(), board);
  }

  /**
   * Seconds the CLI's board verification takes; throws when it rejects the board (then no figure
   * means anything).
   */
  public static double cliSeconds(Board board) throws BoardRejectedException {
    long t0 = System.nanoTime();
    BoardVerifier.verify(
        board.ballots(),
        board.q(),
        board.jointKey(),
        board.pollId(),
        board.subjects(),
        board.tokenSpki());
    return (System.nanoTime() - t0) / 1e9;
  }

  public static Figures run(Size size, Path work, PrintStream log) throws Exception {
    log.printf(
        Locale.ROOT,
        "committee board: generating %d ballots × %d subjects (real encryptions, proofs and tokens)…%n",
        size.voters(),
        size.subjects());
    long t0 = System.nanoTime();
    Board board = generate(size, new SecureRandom());
    Path file = work.resolve("committee-board-" + size + ".json");
    Files.createDirectories(work);
    Http.JSON.writeValue(file.toFile(), board.json());
    log.printf(
        Locale.ROOT,
        "  made in %.0f s (%,d bytes)%n",
        (System.nanoTime() - t0) / 1e9,
        Files.size(file));
    String loadBefore = loadAverage();
    JsonNode browser = CommitteeBoardBrowser.run(file, log);
    log.println("committee board: the CLI's BoardVerifier (cvote-committee decrypt's code)…");
    double cli = cliSeconds(board);
    String loadAfter = loadAverage();
    Double browserSeconds = browser == null ? null : browser.path("seconds").asDouble();
    return new Figures(
        size,
        cli,
        browserSeconds,
        browser == null ? 0 : browser.path("workers").asInt(),
        loadBefore,
        loadAfter);
  }

  /**
   * The figures into bench.json (null browser figures when there was no browser run; absent when
   * skipped).
   */
  static void json(ObjectNode json, Figures f) {
    if (f == null) {
      return;
    }
    ObjectNode o = json.putObject("committeeBoard");
    o.put("voters", f.size().voters());
    o.put("subjects", f.size().subjects());
    o.put("cliSeconds", round(f.cliSeconds()));
    o.put("cliBallotsPerSecond", round(f.ballotsPerSecond(f.cliSeconds())));
    o.put("cliFiveSubjectBallotsPerSecond", round(f.fiveSubjectPerSecond(f.cliSeconds())));
    if (f.browserSeconds() != null) {
      o.put("browserSeconds", round(f.browserSeconds()));
      o.put("browserWorkers", f.browserWorkers());
      o.put("browserBallotsPerSecond", round(f.ballotsPerSecond(f.browserSeconds())));
      o.put(
          "browserFiveSubjectBallotsPerSecond", round(f.fiveSubjectPerSecond(f.browserSeconds())));
    } else {
      o.putNull("browserSeconds");
      o.putNull("browserFiveSubjectBallotsPerSecond");
    }
    o.put("loadAverageBefore", f.loadBefore());
    o.put("loadAverageAfter", f.loadAfter());
  }

  static void rows(PrintStream log, Figures f) {
    if (f == null) {
      return;
    }
    String what =
        "committee board verification, "
            + f.size().voters()
            + " ballots × "
            + f.size().subjects()
            + " subjects";
    log.printf(
        Locale.ROOT,
        "%-62s %s%n",
        what + ": browser",
        f.browserSeconds() == null
            ? "n/a"
            : String.format(
                Locale.ROOT,
                "%.1f s, %.1f ballots/s = %.0f 5-subject ballots/s (%d workers)",
                f.browserSeconds(),
                f.ballotsPerSecond(f.browserSeconds()),
                f.fiveSubjectPerSecond(f.browserSeconds()),
                f.browserWorkers()));
    log.printf(
        Locale.ROOT,
        "%-62s %.1f s, %.1f ballots/s = %.0f 5-subject ballots/s%n",
        "  … CLI (BoardVerifier)",
        f.cliSeconds(),
        f.ballotsPerSecond(f.cliSeconds()),
        f.fiveSubjectPerSecond(f.cliSeconds()));
    log.printf(
        Locale.ROOT,
        "%-62s %s / %s%n",
        "  … load average (1, 5, 15 min) before / after",
        f.loadBefore(),
        f.loadAfter());
  }

  /**
   * /proc/loadavg's three averages ("n/a" elsewhere): the machine is shared, the figure means
   * little without it.
   */
  static String loadAverage() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return p[0] + " " + p[1] + " " + p[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static double round(double x) {
    return Math.round(x * 10) / 10.0;
  }
}
