package org.cvote.verifier.checks;

import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.record.Flag;
import org.cvote.crypto.record.Percent;
import org.cvote.crypto.record.TallyFile;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V10 (docs/protocol.md §11): the report's arithmetic and attendance: collected = ballots, present
 * + absentFromStart = summoned, quorum, percentages and flags recomputed; fills the report's result
 * rows.
 */
public final class V10ReportCheck {
  private V10ReportCheck() {}

  public static void run(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
    try {
      reportExact(r, v, s, rep);
    } catch (ArithmeticException e) {
      rep.fail(CheckId.V10, "tally.json", "a figure is out of range (" + e.getMessage() + ")");
    }
  }

  private static void reportExact(
      ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
    TallyFile t = r.tally();
    if (t == null) {
      rep.fail(CheckId.V10, "tally.json", "cannot check: tally.json did not decode (see V1)");
      return;
    }
    rep.figure("summoned", t.summoned());
    rep.figure("present", t.present());
    rep.figure("absentFromStart", t.absentFromStart());
    rep.figure("presentAtVoting", t.presentAtVoting());
    rep.figure("issued", t.issued());
    rep.figure("collected", t.collected());
    long c = t.collected();
    check(
        rep,
        c == s.ballots(),
        "tally.json collected",
        "collected = " + c + " but ballots.ndjson has " + s.ballots() + " ballots");
    check(
        rep,
        t.summoned() >= 0
            && t.present() >= 0
            && t.absentFromStart() >= 0
            && t.presentAtVoting() >= 0
            && t.issued() >= 0
            && c >= 0,
        "tally.json",
        "attendance figures must be ≥ 0");
    check(
        rep,
        Math.addExact(t.present(), t.absentFromStart()) == t.summoned(),
        "tally.json present, absentFromStart",
        "present + absentFromStart = "
            + (t.present() + t.absentFromStart())
            + " ≠ summoned = "
            + t.summoned());
    check(
        rep,
        t.presentAtVoting() <= t.present(),
        "tally.json presentAtVoting",
        "presentAtVoting = " + t.presentAtVoting() + " > present = " + t.present());
    check(
        rep,
        t.presentAtVoting() >= t.issued(),
        "tally.json issued",
        "issued = " + t.issued() + " > presentAtVoting = " + t.presentAtVoting());
    check(
        rep,
        t.issued() >= c,
        "tally.json collected",
        "collected = " + c + " > issued = " + t.issued());
    if (v.encoding() != null) {
      check(
          rep,
          v.encoding().base() == Math.addExact(t.summoned(), 1L),
          "manifest.json base",
          "B = "
              + v.encoding().base()
              + " but summoned + 1 = "
              + (t.summoned() + 1)
              + " (docs/protocol.md §16.1)");
    }
    check(
        rep,
        Math.multiplyExact(3L, t.present()) >= Math.multiplyExact(2L, t.summoned()),
        "tally.json present",
        "quorum not met: 3·present = " + 3 * t.present() + " < 2·summoned = " + 2 * t.summoned());
    if (v.subjects() < 1) {
      rep.fail(CheckId.V10, "tally.json results", "cannot check: manifest.json broken (see V1)");
      return;
    }
    check(
        rep,
        t.results().size() == v.subjects(),
        "tally.json results",
        "expected " + v.subjects() + " results (one per subject), got " + t.results().size());
    for (int i = 0; i < Math.min(v.subjects(), t.results().size()); i++) {
      TallyFile.Result res = t.results().get(i);
      String at = "tally.json results[" + i + "]";
      check(
          rep,
          res.subject() == i + 1,
          at + ".subject",
          "expected subject " + (i + 1) + ", got " + res.subject());
      if (res.counts().size() != Labels.OPTIONS || res.percent().size() != Labels.OPTIONS) {
        rep.fail(CheckId.V10, at, "counts and percent must have 3 entries (HIGH, MID, LOW)");
        continue;
      }
      boolean neg = res.counts().stream().anyMatch(x -> x == null || x < 0) || res.valid() < 0;
      if (neg) {
        rep.fail(CheckId.V10, at, "counts and valid must be ≥ 0");
        continue;
      }
      long sum =
          Math.addExact(
              Math.addExact(res.counts().get(0), res.counts().get(1)), res.counts().get(2));
      check(
          rep,
          res.valid() == sum,
          at + ".valid",
          "valid = " + res.valid() + " ≠ Σ counts = " + sum);
      check(rep, res.valid() <= c, at + ".valid", "valid = " + res.valid() + " > collected = " + c);
      if (c >= 0) {
        for (int j = 0; j < Labels.OPTIONS; j++) {
          String want = Percent.of(res.counts().get(j), Math.max(c, 0));
          check(
              rep,
              want.equals(res.percent().get(j)),
              at + ".percent[" + j + "]",
              "'"
                  + res.percent().get(j)
                  + "' but 100·"
                  + res.counts().get(j)
                  + "/"
                  + c
                  + " rounded half-up is "
                  + want);
        }
        Flag want = Flag.of(res.counts().get(2), Math.max(c, 0));
        check(
            rep,
            want == res.flag(),
            at + ".flag",
            res.flag()
                + " but "
                + res.counts().get(2)
                + " low of "
                + c
                + " collected gives "
                + want);
      }
      String name = "";
      String pos = "";
      String unit = "";
      if (r.manifest() != null && i < r.manifest().subjects().size()) {
        name = r.manifest().subjects().get(i).name();
        pos = r.manifest().subjects().get(i).position();
        unit = r.manifest().subjects().get(i).unit();
      }
      rep.addResult(
          new Report.ResultRow(
              i + 1, name, pos, unit, res.valid(), res.counts(), res.percent(), res.flag().name()));
    }
  }

  private static void check(Report rep, boolean ok, String item, String message) {
    rep.count(CheckId.V10, 1);
    if (!ok) {
      rep.fail(CheckId.V10, item, message);
    }
  }
}
