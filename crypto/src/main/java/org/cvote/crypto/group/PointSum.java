package org.cvote.crypto.group;

import org.bouncycastle.math.ec.ECPoint;

/**
 * A running sum of points kept in projective coordinates, normalised once at the end:
 * summing 10^5 ballots' ciphertexts costs additions only, not one field inversion per step.
 * Not thread-safe; one per thread, then {@link #add(PointSum)} them.
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
}
