package org.cvote.verifier.checks;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.Flag;
import org.cvote.crypto.record.Percent;
import org.cvote.crypto.record.TallyFile;
import org.cvote.crypto.threshold.Lagrange;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.record.AggregateFileV2;
import org.cvote.crypto.threshold.PackedTally;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/** V7 (aggregate = Σ ballots), V8 (decryption proofs and U), V9 (counts) and V10 (report arithmetic). */
public final class TallyChecks {
    private TallyChecks() {}

    // ---------------- V7 ----------------
    public static void aggregate(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
        if (v.encoding() != null) {
            aggregateV2(r, v, s, rep);
            return;
        }
        AggregateFile agg = r.aggregate();
        if (agg == null) {
            rep.fail(CheckId.V7, "aggregate.json", "cannot check: aggregate.json did not decode (see V1)");
            return;
        }
        rep.count(CheckId.V7, 1);
        if (agg.count() != s.ballots()) {
            rep.fail(CheckId.V7, "aggregate.json count", "says " + agg.count() + " ballots; ballots.ndjson has " + s.ballots());
        }
        if (s.ballots() == 0) {
            if (!agg.rows().isEmpty()) {
                rep.fail(CheckId.V7, "aggregate.json rows", "must be [] when there is no ballot");
            }
            return;
        }
        if (v.subjects() < 1) {
            rep.fail(CheckId.V7, "aggregate.json", "cannot check: manifest.json broken (see V1)");
            return;
        }
        if (agg.rows().size() != v.subjects()) {
            rep.fail(CheckId.V7, "aggregate.json rows", "expected " + v.subjects() + " rows, got " + agg.rows().size());
            return;
        }
        for (int i = 0; i < v.subjects(); i++) {
            AggregateFile.Row row = agg.rows().get(i);
            if (row.subject() != i + 1) {
                rep.fail(CheckId.V7, "aggregate.json rows[" + i + "].subject", "expected " + (i + 1) + ", got " + row.subject());
            }
            if (row.options().size() != Labels.OPTIONS) {
                rep.fail(CheckId.V7, "aggregate.json rows[" + i + "].options", "expected 3 options, got " + row.options().size());
                continue;
            }
            for (int j = 0; j < Labels.OPTIONS; j++) {
                rep.count(CheckId.V7, 1);
                if (!s.sumsComplete() || !s.hasSums()) {
                    rep.fail(CheckId.V7, "aggregate.json rows[" + i + "].options[" + j + "]",
                            "cannot recompute: some ballot did not decode (see V1)");
                    continue;
                }
                Ciphertext mine = s.sum(i + 1, j);
                AggregateFile.Option o = row.options().get(j);
                if (!mine.alpha().equals(o.alpha()) || !mine.beta().equals(o.beta())) {
                    rep.fail(CheckId.V7, "aggregate.json rows[" + i + "].options[" + j + "]",
                            "differs from the sum of the ballots' ciphertexts for " + Labels.option(i + 1, j));
                }
            }
        }
    }

