package org.cvote.crypto.proof;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.cvote.crypto.group.LinearCheck;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/**
 * Verifies many proofs at once: every proof's Fiat–Shamir hash is checked exactly, and all their
 * group equations are folded with independent random 128-bit weights into one multi-scalar
 * multiplication. A batch that fails is bisected down to single verifications, so the result names
 * exactly the items the single verifier rejects — it accepts exactly what single checks accept (up
 * to the 2^-128 chance that random weights hide a bad equation).
 *
 * @param <T> how the caller names an item (a label, a ballot index...); several proofs may share
 *     one.
 */
public final class BatchVerifier<T> {
  private static final int SINGLE_BELOW = 4;

  /** One proof: its exact hash check, its single verification, and its weighted batch equations. */
  private record Check(
      BooleanSupplier challengeHolds,
      BooleanSupplier verifySingle,
      BiConsumer<LinearCheck, SecureRandom> accumulate) {}

  private static final Check KNOWN_FAILURE =
      new Check(
          () -> false,
          () -> false,
          (acc, r) -> {
            throw new IllegalStateException("a known failure is never batched");
          });

  private record Entry<T>(T id, Check check) {}

  private final SecureRandom rng;
  private final List<Entry<T>> entries = new ArrayList<>();

  public BatchVerifier(SecureRandom rng) {
    this.rng = Objects.requireNonNull(rng, "rng");
  }

  public int size() {
    return entries.size();
  }

  public BatchVerifier<T> addRange(T id, RangeStatement st, RangeProof p) {
    Objects.requireNonNull(st, "statement");
    Objects.requireNonNull(p, "proof");
    return add(
        id, () -> p.challengeHolds(st), () -> p.verify(st), (acc, r) -> p.accumulate(st, acc, r));
  }

  /** A version 2 row proof (docs/protocol.md §16.3). */
  public BatchVerifier<T> addRowV2(T id, RowStatementV2 st, RowProofV2 p) {
    Objects.requireNonNull(st, "statement");
    Objects.requireNonNull(p, "proof");
    return add(
        id, () -> p.challengeHolds(st), () -> p.verify(st), (acc, r) -> p.accumulate(st, acc, r));
  }

  private BatchVerifier<T> add(
      T id,
      BooleanSupplier challengeHolds,
      BooleanSupplier verifySingle,
      BiConsumer<LinearCheck, SecureRandom> accumulate) {
    entries.add(new Entry<>(id, new Check(challengeHolds, verifySingle, accumulate)));
    return this;
  }

  public BatchVerifier<T> addSchnorr(
      T id, Digest ceremonyId, int member, int coefficient, Point bigA, SchnorrProof p) {
    Objects.requireNonNull(p, "proof");
    entries.add(
        new Entry<>(
            id,
            new Check(
                () -> p.challengeHolds(ceremonyId, member, coefficient, bigA),
                () -> p.verify(ceremonyId, member, coefficient, bigA),
                (acc, r) -> p.accumulate(bigA, acc, r))));
    return this;
  }

  public BatchVerifier<T> addDecryption(T id, DecryptionProof.Statement st, DecryptionProof p) {
    Objects.requireNonNull(st, "statement");
    Objects.requireNonNull(p, "proof");
    entries.add(
        new Entry<>(
            id,
            new Check(
                () -> p.challengeHolds(st),
                () -> p.verify(st),
                (acc, r) -> p.accumulate(st, acc, r))));
    return this;
  }

  /** Records an item already known to be invalid (e.g. a statement with no encoding). */
  public BatchVerifier<T> addFailure(T id) {
    entries.add(new Entry<>(id, KNOWN_FAILURE));
    return this;
  }

  /** The ids of the items with a failing proof, in the order added; empty when all verify. */
  public List<T> failures() {
    LinkedHashSet<T> bad = new LinkedHashSet<>();
    List<Entry<T>> hashOk = new ArrayList<>(entries.size());
    for (Entry<T> e : entries) {
      if (e.check().challengeHolds().getAsBoolean()) {
        hashOk.add(e);
      } else {
        bad.add(e.id());
      }
    }
    bisect(hashOk, bad);
    if (bad.isEmpty()) {
      return List.of();
    }
    List<T> ordered = new ArrayList<>();
    for (Entry<T> e : entries) {
      if (bad.contains(e.id()) && !ordered.contains(e.id())) {
        ordered.add(e.id());
      }
    }
    return ordered;
  }

  /** True when every proof verifies. */
  public boolean verifyAll() {
    return failures().isEmpty();
  }

  private void bisect(List<Entry<T>> group, LinkedHashSet<T> bad) {
    if (group.isEmpty()) {
      return;
    }
    if (group.size() < SINGLE_BELOW) {
      for (Entry<T> e : group) {
        if (!e.check().verifySingle().getAsBoolean()) {
          bad.add(e.id());
        }
      }
      return;
    }
    LinearCheck acc = new LinearCheck();
    for (Entry<T> e : group) {
      e.check().accumulate().accept(acc, rng);
    }
    if (acc.holds()) {
      return;
    }
    int mid = group.size() / 2;
    bisect(group.subList(0, mid), bad);
    bisect(group.subList(mid, group.size()), bad);
  }
}
