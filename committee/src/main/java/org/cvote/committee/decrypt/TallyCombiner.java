package org.cvote.committee.decrypt;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.decrypt.PartialRejection.Reason;
import org.cvote.committee.identity.PublicKeys;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.DiscreteLogTable;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.AggregateFileV2;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.PartialSignature;
import org.cvote.crypto.threshold.DiscreteLog;
import org.cvote.crypto.threshold.Lagrange;
import org.cvote.crypto.threshold.PackedTally;

/**
 * The server's tally (docs/protocol.md §9.3), pure logic: checks each member's partial decryption
 * (signature over the closed board's N and T_N, that head being the closing statement's, every
 * label present once, every DLEQ proof against the member's public share and the server's own
 * aggregate), rejects the bad ones while the others still count, combines all valid ones (any ≥ t)
 * with Lagrange coefficients and solves each count by baby-step giant-step in [0, ballots
 * collected] (ballot version 2: one packed value per subject in [0, N·B²], split, docs/protocol.md
 * §16.6). The server never holds a secret share.
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
    PartialRejection first = boardRejection(q, head, committee, aggregate.count(), p);
    if (first != null) {
      return first;
    }
    List<String> labels = aggregate.labels();
    List<Point> alphas = new ArrayList<>();
    for (AggregateFile.Row r : aggregate.rows()) {
      for (int j = 0; j < r.options().size(); j++) {
        alphas.add(r.options().get(j).alpha());
      }
    }
    return sharesRejection(q, committee, p, labels, alphas, rng);
  }

  /**
   * Ballot version 2 (docs/protocol.md §16.6): the same checks with one share per subject, labels
   * exactly s1..sS in order, each DLEQ proof against the aggregate's α_i.
   */
  public static PartialRejection rejection(
      Digest q,
      Digest head,
      CeremonyResult committee,
      AggregateFileV2 aggregate,
      PartialDecryption p,
      SecureRandom rng) {
    PartialRejection first = boardRejection(q, head, committee, aggregate.count(), p);
    if (first != null) {
      return first;
    }
    List<Point> alphas = aggregate.rows().stream().map(AggregateFileV2.Row::alpha).toList();
    return sharesRejection(q, committee, p, aggregate.labels(), alphas, rng);
  }

  /** null when valid, else the reason's message (see {@link #rejection}); version 2. */
  public static String check(
      Digest q,
      Digest head,
      CeremonyResult committee,
      AggregateFileV2 aggregate,
      PartialDecryption p,
      SecureRandom rng) {
    PartialRejection r = rejection(q, head, committee, aggregate, p, rng);
    return r == null ? null : r.message();
  }

  /** Member, signature, N and head: the checks before the shares. */
  private static PartialRejection boardRejection(
      Digest q, Digest head, CeremonyResult committee, long count, PartialDecryption p) {
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
    if (p.count() != count) {
      return new PartialRejection(
          Reason.WRONG_COUNT,
          "decrypts an aggregate of " + p.count() + " ballots; the board has " + count);
    }
    if (!p.head().equals(head)) {
      return new PartialRejection(
          Reason.WRONG_HEAD,
          "signs another board (head "
              + p.head().toHex()
              + "); the closing statement's head is "
              + head.toHex());
    }
    return null;
  }

  /**
   * Exactly one share per label, in order, each member i's, each DLEQ proof valid against the
   * member's public share and the label's α.
   */
  private static PartialRejection sharesRejection(
      Digest q,
      CeremonyResult committee,
      PartialDecryption p,
      List<String> labels,
      List<Point> alphas,
      SecureRandom rng) {
    int i = p.member();
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
      bv.addDecryption(
          d.label(),
          new DecryptionProof.Statement(q, i, d.label(), share, alphas.get(k), d.m()),
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
    Valid v = valid(partials, p -> check(q, head, committee, aggregate, p, rng));
    if (aggregate.count() == 0) {
      return new TallyResult(
          0, List.of(), new DecryptionFile(List.of(), List.of()), List.of(), v.rejected());
    }
    v.requireThreshold(committee.t());
    Map<Integer, PartialDecryption> good = v.good();
    Map<Integer, String> rejected = v.rejected();
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
          throw new TallyRefusedException(
              Labels.option(r.subject(), j),
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
    List<PartialSignature> signatures = new ArrayList<>();
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

  /**
   * Ballot version 2 (docs/protocol.md §16.6): the valid partials as for version 1, then per
   * subject value·G = β_i − Σ_{ℓ∈U} w_ℓ·M_{ℓ,s<i>} (Lagrange over U), the value searched by
   * baby-step giant-step in [0, N·B²] (one table shared by the S subjects) and split into [n_H,
   * n_M, n_L]. A value not found, or whose digits sum to more than N, cannot come from N honest
   * rows: {@link TallyRefusedException} naming the subject, never a guess; so is a board of N ≥ B
   * ballots, whose digits would not split uniquely.
   */
  public static TallyResult combine(
      Digest q,
      Digest head,
      CeremonyResult committee,
      EncodingV2 encoding,
      AggregateFileV2 aggregate,
      List<PartialDecryption> partials,
      SecureRandom rng)
      throws NotEnoughSharesException {
    Objects.requireNonNull(encoding, "encoding");
    Valid v = valid(partials, p -> check(q, head, committee, aggregate, p, rng));
    if (aggregate.count() == 0) {
      return new TallyResult(
          0, List.of(), new DecryptionFile(List.of(), List.of()), List.of(), v.rejected());
    }
    v.requireThreshold(committee.t());
    if (aggregate.count() >= encoding.base()) {
      throw new TallyRefusedException(
          null,
          aggregate.count()
              + " ballots, but B = "
              + encoding.base()
              + " admits at most "
              + (encoding.base() - 1)
              + ": the counts would not split uniquely (docs/protocol.md §16.6)");
    }
    int n = Math.toIntExact(aggregate.count());
    DiscreteLogTable table =
        DiscreteLogTable.forSearches(encoding.bound(n), Math.max(1, aggregate.rows().size()));
    List<long[]> counts = new ArrayList<>();
    for (AggregateFileV2.Row r : aggregate.rows()) {
      int k = r.subject() - 1;
      String label = BallotV2.label(r.subject());
      Map<Integer, Point> ms = new TreeMap<>();
      v.good().forEach((member, p) -> ms.put(member, p.shares().get(k).m()));
      try {
        counts.add(PackedTally.counts(encoding, n, r.beta(), ms, table));
      } catch (DiscreteLogTable.OutOfRangeException e) {
        throw new TallyRefusedException(
            label,
            "subject "
                + r.subject()
                + " (label "
                + label
                + "): the verified partial decryptions combine to no value in [0, N·B² = "
                + encoding.bound(n)
                + "]; refused, not guessed",
            e);
      } catch (IllegalArgumentException e) {
        throw new TallyRefusedException(
            label,
            "subject " + r.subject() + " (label " + label + "): " + e.getMessage() + "; refused",
            e);
      }
    }
    List<DecryptionFile.Share> all = new ArrayList<>();
    List<PartialSignature> signatures = new ArrayList<>();
    for (PartialDecryption p : v.good().values()) {
      all.addAll(p.shares());
      signatures.add(p.recordSignature());
    }
    return new TallyResult(
        aggregate.count(),
        counts,
        new DecryptionFile(List.copyOf(v.good().keySet()), all),
        signatures,
        v.rejected());
  }

  /** The partials that verify (first valid one per member) and why the others were refused. */
  private record Valid(Map<Integer, PartialDecryption> good, Map<Integer, String> rejected) {
    void requireThreshold(int t) throws NotEnoughSharesException {
      if (good.size() >= t) {
        return;
      }
      StringBuilder sb =
          new StringBuilder(
              "cannot tally: need t = "
                  + t
                  + " valid partial decryptions, have "
                  + good.size()
                  + (good.isEmpty() ? "" : " (members " + good.keySet() + ")"));
      rejected.forEach(
          (m, why) -> sb.append("; member ").append(m).append(" rejected: ").append(why));
      throw new NotEnoughSharesException(sb.toString());
    }
  }

  /**
   * A later partial from the same member replaces an earlier one only if the earlier one was
   * invalid.
   */
  private static Valid valid(
      List<PartialDecryption> partials, Function<PartialDecryption, String> check) {
    Map<Integer, PartialDecryption> good = new TreeMap<>();
    Map<Integer, String> rejected = new LinkedHashMap<>();
    for (PartialDecryption p : partials) {
      if (good.containsKey(p.member())) {
        continue;
      }
      String problem = check.apply(p);
      if (problem == null) {
        good.put(p.member(), p);
        rejected.remove(p.member());
      } else {
        rejected.put(p.member(), problem);
      }
    }
    return new Valid(good, rejected);
  }
}
