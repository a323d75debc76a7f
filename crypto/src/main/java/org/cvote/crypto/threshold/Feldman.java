package org.cvote.crypto.threshold;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/**
 * Feldman verifiable secret sharing checks over published commitments K_ij (docs/protocol.md §8).
 */
public final class Feldman {
  private Feldman() {}

  /** Σ_j x^j · K_j: what P(x)·G must equal. */
  public static Point evaluate(List<Point> commitments, long x) {
    Objects.requireNonNull(commitments, "commitments");
    if (commitments.isEmpty()) {
      throw new IllegalArgumentException("no commitments");
    }
    if (x < 1) {
      throw new IllegalArgumentException("evaluation point must be a member index ≥ 1, got " + x);
    }
    Scalar xs = Scalar.of(x);
    Scalar pow = Scalar.ONE;
    Point acc = Point.IDENTITY;
    for (Point k : commitments) {
      acc = acc.add(k.multiply(pow));
      pow = pow.multiply(xs);
    }
    return acc;
  }

  /** Step 3: share P_i(ℓ) received from member i is consistent with i's commitments. */
  public static boolean shareValid(List<Point> commitments, long recipient, Scalar share) {
    Objects.requireNonNull(share, "share");
    return Point.baseMul(share).equals(evaluate(commitments, recipient));
  }

  /** Step 4: public share S_ℓ = Σ_i Σ_j ℓ^j·K_ij of member ℓ, computable by anyone. */
  public static Point publicShare(List<List<Point>> allCommitments, long member) {
    Point acc = Point.IDENTITY;
    for (List<Point> ki : allCommitments) {
      acc = acc.add(evaluate(ki, member));
    }
    return acc;
  }

  /** Step 4: K = Σ_i K_i0. */
  public static Point jointKey(List<List<Point>> allCommitments) {
    Point acc = Point.IDENTITY;
    for (List<Point> ki : allCommitments) {
      acc = acc.add(ki.get(0));
    }
    return acc;
  }
}
