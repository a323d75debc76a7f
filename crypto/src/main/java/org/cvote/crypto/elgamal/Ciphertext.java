package org.cvote.crypto.elgamal;

import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;

/** An exponential ElGamal ciphertext (α, β) = (r·G, m·G + r·K) of docs/protocol.md §4. */
public record Ciphertext(Point alpha, Point beta) {
  /** The encryption of 0 with r = 0: the neutral element of {@link #add}. */
  public static final Ciphertext ZERO = new Ciphertext(Point.IDENTITY, Point.IDENTITY);

  public Ciphertext {
    Objects.requireNonNull(alpha, "alpha");
    Objects.requireNonNull(beta, "beta");
  }

  /** Component-wise sum: encrypts the sum of the plaintexts. */
  public Ciphertext add(Ciphertext o) {
    return new Ciphertext(alpha.add(o.alpha), beta.add(o.beta));
  }

  /** Σ of many ciphertexts, normalised once (see {@link PointSum}). */
  public static Ciphertext sum(Iterable<Ciphertext> cts) {
    PointSum a = new PointSum();
    PointSum b = new PointSum();
    for (Ciphertext c : cts) {
      a.add(c.alpha);
      b.add(c.beta);
    }
    return new Ciphertext(a.result(), b.result());
  }
}