    /** V7 of a ballot version 2 record (docs/protocol.md §16.6): one (alpha, beta) per subject = Σ of the ballots' rows. */
    private static void aggregateV2(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
        AggregateFileV2 agg = r.aggregateV2();
        if (agg == null) {
            rep.fail(CheckId.V7, "aggregate.json", "cannot check: aggregate.json did not decode (see V1)");
            return;
        }
        rep.count(CheckId.V7, 1);
        if (agg.count() != s.ballots()) {
            rep.fail(CheckId.V7, "aggregate.json count", "says " + agg.count() + " ballots; ballots.ndjson has " + s.ballots());
        }
        if (s.ballots() == 0) {
            if (!agg.rows().isEmpty()) {
                rep.fail(CheckId.V7, "aggregate.json rows", "must be [] when there is no ballot");
            }
            return;
        }
        if (agg.rows().size() != v.subjects()) {
            rep.fail(CheckId.V7, "aggregate.json rows", "expected " + v.subjects() + " rows, got " + agg.rows().size());
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
                rep.fail(CheckId.V7, at, "differs from the sum of the ballots' rows for " + BallotV2.label(i + 1));
            }
        }
    }

    /** The aggregate ciphertext a share decrypts: (subject, option) in version 1, (subject, 0) = the row sum in version 2. */
    private static Ciphertext aggregateOf(ParsedRecord r, int subject, int option) {
        if (r.aggregateV2() != null) {
            List<AggregateFileV2.Row> rows = r.aggregateV2().rows();
            return subject >= 1 && subject <= rows.size() ? rows.get(subject - 1).ciphertext() : null;
        }
        AggregateFile.Option o = aggOption(r, subject, option);
        return o == null ? null : o.ciphertext();
    }

    /** The labels of a poll's decryption: s<i>/o<j> (version 1), s<i> (version 2, §16.6). */
    private static List<String> labels(Setup.Values v) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 1; i <= v.subjects(); i++) {
            if (v.encoding() != null) {
                out.add(BallotV2.label(i));
            } else {
                for (int j = 0; j < Labels.OPTIONS; j++) {
                    out.add(Labels.option(i, j));
                }
            }
        }
        return out;
    }

    /** "s3" → {3, 0} for a version 2 poll; null if not a label of this poll. */
    private static int[] parseLabelV2(String label, int subjects) {
        if (label == null || !label.matches("s[1-9][0-9]{0,8}")) {
            return null;
        }
        int s = Integer.parseInt(label.substring(1));
        return s <= subjects ? new int[] {s, 0} : null;
    }

    private static AggregateFile.Option aggOption(ParsedRecord r, int subject, int option) {
        if (r.aggregate() == null || subject < 1 || subject > r.aggregate().rows().size()) {
            return null;
        }
        AggregateFile.Row row = r.aggregate().rows().get(subject - 1);
        return option < row.options().size() ? row.options().get(option) : null;
    }

    /** "s3/o1" → {3, 1}; null if not a label of this poll. */
    private static int[] parseLabel(String label, int subjects) {
        if (label == null || !label.matches("s[1-9][0-9]{0,8}/o[0-2]")) {
            return null;
        }
        int slash = label.indexOf('/');
        int s = Integer.parseInt(label.substring(1, slash));
        int o = label.charAt(label.length() - 1) - '0';
        return s <= subjects ? new int[] {s, o} : null;
    }

    // ---------------- V8 and V9 ----------------
    public static void decryption(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
        DecryptionFile d = r.decryption();
        if (d == null) {
            rep.fail(CheckId.V8, "decryption.json", "cannot check: decryption.json did not decode (see V1)");
            rep.fail(CheckId.V9, "decryption.json", "cannot check: decryption.json did not decode (see V1)");
            return;
        }
        if (s.ballots() == 0) {
            rep.count(CheckId.V8, 1);
            if (!d.members().isEmpty() || !d.shares().isEmpty()) {
                rep.fail(CheckId.V8, "decryption.json", "with no ballot, members and shares must be []");
            }
            counts(r, v, s, rep, null);
            return;
        }
        if (v.n() < 1 || v.q() == null || v.publicShares() == null || v.subjects() < 1) {
            rep.fail(CheckId.V8, "decryption.json", "cannot check: Q, the committee or the manifest is broken (see V1–V3)");
            rep.fail(CheckId.V9, "decryption.json", "cannot check: Q, the committee or the manifest is broken (see V1–V3)");
            return;
        }
        // U
        List<Integer> u = d.members();
        Set<Integer> uSet = new HashSet<>();
        boolean uOk = true;
        rep.count(CheckId.V8, 1);
        for (int k = 0; k < u.size(); k++) {
            Integer m = u.get(k);
            if (m == null || m < 1 || m > v.n()) {
                rep.fail(CheckId.V8, "decryption.json members[" + k + "]", "member " + m + " is not in 1.." + v.n());
                uOk = false;
            } else if (!uSet.add(m)) {
                rep.fail(CheckId.V8, "decryption.json members[" + k + "]", "member " + m + " appears twice in U");
                uOk = false;
            }
        }
        if (uSet.size() < v.t()) {
            rep.fail(CheckId.V8, "decryption.json members", "|U| = " + uSet.size() + " is below the threshold t = " + v.t());
            uOk = false;
        }
        // shares: exactly one per (member of U, label)
        Map<String, DecryptionFile.Share> byKey = new HashMap<>();
        BatchVerifier<String> batch = new BatchVerifier<>(new SecureRandom());
        for (int k = 0; k < d.shares().size(); k++) {
            DecryptionFile.Share sh = d.shares().get(k);
            String at = "decryption.json shares[" + k + "]";
            int[] lab = v.encoding() != null ? parseLabelV2(sh.label(), v.subjects()) : parseLabel(sh.label(), v.subjects());
            if (lab == null) {
                rep.fail(CheckId.V8, at + ".label", "'" + sh.label() + "' is not a label " + (v.encoding() != null
                        ? "s<subject>" : "s<subject>/o<0|1|2>") + " of this poll");
                continue;
            }
            if (!uSet.contains(sh.member())) {
                rep.fail(CheckId.V8, at + ".member", "member " + sh.member() + " is not in U");
                continue;
            }
            if (byKey.putIfAbsent(sh.member() + "|" + sh.label(), sh) != null) {
                rep.fail(CheckId.V8, at, "second share of member " + sh.member() + " for " + sh.label());
                continue;
            }
            Ciphertext ao = aggregateOf(r, lab[0], lab[1]);
            if (ao == null) {
                rep.fail(CheckId.V8, at, "no aggregate ciphertext for " + sh.label() + " (see V7)");
                continue;
            }
            batch.addDecryption(at + ".proof", new DecryptionProof.Statement(v.q(), sh.member(), sh.label(),
                    v.publicShares().get(sh.member()), ao.alpha(), sh.m()), sh.proof());
        }
        for (int m : uSet) {
            for (String label : labels(v)) {
                if (!byKey.containsKey(m + "|" + label)) {
                    rep.fail(CheckId.V8, "decryption.json shares", "member " + m + " gives no share for " + label);
                    uOk = false;
                }
            }
        }
        rep.count(CheckId.V8, batch.size());
        for (String f : batch.failures()) {
            rep.fail(CheckId.V8, f, "decryption proof does not verify");
        }
        counts(r, v, s, rep, uOk ? new Combine(uSet, byKey) : null);
    }

    private record Combine(Set<Integer> u, Map<String, DecryptionFile.Share> shares) {}

    private static void counts(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep, Combine c) {
        TallyFile t = r.tally();
        if (t == null) {
            rep.fail(CheckId.V9, "tally.json", "cannot check: tally.json did not decode (see V1)");
            return;
        }
        if (v.subjects() < 1 || t.results().size() != v.subjects()) {
            rep.fail(CheckId.V9, "tally.json results", "cannot check: results do not match the manifest's subjects (see V10)");
            return;
        }
        if (s.ballots() == 0) {
            for (int i = 0; i < v.subjects(); i++) {
                List<Long> cs = t.results().get(i).counts();
                for (int j = 0; j < cs.size(); j++) {
                    rep.count(CheckId.V9, 1);
                    if (cs.get(j) != 0) {
                        rep.fail(CheckId.V9, "tally.json results[" + i + "].counts[" + j + "]", "with no ballot every count is 0");
                    }
                }
            }
            return;
        }
        if (c == null) {
            rep.fail(CheckId.V9, "decryption.json", "cannot combine: the decryption set or its shares are incomplete (see V8)");
            return;
        }
        if (v.encoding() != null) {
            countsV2(r, v, s, rep, c);
            return;
        }
        Map<Integer, Scalar> w = Lagrange.coefficients(c.u());
        for (int i = 0; i < v.subjects(); i++) {
            TallyFile.Result res = t.results().get(i);
            for (int j = 0; j < Labels.OPTIONS; j++) {
                String at = "tally.json results[" + i + "].counts[" + j + "]";
                rep.count(CheckId.V9, 1);
                AggregateFile.Option ao = aggOption(r, i + 1, j);
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

    // ---------------- V10 ----------------
    /**
     * V9 of a ballot version 2 record (docs/protocol.md §16.7): per subject, counts ≥ 0 with n_H + n_M + n_L ≤ N and
     * (n_H + n_M·B + n_L·B²)·G = β − Σ w_ℓ·M_ℓ. No discrete logarithm: the counts are given and have one packing.
     */
    private static void countsV2(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep, Combine c) {
        for (int i = 0; i < v.subjects(); i++) {
            String at = "tally.json results[" + i + "].counts";
            rep.count(CheckId.V9, 1);
            TallyFile.Result res = r.tally().results().get(i);
            Ciphertext agg = aggregateOf(r, i + 1, 0);
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
                rep.fail(CheckId.V9, at, s.ballots() + " ballots do not fit below B = " + v.encoding().base() + " (see V10)");
            } else if (!PackedTally.countsHold(v.encoding(), (int) s.ballots(), counts, agg.beta(), partials)) {
                rep.fail(CheckId.V9, at, "(n_H + n_M·B + n_L·B²)·G ≠ β − Σ w_ℓ·M_ℓ for " + label + " with counts "
                        + res.counts() + " and B = " + v.encoding().base() + " (or more marks than ballots)");
            }
        }
    }

    public static void report(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
        try {
            reportExact(r, v, s, rep);
        } catch (ArithmeticException e) {
            rep.fail(CheckId.V10, "tally.json", "a figure is out of range (" + e.getMessage() + ")");
        }
    }

    private static void reportExact(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
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
        check(rep, c == s.ballots(), "tally.json collected", "collected = " + c + " but ballots.ndjson has " + s.ballots() + " ballots");
        check(rep, t.summoned() >= 0 && t.present() >= 0 && t.absentFromStart() >= 0 && t.presentAtVoting() >= 0
                && t.issued() >= 0 && c >= 0, "tally.json", "attendance figures must be ≥ 0");
        check(rep, Math.addExact(t.present(), t.absentFromStart()) == t.summoned(), "tally.json present, absentFromStart",
                "present + absentFromStart = " + (t.present() + t.absentFromStart()) + " ≠ summoned = " + t.summoned());
        check(rep, t.presentAtVoting() <= t.present(), "tally.json presentAtVoting",
                "presentAtVoting = " + t.presentAtVoting() + " > present = " + t.present());
        check(rep, t.presentAtVoting() >= t.issued(), "tally.json issued",
                "issued = " + t.issued() + " > presentAtVoting = " + t.presentAtVoting());
        check(rep, t.issued() >= c, "tally.json collected", "collected = " + c + " > issued = " + t.issued());
        if (v.encoding() != null) {
            check(rep, v.encoding().base() == Math.addExact(t.summoned(), 1L), "manifest.json base",
                    "B = " + v.encoding().base() + " but summoned + 1 = " + (t.summoned() + 1) + " (docs/protocol.md §16.1)");
        }
        check(rep, Math.multiplyExact(3L, t.present()) >= Math.multiplyExact(2L, t.summoned()), "tally.json present",
                "quorum not met: 3·present = " + 3 * t.present() + " < 2·summoned = " + 2 * t.summoned());
        if (v.subjects() < 1) {
            rep.fail(CheckId.V10, "tally.json results", "cannot check: manifest.json broken (see V1)");
            return;
        }
        check(rep, t.results().size() == v.subjects(), "tally.json results",
                "expected " + v.subjects() + " results (one per subject), got " + t.results().size());
        for (int i = 0; i < Math.min(v.subjects(), t.results().size()); i++) {
            TallyFile.Result res = t.results().get(i);
            String at = "tally.json results[" + i + "]";
            check(rep, res.subject() == i + 1, at + ".subject", "expected subject " + (i + 1) + ", got " + res.subject());
            if (res.counts().size() != Labels.OPTIONS || res.percent().size() != Labels.OPTIONS) {
                rep.fail(CheckId.V10, at, "counts and percent must have 3 entries (HIGH, MID, LOW)");
                continue;
            }
            boolean neg = res.counts().stream().anyMatch(x -> x == null || x < 0) || res.valid() < 0;
            if (neg) {
                rep.fail(CheckId.V10, at, "counts and valid must be ≥ 0");
                continue;
            }
            long sum = Math.addExact(Math.addExact(res.counts().get(0), res.counts().get(1)), res.counts().get(2));
            check(rep, res.valid() == sum, at + ".valid", "valid = " + res.valid() + " ≠ Σ counts = " + sum);
            check(rep, res.valid() <= c, at + ".valid", "valid = " + res.valid() + " > collected = " + c);
            if (c >= 0) {
                for (int j = 0; j < Labels.OPTIONS; j++) {
                    String want = Percent.of(res.counts().get(j), Math.max(c, 0));
                    check(rep, want.equals(res.percent().get(j)), at + ".percent[" + j + "]",
                            "'" + res.percent().get(j) + "' but 100·" + res.counts().get(j) + "/" + c + " rounded half-up is " + want);
                }
                Flag want = Flag.of(res.counts().get(2), Math.max(c, 0));
                check(rep, want == res.flag(), at + ".flag", res.flag() + " but " + res.counts().get(2) + " low of " + c
                        + " collected gives " + want);
            }
            String name = "";
            String pos = "";
            String unit = "";
            if (r.manifest() != null && i < r.manifest().subjects().size()) {
                name = r.manifest().subjects().get(i).name();
                pos = r.manifest().subjects().get(i).position();
                unit = r.manifest().subjects().get(i).unit();
            }
            rep.addResult(new Report.ResultRow(i + 1, name, pos, unit, res.valid(), res.counts(), res.percent(), res.flag().name()));
        }
    }

    private static void check(Report rep, boolean ok, String item, String message) {
        rep.count(CheckId.V10, 1);
        if (!ok) {
            rep.fail(CheckId.V10, item, message);
        }
    }

}
