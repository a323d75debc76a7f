package org.cvote.crypto.threshold;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.cvote.crypto.group.Scalar;

/** Lagrange coefficients at 0 over any subset U of member indices (docs/protocol.md §9.3). */
public final class Lagrange {
  private Lagrange() {}

  /** w_ℓ = Π_{k∈U, k≠ℓ} k/(k−ℓ) mod q, for each ℓ in U (indices distinct, ≥ 1). */
  public static Map<Integer, Scalar> coefficients(Collection<Integer> members) {
    TreeSet<Integer> set = new TreeSet<>();
    for (Integer m : members) {
      if (m == null || m < 1) {
        throw new IllegalArgumentException("member indices must be ≥ 1");
      }
      if (!set.add(m)) {
        throw new IllegalArgumentException("member " + m + " appears twice in the decryption set");
      }
    }
    if (set.isEmpty()) {
      throw new IllegalArgumentException("decryption set is empty");
    }
    Map<Integer, Scalar> out = new LinkedHashMap<>();
    for (int l : set) {
      Scalar num = Scalar.ONE;
      Scalar den = Scalar.ONE;
      for (int k : set) {
        if (k != l) {
          num = num.multiply(Scalar.of(k));
          den = den.multiply(Scalar.of((long) k - l));
        }
      }
      out.put(l, num.multiply(den.inverse()));
    }
    return out;
  }
}
