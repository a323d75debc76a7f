package org.cvote.crypto.threshold;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/**
 * A member's secret polynomial P_i(x) = Σ_j a_ij x^j of degree t−1 (docs/protocol.md §8). Holds
 * secrets: never printed.
 */
public final class Polynomial {
  private final List<Scalar> coefficients;

  private Polynomial(List<Scalar> coefficients) {
    this.coefficients = List.copyOf(coefficients);
  }

  public static Polynomial random(int threshold, SecureRandom rng) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold t must be ≥ 1, got " + threshold);
    }
    List<Scalar> cs = new ArrayList<>(threshold);
    for (int j = 0; j < threshold; j++) {
      cs.add(Scalar.random(rng));
    }
    return new Polynomial(cs);
  }

  public static Polynomial of(List<Scalar> coefficients) {
    Objects.requireNonNull(coefficients, "coefficients");
    if (coefficients.isEmpty()) {
      throw new IllegalArgumentException("a polynomial needs at least one coefficient");
    }
    return new Polynomial(coefficients);
  }

  public int threshold() {
    return coefficients.size();
  }

  public Scalar coefficient(int j) {
    return coefficients.get(j);
  }

  /** P(x) by Horner's rule. */
  public Scalar evaluate(long x) {
    Scalar xs = Scalar.of(x);
    Scalar acc = Scalar.ZERO;
    for (int j = coefficients.size() - 1; j >= 0; j--) {
      acc = acc.multiply(xs).add(coefficients.get(j));
    }
    return acc;
  }

  /** The Feldman commitments K_ij = a_ij·G. */
  public List<Point> commitments() {
    List<Point> out = new ArrayList<>(coefficients.size());
    for (Scalar a : coefficients) {
      out.add(Point.baseMul(a));
    }
    return out;
  }

  @Override
  public String toString() {
    return "Polynomial[degree " + (coefficients.size() - 1) + ", redacted]";
  }
}
