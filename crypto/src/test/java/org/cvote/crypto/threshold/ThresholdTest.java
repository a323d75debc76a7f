package org.cvote.crypto.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.junit.jupiter.api.Test;

class ThresholdTest {
  private final SecureRandom rng = new SecureRandom();

  /** A dealerless n-member key: every member's polynomial, shares s_ℓ = Σ_i P_i(ℓ). */
  private record Dkg(
      List<Polynomial> polys, List<List<Point>> commitments, Point key, Scalar[] shares) {}

  private Dkg dkg(int n, int t) {
    List<Polynomial> polys = new ArrayList<>();
    List<List<Point>> comms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Polynomial p = Polynomial.random(t, rng);
      polys.add(p);
      comms.add(p.commitments());
    }
    Scalar[] shares = new Scalar[n + 1];
    for (int l = 1; l <= n; l++) {
      Scalar s = Scalar.ZERO;
      for (Polynomial p : polys) {
        assertTrue(Feldman.shareValid(p.commitments(), l, p.evaluate(l)));
        s = s.add(p.evaluate(l));
      }
      shares[l] = s;
    }
    return new Dkg(polys, comms, Feldman.jointKey(comms), shares);
  }

  @Test
  void everyTSubsetOfNReconstructsTheSameSecretKey() {
    for (int[] nt : new int[][] {{3, 2}, {5, 3}, {6, 4}}) {
      int n = nt[0];
      int t = nt[1];
      Dkg d = dkg(n, t);
      for (int l = 1; l <= n; l++) {
        assertEquals(Point.baseMul(d.shares()[l]), Feldman.publicShare(d.commitments(), l));
      }
      for (List<Integer> subset : subsets(n, t)) {
        Map<Integer, Scalar> w = Lagrange.coefficients(subset);
        Scalar secret = Scalar.ZERO;
        for (int l : subset) {
          secret = secret.add(w.get(l).multiply(d.shares()[l]));
        }
        assertEquals(d.key(), Point.baseMul(secret), "subset " + subset);
      }
    }
  }

  @Test
  void thresholdDecryptionOfAHomomorphicSum() throws Exception {
    Dkg d = dkg(5, 3);
    List<Ciphertext> cts = new ArrayList<>();
    int expected = 0;
    for (int i = 0; i < 40; i++) {
      int m = rng.nextInt(2);
      expected += m;
      cts.add(ElGamal.encrypt(d.key(), m, Scalar.random(rng)));
    }
    Ciphertext sum = Ciphertext.sum(cts);
    for (List<Integer> u : List.of(List.of(1, 3, 5), List.of(2, 4, 5), List.of(1, 2, 3, 4, 5))) {
      Map<Integer, Scalar> w = Lagrange.coefficients(u);
      Point acc = sum.beta();
      for (int l : u) {
        acc = acc.subtract(sum.alpha().multiply(d.shares()[l]).multiply(w.get(l)));
      }
      assertEquals(expected, DiscreteLog.solve(acc, 40));
    }
    // t−1 shares give garbage, not the count
    Map<Integer, Scalar> w2 = Lagrange.coefficients(List.of(1, 2));
    Point wrong =
        sum.beta()
            .subtract(sum.alpha().multiply(d.shares()[1]).multiply(w2.get(1)))
            .subtract(sum.alpha().multiply(d.shares()[2]).multiply(w2.get(2)));
    assertThrows(DiscreteLog.OutOfBoundException.class, () -> DiscreteLog.solve(wrong, 40));
  }

  @Test
  void badShareIsDetected() {
    Polynomial p = Polynomial.random(3, rng);
    assertFalse(Feldman.shareValid(p.commitments(), 2, p.evaluate(2).add(Scalar.ONE)));
    assertFalse(Feldman.shareValid(p.commitments(), 2, p.evaluate(3)));
  }

  @Test
  void discreteLogBounds() throws Exception {
    assertEquals(0, DiscreteLog.solve(Point.IDENTITY, 10));
    for (long m : new long[] {1, 2, 99, 100, 12345}) {
      assertEquals(m, DiscreteLog.solve(Point.baseMul(m), 12345));
    }
    assertEquals(1_000_000, DiscreteLog.solve(Point.baseMul(1_000_000), 1_000_000));
    assertThrows(
        DiscreteLog.OutOfBoundException.class, () -> DiscreteLog.solve(Point.baseMul(101), 100));
    assertThrows(
        DiscreteLog.OutOfBoundException.class, () -> DiscreteLog.solve(Point.baseMul(1), 0));
    assertThrows(IllegalArgumentException.class, () -> DiscreteLog.solve(Point.G, -1));
  }

  @Test
  void lagrangePreconditions() {
    assertThrows(IllegalArgumentException.class, () -> Lagrange.coefficients(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Lagrange.coefficients(List.of(1, 1)));
    assertThrows(IllegalArgumentException.class, () -> Lagrange.coefficients(List.of(0, 1)));
    assertThrows(IllegalArgumentException.class, () -> Polynomial.random(0, rng));
    assertThrows(IllegalArgumentException.class, () -> Feldman.evaluate(List.of(Point.G), 0));
  }

  @Test
  void polynomialNeverPrintsCoefficients() {
    Polynomial p = Polynomial.random(2, rng);
    assertFalse(p.toString().contains(p.coefficient(0).toHex()));
  }

  private static List<List<Integer>> subsets(int n, int t) {
    List<List<Integer>> out = new ArrayList<>();
    for (int mask = 0; mask < (1 << n); mask++) {
      if (Integer.bitCount(mask) == t) {
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if ((mask & (1 << i)) != 0) {
            s.add(i + 1);
          }
        }
        out.add(s);
      }
    }
    return out;
  }
}
