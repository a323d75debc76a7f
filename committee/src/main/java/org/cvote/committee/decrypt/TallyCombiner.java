package org.cvote.committee.decrypt;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.decrypt.PartialRejection.Reason;
import org.cvote.committee.identity.PublicKeys;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.threshold.DiscreteLog;
import org.cvote.crypto.threshold.Lagrange;

/**
 * The server's tally (docs/protocol.md §9.3), pure logic: checks each member's partial decryption
 * (signature over the closed board's N and T_N, that head being the closing statement's, every
 * label present once, every DLEQ proof against the member's public share and the server's own
 * aggregate), rejects the bad ones while the others still count, combines all valid ones (any ≥ t)
 * with Lagrange coefficients and solves each count by baby-step giant-step in [0, ballots
 * collected]. The server never holds a secret share.
 */
public final class TallyCombiner {
  private TallyCombiner() {}

  /**
   * Checks one partial decryption; null when valid, else the reason's message (see {@link
   * #rejection}).
   */
  public static String check(
      Digest q,
      Digest head,
      CeremonyResult committee,
      AggregateFile aggregate,
      PartialDecryption p,
      SecureRandom rng) {
    PartialRejection r = rejection(q, head, committee, aggregate, p, rng);
    return r == null ? null : r.message();
  }

  /**
   * Checks one partial decryption; null when valid, else why it is refused. The server calls this
   * when the member posts, to answer 4xx at once.
   */
  public static PartialRejection rejection(
      Digest q,
      Digest head,
      CeremonyResult committee,
      AggregateFile aggregate,
      PartialDecryption p,
      SecureRandom rng) {
    Objects.requireNonNull(head, "closing head");
    Objects.requireNonNull(p, "partial decryption");
    int i = p.member();
    if (i < 1 || i > committee.n()) {
      return new PartialRejection(
          Reason.NOT_ON_COMMITTEE, "member " + i + " is not on the committee");
    }
    if (!PublicKeys.verify(
        committee.signingKey(i),
        PartialDecryption.payload(q, i, p.count(), p.head(), p.shares()).bytes(),
        p.signature())) {
      return new PartialRejection(
          Reason.BAD_SIGNATURE, "signature does not verify under member " + i + "'s key");
    }
    if (p.count() != aggregate.count()) {
      return new PartialRejection(
          Reason.WRONG_COUNT,
          "decrypts an aggregate of " + p.count() + " ballots; the board has " + aggregate.count());
    }
    if (!p.head().equals(head)) {
      return new PartialRejection(
          Reason.WRONG_HEAD,
          "signs another board (head "
              + p.head().toHex()
              + "); the closing statement's head is "
              + head.toHex());
    }
    List<String> labels = aggregate.labels();
    if (p.shares().size() != labels.size()) {
      return new PartialRejection(
          Reason.WRONG_SHARES,
          "expected " + labels.size() + " shares (one per label), got " + p.shares().size());
    }
    Point share = committee.publicShare(i);
    BatchVerifier<String> bv = new BatchVerifier<>(rng);
    for (int k = 0; k < labels.size(); k++) {
      DecryptionFile.Share d = p.shares().get(k);
      if (d.member() != i || !d.label().equals(labels.get(k))) {
        return new PartialRejection(
            Reason.WRONG_SHARES,
            "share " + k + " must be member " + i + "'s for label " + labels.get(k));
      }
      int subject = k / Labels.OPTIONS + 1;
      Ciphertext ct = aggregate.at(subject, k % Labels.OPTIONS);
      bv.addDecryption(
          d.label(),
          new DecryptionProof.Statement(q, i, d.label(), share, ct.alpha(), d.m()),
          d.proof());
    }
    List<String> bad = bv.failures();
    return bad.isEmpty()
        ? null
        : new PartialRejection(
            Reason.BAD_PROOF, "decryption proof fails for " + String.join(", ", bad));
  }

  /**
   * Combines every valid partial decryption; fewer than t valid ones is a {@link
   * NotEnoughSharesException} naming who was accepted and why the others were rejected. A later
   * partial from the same member replaces an earlier one only if the earlier one was invalid.
   */
  public static TallyResult combine(
      Digest q,
      Digest head,
      CeremonyResult committee,
      AggregateFile aggregate,
      List<PartialDecryption> partials,
      SecureRandom rng)
      throws NotEnoughSharesException {
    Map<Integer, PartialDecryption> good = new TreeMap<>();
    Map<Integer, String> rejected = new LinkedHashMap<>();
    for (PartialDecryption p : partials) {
      if (good.containsKey(p.member())) {
        continue;
      }
      String problem = check(q, head, committee, aggregate, p, rng);
      if (problem == null) {
        good.put(p.member(), p);
        rejected.remove(p.member());
      } else {
        rejected.put(p.member(), problem);
      }
    }
    if (aggregate.count() == 0) {
      return new TallyResult(
          0, zeros(aggregate), new DecryptionFile(List.of(), List.of()), List.of(), rejected);
    }
    if (good.size() < committee.t()) {
      StringBuilder sb =
          new StringBuilder(
              "cannot tally: need t = "
                  + committee.t()
                  + " valid partial decryptions, have "
                  + good.size()
                  + (good.isEmpty() ? "" : " (members " + good.keySet() + ")"));
      rejected.forEach(
          (m, why) -> sb.append("; member ").append(m).append(" rejected: ").append(why));
      throw new NotEnoughSharesException(sb.toString());
    }
    Map<Integer, Scalar> w = Lagrange.coefficients(good.keySet());
    List<long[]> counts = new ArrayList<>();
    List<DecryptionFile.Share> all = new ArrayList<>();
    int labels = aggregate.labels().size();
    for (AggregateFile.Row r : aggregate.rows()) {
      long[] c = new long[Labels.OPTIONS];
      for (int j = 0; j < Labels.OPTIONS; j++) {
        int k = (r.subject() - 1) * Labels.OPTIONS + j;
        PointSum sum = new PointSum();
        for (var e : good.entrySet()) {
          sum.add(e.getValue().shares().get(k).m().multiply(w.get(e.getKey())));
        }
        Point target = r.options().get(j).ciphertext().beta().subtract(sum.result());
        try {
          c[j] = DiscreteLog.solve(target, aggregate.count());
        } catch (DiscreteLog.OutOfBoundException e) {
          throw new IllegalStateException(
              "label "
                  + Labels.option(r.subject(), j)
                  + ": verified partial decryptions do not combine to a count in [0, "
                  + aggregate.count()
                  + "]",
              e);
        }
      }
      counts.add(c);
    }
    List<org.cvote.crypto.record.PartialSignature> signatures = new ArrayList<>();
    for (PartialDecryption p : good.values()) {
      all.addAll(p.shares());
      signatures.add(p.recordSignature());
    }
    if (all.size() != labels * good.size()) {
      throw new IllegalStateException("share count mismatch");
    }
    return new TallyResult(
        aggregate.count(),
        counts,
        new DecryptionFile(List.copyOf(good.keySet()), all),
        signatures,
        rejected);
  }

  private static List<long[]> zeros(AggregateFile a) {
    return List.of();
  }
}
