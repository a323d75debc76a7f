package org.cvote.verifier.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.verifier.RecordVerifier;

/**
 * Benchmark (a main, not a test): builds a record of N ballots × 5 subjects (or uses an existing
 * one), verifies it on the batch path (all cores) and on the naive path (one proof at a time, one
 * thread), and prints ballots/s for both plus the peak heap.
 *
 * <pre>
 *   VerifierBench [N=10000] [record-dir] [naive-ballots=N]
 * </pre>
 *
 * The naive path can be limited to the first naive-ballots ballots of a second, smaller record,
 * since it is slow.
 */
public final class VerifierBench {
  private VerifierBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("cvote-bench");
    int naiveN = args.length > 2 ? Integer.parseInt(args[2]) : n;
    ElectionFixture.Spec spec =
        new ElectionFixture.Spec("bench-poll", "Benchmark poll", 5, n, 5, 3, List.of(1, 3, 5), 7);
    if (!Files.exists(dir.resolve("record.sig"))) {
      long t0 = System.nanoTime();
      ElectionFixture.write(spec, dir);
      System.out.printf(
          "built record of %,d ballots × 5 subjects in %.1f s at %s%n",
          n, (System.nanoTime() - t0) / 1e9, dir);
    }
    Path naiveDir = dir;
    if (naiveN < n) {
      naiveDir = dir.resolveSibling(dir.getFileName() + "-naive");
      if (!Files.exists(naiveDir.resolve("record.sig"))) {
        ElectionFixture.write(spec.withBallots(naiveN), naiveDir);
      }
    }
    resetPeaks();
    RecordVerifier.Options opt = RecordVerifier.Options.defaults();
    long t0 = System.nanoTime();
    RecordVerifier.Outcome batch = RecordVerifier.verify(dir, opt);
    double tb = (System.nanoTime() - t0) / 1e9;
    long peakBatch = peakHeap();
    long ballots = batch.ballots().ballots();
    System.out.printf(
        "batch path: %,d ballots in %.2f s = %,.0f ballots/s on %d threads; passed=%s; peak heap %,d MiB%n",
        ballots, tb, ballots / tb, opt.threads(), batch.report().passed(), peakBatch >> 20);
    resetPeaks();
    t0 = System.nanoTime();
    RecordVerifier.Outcome naive = RecordVerifier.verify(naiveDir, opt.naivePath());
    double tn = (System.nanoTime() - t0) / 1e9;
    long nb = naive.ballots().ballots();
    System.out.printf(
        "naive path: %,d ballots in %.2f s = %,.0f ballots/s on 1 thread, one proof at a time; passed=%s; peak heap %,d MiB%n",
        nb, tn, nb / tn, naive.report().passed(), peakHeap() >> 20);
    System.out.printf("speed-up: %.1f×%n", (ballots / tb) / (nb / tn));
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks (an upper bound of the peak heap in use). */
  private static long peakHeap() {
    long s = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        s += p.getPeakUsage().getUsed();
      }
    }
    return s;
  }
}
