package org.cvote.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cvote.tools.bench.Bench;
import org.cvote.tools.bench.CommitteeBoardBench;
import org.cvote.tools.bench.LargePollBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the tools jar: {@code cvote bench} (bin/cvote passes "bench" here). The jar
 * carries the server too, which the bench starts in its own JVM on this class path; the production
 * jars carry no bench.
 */
@Command(
    name = "cvote",
    mixinStandardHelpOptions = true,
    version = "cvote 1.0",
    description = "Tools of cvote that are not part of the product.",
    subcommands = {Main.BenchCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description =
          "Measure ballot versions 1 and 2 side by side (cast throughput over HTTP against its "
              + "proof-checking bound, server CPU per cast, ballot bytes, browser encryption, the "
              + "verifier), batch verification, the committee's board check and the largest real "
              + "poll end to end; prints a table and writes bench.json.")
  static final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "smaller sizes (a few minutes)")
    boolean quick;

    @Option(names = "--voters", description = "timed casts (default: 750 quick, 5000 full)")
    Integer voters;

    @Option(
        names = "--warmup",
        description =
            "untimed casts before them, to let the server's JIT settle (default: 500 quick, 15000 full)")
    Integer warmup;

    @Option(
        names = "--concurrency",
        description = "simultaneous voter connections (default: 32 quick, 64 full)")
    Integer concurrency;

    @Option(
        names = "--verifier-ballots",
        description = "ballots in the verifier's record (default: 1000 quick, 100000 full)")
    Integer verifierBallots;

    @Option(
        names = "--committee-board",
        paramLabel = "VOTERSxSUBJECTS",
        description =
            "the committee's board "
                + "verification benchmark, browser and CLI, on a board of that size (default: 50x10 quick, 500x50 full; 0 skips it)")
    String committeeBoard;

    @Option(
        names = "--large-poll",
        paramLabel = "VOTERSxSUBJECTS",
        description =
            "the largest real poll end to end (ballot version 2: tokens, one burst of casts, the "
                + "committee's board check, tally, publication, the verifier) at that size (default: "
                + "60x10 quick, 500x50 full; 0 skips it)")
    String largePoll;

    @Option(
        names = "--work",
        description = "folder for the server's data and the cached records (default: ./bench-work)")
    Path work = Path.of("bench-work");

    @Option(names = "--out", description = "the JSON figures (default: ./bench.json)")
    Path out = Path.of("bench.json");

    @Override
    public Integer call() throws Exception {
      var base = quick ? Bench.Settings.quick(work, out) : Bench.Settings.full(work, out);
      var s =
          new Bench.Settings(
              voters != null ? voters : base.voters(),
              warmup != null ? warmup : base.warmup(),
              concurrency != null ? concurrency : base.concurrency(),
              verifierBallots != null ? verifierBallots : base.verifierBallots(),
              base.naiveBallots(),
              base.proofs(),
              work,
              out,
              quick);
      CommitteeBoardBench.Size board =
          committeeBoard != null
              ? CommitteeBoardBench.Size.parse(committeeBoard)
              : quick ? CommitteeBoardBench.Size.QUICK : CommitteeBoardBench.Size.FULL;
      LargePollBench.Size large =
          largePoll != null
              ? LargePollBench.Size.parse(largePoll)
              : quick ? LargePollBench.Size.QUICK : LargePollBench.Size.FULL;
      return Bench.run(
          s,
          board,
          large,
          new java.io.PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
