package org.cvote.verifier.checks;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V8 (docs/protocol.md §11): the decryption set U (|U| ≥ t, distinct members of the committee) and
 * every partial decryption's Chaum–Pedersen proof against the member's public share and the
 * aggregate. Hands the verified shares of U to V9.
 */
public final class V8DecryptionCheck {
  private V8DecryptionCheck() {}

  public static void run(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
    DecryptionFile d = r.decryption();
    if (d == null) {
      rep.fail(
          CheckId.V8, "decryption.json", "cannot check: decryption.json did not decode (see V1)");
      rep.fail(
          CheckId.V9, "decryption.json", "cannot check: decryption.json did not decode (see V1)");
      return;
    }
    if (s.ballots() == 0) {
      rep.count(CheckId.V8, 1);
      if (!d.members().isEmpty() || !d.shares().isEmpty()) {
        rep.fail(CheckId.V8, "decryption.json", "with no ballot, members and shares must be []");
      }
      V9CountCheck.run(r, v, s, rep, null);
      return;
    }
    if (v.n() < 1 || v.q() == null || v.publicShares() == null || v.subjects() < 1) {
      rep.fail(
          CheckId.V8,
          "decryption.json",
          "cannot check: Q, the committee or the manifest is broken (see V1–V3)");
      rep.fail(
          CheckId.V9,
          "decryption.json",
          "cannot check: Q, the committee or the manifest is broken (see V1–V3)");
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
        rep.fail(
            CheckId.V8,
            "decryption.json members[" + k + "]",
            "member " + m + " is not in 1.." + v.n());
        uOk = false;
      } else if (!uSet.add(m)) {
        rep.fail(
            CheckId.V8,
            "decryption.json members[" + k + "]",
            "member " + m + " appears twice in U");
        uOk = false;
      }
    }
    if (uSet.size() < v.t()) {
      rep.fail(
          CheckId.V8,
          "decryption.json members",
          "|U| = " + uSet.size() + " is below the threshold t = " + v.t());
      uOk = false;
    }
    // shares: exactly one per (member of U, label)
    Map<String, DecryptionFile.Share> byKey = new HashMap<>();
    BatchVerifier<String> batch = new BatchVerifier<>(new SecureRandom());
    for (int k = 0; k < d.shares().size(); k++) {
      DecryptionFile.Share sh = d.shares().get(k);
      String at = "decryption.json shares[" + k + "]";
      int[] lab =
          v.encoding() != null
              ? RecordLabels.parseLabelV2(sh.label(), v.subjects())
              : RecordLabels.parseLabel(sh.label(), v.subjects());
      if (lab == null) {
        rep.fail(
            CheckId.V8,
            at + ".label",
            "'"
                + sh.label()
                + "' is not a label "
                + (v.encoding() != null ? "s<subject>" : "s<subject>/o<0|1|2>")
                + " of this poll");
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
      Ciphertext ao = RecordLabels.aggregateOf(r, lab[0], lab[1]);
      if (ao == null) {
        rep.fail(CheckId.V8, at, "no aggregate ciphertext for " + sh.label() + " (see V7)");
        continue;
      }
      batch.addDecryption(
          at + ".proof",
          new DecryptionProof.Statement(
              v.q(),
              sh.member(),
              sh.label(),
              v.publicShares().get(sh.member()),
              ao.alpha(),
              sh.m()),
          sh.proof());
    }
    for (int m : uSet) {
      for (String label : RecordLabels.labels(v)) {
        if (!byKey.containsKey(m + "|" + label)) {
          rep.fail(
              CheckId.V8, "decryption.json shares", "member " + m + " gives no share for " + label);
          uOk = false;
        }
      }
    }
    rep.count(CheckId.V8, batch.size());
    for (String f : batch.failures()) {
      rep.fail(CheckId.V8, f, "decryption proof does not verify");
    }
    V9CountCheck.run(r, v, s, rep, uOk ? new V9CountCheck.Combine(uSet, byKey) : null);
  }
}
