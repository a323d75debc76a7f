package org.cvote.verifier.checks;

import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.record.CommitteeHashes;
import org.cvote.crypto.threshold.Feldman;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V3 (docs/protocol.md §11): the committee: γ, commit hashes, Schnorr proofs, K = Σ K_i0 and the
 * public shares S_i. Gathers K and the public shares.
 */
final class V3CommitteeCheck {
  private V3CommitteeCheck() {}

  static void run(ParsedRecord r, Report rep, Setup.Builder v) {
    if (r.committee() == null || r.manifest() == null || v.n < 1) {
      rep.fail(
          CheckId.V3,
          "committee.json",
          "cannot check: committee.json, manifest.json or context.json did not decode (see V1)");
      return;
    }
    List<CommitteeFile.Member> ms = r.committee().members();
    List<CommitteeHashes.MemberKeys> keys = new ArrayList<>();
    for (CommitteeFile.Member m : ms) {
      keys.add(new CommitteeHashes.MemberKeys(m.hpkePublicKey(), m.signingPublicKey()));
    }
    Digest gamma = CommitteeHashes.ceremonyId(v.pollId, v.t, keys);
    rep.count(CheckId.V3, 1);
    if (!gamma.equals(r.committee().ceremonyId())) {
      rep.fail(
          CheckId.V3,
          "committee.json ceremonyId",
          "γ recomputed from pollId, n, t and the members' keys is " + gamma.toHex());
    }
    List<List<Point>> all = new ArrayList<>();
    org.cvote.crypto.proof.BatchVerifier<String> batch =
        new org.cvote.crypto.proof.BatchVerifier<>(new java.security.SecureRandom());
    for (int i = 0; i < ms.size(); i++) {
      CommitteeFile.Member m = ms.get(i);
      all.add(m.commitments());
      rep.count(CheckId.V3, 1);
      if (!CommitteeHashes.commitHash(gamma, i + 1, m.commitments()).equals(m.commitHash())) {
        rep.fail(
            CheckId.V3,
            "committee.json members[" + i + "].commitHash",
            "does not match member " + (i + 1) + "'s commitments");
      }
      for (int j = 0; j < m.commitments().size(); j++) {
        batch.addSchnorr(
            "committee.json members[" + i + "].proofs[" + j + "]",
            gamma,
            i + 1,
            j,
            m.commitments().get(j),
            m.proofs().get(j));
      }
    }
    rep.count(CheckId.V3, batch.size());
    for (String f : batch.failures()) {
      rep.fail(CheckId.V3, f, "Schnorr proof does not verify");
    }
    Point k = Feldman.jointKey(all);
    rep.count(CheckId.V3, 1);
    if (k.isIdentity()) {
      rep.fail(CheckId.V3, "committee.json", "K = Σ K_i0 is the identity");
      return;
    }
    v.jointKey = k;
    if (r.context() != null && !k.equals(r.context().jointKey())) {
      rep.fail(CheckId.V3, "context.json jointKey", "differs from K = Σ K_i0 of committee.json");
    }
    v.publicShares = new Point[ms.size() + 1];
    for (int i = 0; i < ms.size(); i++) {
      Point s = Feldman.publicShare(all, i + 1);
      v.publicShares[i + 1] = s;
      rep.count(CheckId.V3, 1);
      if (!s.equals(ms.get(i).publicShare())) {
        rep.fail(
            CheckId.V3,
            "committee.json members[" + i + "].publicShare",
            "differs from S_" + (i + 1) + " = Σ_i Σ_j " + (i + 1) + "^j·K_ij");
      }
    }
  }
}
