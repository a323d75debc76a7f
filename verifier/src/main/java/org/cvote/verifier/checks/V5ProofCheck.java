package org.cvote.verifier.checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.board.ProofRef;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.RangeStatement;
import org.cvote.crypto.proof.RowStatementV2;
import org.cvote.verifier.report.Report;

/**
 * V5 (docs/protocol.md §11; §16.4 for ballot version 2): every proof of a ballot that has the
 * manifest's shape. Version 1: the option range proofs (0 or 1) and the row proof (Σ = 1); version
 * 2: one 4-branch row proof per row under the manifest's B. The fast path batches a chunk's proofs
 * ({@code addProofs} of crypto's ballot verifiers) and reports the batch's failures through {@link
 * #report}; the naive path checks one at a time. Thread-safe (the report is).
 */
final class V5ProofCheck {
  private final Setup.Values v;
  private final Report rep;

  V5ProofCheck(Setup.Values v, Report rep) {
    this.v = v;
    this.rep = rep;
  }

  /** A ballot whose proofs cannot be checked (broken setup or shape): one V5 failure naming why. */
  void unchecked(String at, String why) {
    rep.fail(CheckId.V5, at, why);
  }

  /** Counts {@code n} proofs added to a batch. */
  void batched(int n) {
    rep.count(CheckId.V5, n);
  }

  /**
   * Reports a verified batch's failures; returns the board indices of the ballots they belong to.
   */
  Set<Integer> report(BatchVerifier<ProofRef> batch) {
    Set<Integer> bad = new HashSet<>();
    if (batch.size() > 0) {
      for (ProofRef f : batch.failures()) {
        rep.fail(
            CheckId.V5, V4TokenCheck.line(f.index()) + " " + f.field(), "proof does not verify");
        bad.add(f.index());
      }
    }
    return bad;
  }

  /** Version 1, one proof at a time; returns false when one fails. */
  boolean naive(Ballot ballot, Digest tau, String at) {
    boolean ok = true;
    for (int i = 0; i < ballot.rows().size(); i++) {
      Ballot.Row r = ballot.rows().get(i);
      List<Ciphertext> parts = new ArrayList<>();
      Ciphertext sum = Ciphertext.ZERO;
      for (int j = 0; j < Labels.OPTIONS; j++) {
        Ballot.Option o = r.options().get(j);
        Ciphertext ct = new Ciphertext(o.alpha(), o.beta());
        parts.add(ct);
        sum = sum.add(ct);
        rep.count(CheckId.V5, 1);
        if (!o.proof()
            .verify(RangeStatement.of(v.q(), tau, Labels.option(i + 1, j), v.jointKey(), ct, 1))) {
          rep.fail(
              CheckId.V5,
              at + " rows[" + i + "].options[" + j + "].proof",
              "proof does not verify");
          ok = false;
        }
      }
      rep.count(CheckId.V5, 1);
      if (sum.alpha().isIdentity()
          || sum.beta().isIdentity()
          || !r.rowProof()
              .verify(
                  new RangeStatement(v.q(), tau, Labels.row(i + 1), v.jointKey(), sum, 1, parts))) {
        rep.fail(CheckId.V5, at + " rows[" + i + "].rowProof", "proof does not verify");
        ok = false;
      }
    }
    return ok;
  }

  /** Version 2, one row proof at a time; returns false when one fails. */
  boolean naiveV2(BallotV2 ballot, Digest tau, String at) {
    boolean ok = true;
    for (int i = 0; i < ballot.rows().size(); i++) {
      BallotV2.Row r = ballot.rows().get(i);
      rep.count(CheckId.V5, 1);
      if (!r.proof()
          .verify(
              new RowStatementV2(
                  v.q(),
                  tau,
                  BallotV2.label(i + 1),
                  v.encoding(),
                  v.jointKey(),
                  new Ciphertext(r.alpha(), r.beta())))) {
        rep.fail(CheckId.V5, at + " rows[" + i + "].proof", "row proof does not verify");
        ok = false;
      }
    }
    return ok;
  }
}
