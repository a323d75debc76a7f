package org.cvote.crypto.group;

import org.bouncycastle.math.ec.ECPoint;

/**
 * A running sum of points kept in projective coordinates, normalised once at the end: summing 10^5
 * ballots' ciphertexts costs additions only, not one field inversion per step. Not thread-safe; one
 * per thread, then {@link #add(PointSum)} them.
 */
public final class PointSum {
  private ECPoint acc = P256.CURVE.getInfinity();

  public PointSum add(Point p) {
    acc = acc.add(p.ec());
    return this;
  }

  public PointSum add(PointSum other) {
    acc = acc.add(other.acc);
    return this;
  }

  public Point result() {
    return Point.fromEc(acc);
  }

  /** The results of several sums with one field inversion between them all (Montgomery's trick). */
  public static java.util.List<Point> results(java.util.List<PointSum> sums) {
    ECPoint[] pts = new ECPoint[sums.size()];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = sums.get(i).acc;
    }
    P256.CURVE.normalizeAll(pts);
    java.util.List<Point> out = new java.util.ArrayList<>(pts.length);
    for (ECPoint p : pts) {
      out.add(Point.fromEc(p)); // already affine: no further inversion
    }
    return out;
  }
}
