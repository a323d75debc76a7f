package org.cvote.tools.bench;

import java.nio.file.Path;
import org.cvote.verifier.RecordVerifier;

/**
 * The verifier's steady-state rate: the same record verified {@code passes} times in one JVM (the
 * verifier's own code, all cores, as {@code bin/cvote-verify} runs it). The first pass pays the
 * JIT's compilation, which on 2 cores takes about half of a 10,000-ballot run; a 100,000-ballot
 * record amortises it, a version 2 record (at most 10,000 ballots, docs/protocol.md §16.1) cannot.
 * Prints one line per pass: {@code pass <i> <seconds> <passed>}. Run by {@link VerifierRun} in a
 * JVM of its own, with the verifier's heap and collector.
 */
final class WarmVerify {
  private WarmVerify() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: WarmVerify RECORD PASSES");
      System.exit(2);
    }
    Path record = Path.of(args[0]);
    int passes = Integer.parseInt(args[1]);
    for (int i = 1; i <= passes; i++) {
      long t0 = System.nanoTime();
      RecordVerifier.Outcome o = RecordVerifier.verify(record, RecordVerifier.Options.defaults());
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(java.util.Locale.ROOT, "pass %d %.4f %b%n", i, s, o.report().passed());
    }
  }
}
