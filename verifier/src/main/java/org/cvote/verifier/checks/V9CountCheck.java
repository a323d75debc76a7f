package org.cvote.verifier.checks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.TallyFile;
import org.cvote.crypto.threshold.Lagrange;
import org.cvote.crypto.threshold.PackedTally;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V9 (docs/protocol.md §11, §16.7): the counts of tally.json against the aggregate and the verified
 * partial decryptions: m·G = β − Σ w_ℓ·M_ℓ (version 1) or the packed counts (version 2).
 */
final class V9CountCheck {
  private V9CountCheck() {}

  /**
   * What V8 verified: the decryption set U and its shares keyed "member|label"; null when V8
   * failed.
   */
  record Combine(Set<Integer> u, Map<String, DecryptionFile.Share> shares) {}

  static void run(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep, Combine c) {
    TallyFile t = r.tally();
    if (t == null) {
      rep.fail(CheckId.V9, "tally.json", "cannot check: tally.json did not decode (see V1)");
      return;
    }
    if (v.subjects() < 1 || t.results().size() != v.subjects()) {
      rep.fail(
          CheckId.V9,
          "tally.json results",
          "cannot check: results do not match the manifest's subjects (see V10)");
      return;
    }
    if (s.ballots() == 0) {
      for (int i = 0; i < v.subjects(); i++) {
        List<Long> cs = t.results().get(i).counts();
        for (int j = 0; j < cs.size(); j++) {
          rep.count(CheckId.V9, 1);
          if (cs.get(j) != 0) {
            rep.fail(
                CheckId.V9,
                "tally.json results[" + i + "].counts[" + j + "]",
                "with no ballot every count is 0");
          }
        }
      }
      return;
    }
    if (c == null) {
      rep.fail(
          CheckId.V9,
          "decryption.json",
          "cannot combine: the decryption set or its shares are incomplete (see V8)");
      return;
    }
    if (v.encoding() != null) {
      runV2(r, v, s, rep, c);
      return;
    }
    Map<Integer, Scalar> w = Lagrange.coefficients(c.u());
    for (int i = 0; i < v.subjects(); i++) {
      TallyFile.Result res = t.results().get(i);
      for (int j = 0; j < Labels.OPTIONS; j++) {
        String at = "tally.json results[" + i + "].counts[" + j + "]";
        rep.count(CheckId.V9, 1);
        AggregateFile.Option ao = RecordLabels.aggOption(r, i + 1, j);
        if (ao == null || res.counts().size() != Labels.OPTIONS) {
          rep.fail(CheckId.V9, at, "cannot check: no aggregate or no count (see V7, V10)");
          continue;
        }
        Long mm = res.counts().get(j);
        long m = mm == null ? -1 : mm;
        if (m < 0 || m > s.ballots()) {
          rep.fail(CheckId.V9, at, "count " + m + " is outside 0.." + s.ballots());
          continue;
        }
        Point acc = Point.IDENTITY;
        String label = Labels.option(i + 1, j);
        for (int mem : c.u()) {
          acc = acc.add(c.shares().get(mem + "|" + label).m().multiply(w.get(mem)));
        }
        Point target = ao.beta().subtract(acc);
        if (!target.equals(Point.baseMul(m))) {
          rep.fail(CheckId.V9, at, "m·G ≠ β − Σ w_ℓ·M_ℓ for " + label + " with m = " + m);
        }
      }
    }
  }

  /**
   * V9 of a ballot version 2 record (docs/protocol.md §16.7): per subject, counts ≥ 0 with n_H +
   * n_M + n_L ≤ N and (n_H + n_M·B + n_L·B²)·G = β − Σ w_ℓ·M_ℓ. No discrete logarithm: the counts
   * are given and have one packing.
   */
  private static void runV2(
      ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep, Combine c) {
    for (int i = 0; i < v.subjects(); i++) {
      String at = "tally.json results[" + i + "].counts";
      rep.count(CheckId.V9, 1);
      TallyFile.Result res = r.tally().results().get(i);
      Ciphertext agg = RecordLabels.aggregateOf(r, i + 1, 0);
      if (agg == null || res.counts().size() != Labels.OPTIONS) {
        rep.fail(CheckId.V9, at, "cannot check: no aggregate or no counts (see V7, V10)");
        continue;
      }
      String label = BallotV2.label(i + 1);
      Map<Integer, Point> partials = new java.util.TreeMap<>();
      for (int mem : c.u()) {
        partials.put(mem, c.shares().get(mem + "|" + label).m());
      }
      long[] counts = {res.counts().get(0), res.counts().get(1), res.counts().get(2)};
      if (s.ballots() >= v.encoding().base()) {
        rep.fail(
            CheckId.V9,
            at,
            s.ballots() + " ballots do not fit below B = " + v.encoding().base() + " (see V10)");
      } else if (!PackedTally.countsHold(
          v.encoding(), (int) s.ballots(), counts, agg.beta(), partials)) {
        rep.fail(
            CheckId.V9,
            at,
            "(n_H + n_M·B + n_L·B²)·G ≠ β − Σ w_ℓ·M_ℓ for "
                + label
                + " with counts "
                + res.counts()
                + " and B = "
                + v.encoding().base()
                + " (or more marks than ballots)");
      }
    }
  }
}
