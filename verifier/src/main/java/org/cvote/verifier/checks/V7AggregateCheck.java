package org.cvote.verifier.checks;

import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.AggregateFileV2;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V7 (docs/protocol.md §11, §16.6): aggregate.json = Σ of the accepted ballots' ciphertexts, per
 * subject and option (version 1) or per subject (version 2), and its count = the number of ballots.
 */
public final class V7AggregateCheck {
  private V7AggregateCheck() {}

  public static void run(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
    if (v.encoding() != null) {
      aggregateV2(r, v, s, rep);
      return;
    }
    AggregateFile agg = r.aggregate();
    if (!countAndRows(
        agg == null, agg == null ? 0 : agg.count(), agg == null || agg.rows().isEmpty(), s, rep)) {
      return;
    }
    if (v.subjects() < 1) {
      rep.fail(CheckId.V7, "aggregate.json", "cannot check: manifest.json broken (see V1)");
      return;
    }
    if (agg.rows().size() != v.subjects()) {
      rep.fail(
          CheckId.V7,
          "aggregate.json rows",
          "expected " + v.subjects() + " rows, got " + agg.rows().size());
      return;
    }
    for (int i = 0; i < v.subjects(); i++) {
      AggregateFile.Row row = agg.rows().get(i);
      if (row.subject() != i + 1) {
        rep.fail(
            CheckId.V7,
            "aggregate.json rows[" + i + "].subject",
            "expected " + (i + 1) + ", got " + row.subject());
      }
      if (row.options().size() != Labels.OPTIONS) {
        rep.fail(
            CheckId.V7,
            "aggregate.json rows[" + i + "].options",
            "expected 3 options, got " + row.options().size());
        continue;
      }
      for (int j = 0; j < Labels.OPTIONS; j++) {
        rep.count(CheckId.V7, 1);
        if (!s.sumsComplete() || !s.hasSums()) {
          rep.fail(
              CheckId.V7,
              "aggregate.json rows[" + i + "].options[" + j + "]",
              "cannot recompute: some ballot did not decode (see V1)");
          continue;
        }
        Ciphertext mine = s.sum(i + 1, j);
        AggregateFile.Option o = row.options().get(j);
        if (!mine.alpha().equals(o.alpha()) || !mine.beta().equals(o.beta())) {
          rep.fail(
              CheckId.V7,
              "aggregate.json rows[" + i + "].options[" + j + "]",
              "differs from the sum of the ballots' ciphertexts for " + Labels.option(i + 1, j));
        }
      }
    }
  }

  /**
   * V7 of a ballot version 2 record (docs/protocol.md §16.6): one (alpha, beta) per subject = Σ of
   * the ballots' rows.
   */
  private static void aggregateV2(
      ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
    AggregateFileV2 agg = r.aggregateV2();
    if (!countAndRows(
        agg == null, agg == null ? 0 : agg.count(), agg == null || agg.rows().isEmpty(), s, rep)) {
      return;
    }
    if (agg.rows().size() != v.subjects()) {
      rep.fail(
          CheckId.V7,
          "aggregate.json rows",
          "expected " + v.subjects() + " rows, got " + agg.rows().size());
      return;
    }
    for (int i = 0; i < v.subjects(); i++) {
      AggregateFileV2.Row row = agg.rows().get(i);
      String at = "aggregate.json rows[" + i + "]";
      rep.count(CheckId.V7, 1);
      if (row.subject() != i + 1) {
        rep.fail(CheckId.V7, at + ".subject", "expected " + (i + 1) + ", got " + row.subject());
      }
      if (!s.sumsComplete() || !s.hasSums()) {
        rep.fail(CheckId.V7, at, "cannot recompute: some ballot did not decode (see V1)");
        continue;
      }
      Ciphertext mine = s.sum(i + 1, 0);
      if (!mine.alpha().equals(row.alpha()) || !mine.beta().equals(row.beta())) {
        rep.fail(
            CheckId.V7,
            at,
            "differs from the sum of the ballots' rows for " + BallotV2.label(i + 1));
      }
    }
  }

  /**
   * What V7 checks alike for both ballot versions: aggregate.json decoded, its count is the number
   * of ballots, and it has no rows when there is no ballot. False when nothing more can be checked.
   */
  private static boolean countAndRows(
      boolean broken, long count, boolean noRows, BallotChecks.Summary s, Report rep) {
    if (broken) {
      rep.fail(
          CheckId.V7, "aggregate.json", "cannot check: aggregate.json did not decode (see V1)");
      return false;
    }
    rep.count(CheckId.V7, 1);
    if (count != s.ballots()) {
      rep.fail(
          CheckId.V7,
          "aggregate.json count",
          "says " + count + " ballots; ballots.ndjson has " + s.ballots());
    }
    if (s.ballots() == 0) {
      if (!noRows) {
        rep.fail(CheckId.V7, "aggregate.json rows", "must be [] when there is no ballot");
      }
      return false;
    }
    return true;
  }
}
