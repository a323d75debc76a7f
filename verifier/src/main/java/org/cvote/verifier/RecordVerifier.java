package org.cvote.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.verifier.checks.BallotChecks;
import org.cvote.verifier.checks.Setup;
import org.cvote.verifier.checks.V10ReportCheck;
import org.cvote.verifier.checks.V11RecordSignatureCheck;
import org.cvote.verifier.checks.V12ClosingCheck;
import org.cvote.verifier.checks.V7AggregateCheck;
import org.cvote.verifier.checks.V8DecryptionCheck;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.record.RecordSource;
import org.cvote.verifier.record.UnreadableRecordException;
import org.cvote.verifier.report.Report;

/**
 * Runs V1–V11 of docs/protocol.md §11 over a record, and V12 (docs/protocol.md §9.5) over a version
 * 2 record.
 */
public final class RecordVerifier {
  /**
   * @param threads worker threads for the ballots (all cores by default)
   * @param chunk ballots per batch per thread
   * @param naive one proof at a time on one thread (the baseline of the benchmark)
   * @param progress a progress bar on the terminal
   */
  public record Options(int threads, int chunk, boolean naive, boolean progress) {
    public static Options defaults() {
      return new Options(Runtime.getRuntime().availableProcessors(), 256, false, false);
    }

    public Options naivePath() {
      return new Options(1, chunk, true, progress);
    }

    public Options withProgress(boolean p) {
      return new Options(threads, chunk, naive, p);
    }
  }

  /** The report, and what the verifier saw at the receipt's index (if one was asked). */
  public record Outcome(
      Report report, BallotChecks.Summary ballots, Setup.Values values, ParsedRecord record) {
    public int exitCode() {
      return report.passed() ? 0 : 1;
    }
  }

  private RecordVerifier() {}

  public static Outcome verify(Path path, Options opt) throws UnreadableRecordException {
    return verify(path, opt, -1);
  }

  /** Verifies; {@code watchIndex} ≥ 1 notes that ballot for a receipt check. */
  public static Outcome verify(Path path, Options opt, int watchIndex)
      throws UnreadableRecordException {
    try (RecordSource src = RecordSource.open(path)) {
      return verify(src, opt, watchIndex);
    } catch (IOException e) {
      throw new UnreadableRecordException("cannot close " + path + ": " + e.getMessage(), e);
    }
  }

  public static Outcome verify(RecordSource src, Options opt, int watchIndex)
      throws UnreadableRecordException {
    Report rep = new Report();
    ParsedRecord r = ParsedRecord.read(src, rep);
    Setup.Values v = Setup.run(r, rep); // V1, V3, V2
    // V4–V6: one streaming pass over ballots.ndjson
    BallotChecks ballots =
        new BallotChecks(
            v, rep, opt.naive() ? 1 : opt.threads(), opt.chunk(), opt.naive(), watchIndex);
    BallotChecks.Summary s;
    Progress bar = opt.progress() ? Progress.start(src.size(RecordFiles.BALLOTS)) : null;
    try (InputStream in = src.open(RecordFiles.BALLOTS)) {
      LongConsumer step = bar == null ? n -> {} : bar::step;
      s = ballots.run(in, step);
    } catch (IOException e) {
      throw new UnreadableRecordException(
          "cannot read " + RecordFiles.BALLOTS + ": " + e.getMessage(), e);
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    V7AggregateCheck.run(r, v, s, rep);
    V8DecryptionCheck.run(r, v, s, rep); // hands U's verified shares to V9
    V10ReportCheck.run(r, v, s, rep);
    V11RecordSignatureCheck.run(r, v, s.fileHash(), rep);
    V12ClosingCheck.run(r, v, s, rep);
    return new Outcome(rep, s, v, r);
  }

  /** A progress bar on the terminal, quiet otherwise. */
  static final class Progress implements AutoCloseable {
    private final me.tongfei.progressbar.ProgressBar bar;

    private Progress(me.tongfei.progressbar.ProgressBar bar) {
      this.bar = bar;
    }

    static Progress start(long bytes) {
      return new Progress(
          new me.tongfei.progressbar.ProgressBarBuilder()
              .setTaskName("ballots")
              .setInitialMax(Math.max(bytes, 1))
              .setUnit(" MiB", 1 << 20)
              .setUpdateIntervalMillis(250)
              .continuousUpdate()
              .build());
    }

    synchronized void step(long n) {
      bar.stepBy(n);
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
