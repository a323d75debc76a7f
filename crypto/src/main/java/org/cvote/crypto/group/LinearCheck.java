package org.cvote.crypto.group;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates one randomised linear equation Σ z_i·P_i = g·G + Σ_fixed f·F + Σ k_j·R_j built from
 * many proof equations (small-exponent batch test). The left side holds the proofs' commitments
 * with 128-bit weights; the right side the statement points with full-size scalars. Repeated points
 * (the same α in an option proof and its row proof) are merged.
 */
public final class LinearCheck {
  private final List<Point> leftPts = new ArrayList<>();
  private final List<BigInteger> leftKs = new ArrayList<>();
  private final Map<Point, BigInteger> right = new IdentityHashMap<>();
  private final Map<Point, BigInteger> fixed = new IdentityHashMap<>();
  private BigInteger g = BigInteger.ZERO;

  /** z·P on the left; z is a small (≤128-bit) random weight. */
  public void left(Point p, BigInteger z) {
    leftPts.add(p);
    leftKs.add(z);
  }

  /** k·G on the right. */
  public void base(Scalar k) {
    g = g.add(k.toBigInteger());
  }

  public void base(BigInteger k) {
    g = g.add(k);
  }

  /** k·F on the right, for a point used across the whole batch (K): multiplied once with a comb. */
  public void fixed(Point f, BigInteger k) {
    fixed.merge(f, k, BigInteger::add);
  }

  /** k·R on the right for a statement point. */
  public void right(Point r, BigInteger k) {
    right.merge(r, k, BigInteger::add);
  }

  /**
   * True when the accumulated equation holds. Both sides' variable points go into one multi-scalar
   * multiplication, Σ z_i·P_i − Σ k_j·R_j (the statement scalars negated mod q): one set of buckets
   * serves the short weights and the full-size scalars, instead of two.
   */
  public boolean holds() {
    List<Point> pts = new ArrayList<>(leftPts.size() + right.size());
    List<BigInteger> ks = new ArrayList<>(leftPts.size() + right.size());
    pts.addAll(leftPts);
    ks.addAll(leftKs);
    for (Map.Entry<Point, BigInteger> e : right.entrySet()) {
      BigInteger k = e.getValue().mod(P256.Q);
      if (k.signum() != 0) {
        pts.add(e.getKey());
        ks.add(P256.Q.subtract(k));
      }
    }
    Point variable = MultiScalarMul.compute(pts, ks, 256);
    Point rest = Point.IDENTITY;
    BigInteger gk = g.mod(P256.Q);
    if (gk.signum() != 0) {
      rest = Point.fromEc(P256.COMB.multiply(P256.G_EC, gk));
    }
    for (Map.Entry<Point, BigInteger> e : fixed.entrySet()) {
      BigInteger k = e.getValue().mod(P256.Q);
      if (k.signum() != 0) {
        rest = rest.add(e.getKey().fixedMul(Scalar.of(k)));
      }
    }
    return variable.equals(rest);
  }
}
