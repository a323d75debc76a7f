package org.cvote.crypto.elgamal;

import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/** Exponential ElGamal under the joint key K (docs/protocol.md §4). */
public final class ElGamal {
  private ElGamal() {}

  /** Enc(m; r) = (r·G, m·G + r·K); m ≥ 0, r in [1, q−1]. */
  public static Ciphertext encrypt(Point jointKey, long m, Scalar r) {
    Objects.requireNonNull(jointKey, "jointKey");
    Objects.requireNonNull(r, "r");
    if (m < 0) {
      throw new IllegalArgumentException("plaintext must be non-negative, got " + m);
    }
    if (r.isZero()) {
      throw new IllegalArgumentException("randomness r must be in [1, q-1]");
    }
    Point alpha = Point.baseMul(r);
    Point rk = jointKey.fixedMul(r);
    Point beta = m == 0 ? rk : Point.baseMul(m).add(rk);
    return new Ciphertext(alpha, beta);
  }
}
