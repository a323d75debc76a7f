package org.cvote.crypto.proof;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.LinearCheck;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Transcript;

/**
 * The N-branch disjunctive Chaum–Pedersen core (CDS, commitment form) shared by {@link RangeProof}
 * (branches 0..L, docs/protocol.md §5) and {@link RowProofV2} (branches 0, 1, B, B², §16.3): proof
 * that (α, β) encrypts one of the values m_0 … m_{N−1} under K. Each caller keeps its own tag and
 * hash input order; it passes the challenge function, this class only does the algebra.
 */
final class DisjunctiveChaumPedersen {
  private DisjunctiveChaumPedersen() {}

  /** (α, β) encrypts one of {@code values} under K. */
  record Statement(Ciphertext ct, Point k, List<Long> values) {}

  /** The four arrays of a proof, in branch order. */
  record Parts(List<Point> a, List<Point> b, List<Scalar> c, List<Scalar> v) {
    /**
     * Null-checks and copies the four arrays; all must have the size of {@code a}, and that size
     * must pass {@code sizeOk}, else {@code message} followed by the four sizes a/b/c/v.
     */
    static Parts checked(
        List<Point> a,
        List<Point> b,
        List<Scalar> c,
        List<Scalar> v,
        IntPredicate sizeOk,
        String message) {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
      Objects.requireNonNull(c, "c");
      Objects.requireNonNull(v, "v");
      Parts p = new Parts(List.copyOf(a), List.copyOf(b), List.copyOf(c), List.copyOf(v));
      int n = a.size();
      if (!sizeOk.test(n) || b.size() != n || c.size() != n || v.size() != n) {
        throw new IllegalArgumentException(
            message + a.size() + "/" + b.size() + "/" + c.size() + "/" + v.size());
      }
      return p;
    }
  }

  /** Fresh uniform simulated values for every branch but {@code real}, then the real nonce u. */
  record Simulated(Scalar[] cs, Scalar[] vs, Scalar u) {}

  /** Draws, in this order, c_j and v_j for each simulated branch j, then u (the vectors' order). */
  static Simulated fresh(int n, int real, SecureRandom rng) {
    Scalar[] cs = new Scalar[n];
    Scalar[] vs = new Scalar[n];
    for (int j = 0; j < n; j++) {
      if (j != real) {
        cs[j] = Scalar.random(rng);
        vs[j] = Scalar.random(rng);
      }
    }
    return new Simulated(cs, vs, Scalar.random(rng));
  }

  /**
   * Deterministic prover: branch {@code real} is the true one (nonce u, randomness r); cs[j], vs[j]
   * are the simulated branches' challenges and responses (entries at {@code real} are ignored). The
   * caller has checked real and the array lengths.
   */
  static Parts prove(
      Statement st,
      int real,
      Scalar r,
      Scalar u,
      Scalar[] cs,
      Scalar[] vs,
      BiFunction<List<Point>, List<Point>, Scalar> challenge) {
    Point alpha = st.ct().alpha();
    Point beta = st.ct().beta();
    Point k = st.k();
    List<Long> values = st.values();
    int n = values.size();
    List<Point> as = new ArrayList<>(n);
    List<Point> bs = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      if (j == real) {
        as.add(Point.baseMul(u));
        bs.add(k.fixedMul(u));
      } else {
        Objects.requireNonNull(cs[j], "c_" + j);
        Objects.requireNonNull(vs[j], "v_" + j);
        as.add(Point.sumOfTwo(Point.G, vs[j], alpha, cs[j]));
        bs.add(Point.sumOfTwo(k, vs[j], shifted(beta, values.get(j)), cs[j]));
      }
    }
    Scalar c = challenge.apply(as, bs);
    Scalar cm = c;
    for (int j = 0; j < n; j++) {
      if (j != real) {
        cm = cm.subtract(cs[j]);
      }
    }
    List<Scalar> cl = new ArrayList<>(n);
    List<Scalar> vl = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      cl.add(j == real ? cm : cs[j]);
      vl.add(j == real ? u.subtract(cm.multiply(r)) : vs[j]);
    }
    return new Parts(as, bs, cl, vl);
  }

  /** Appends a_0, b_0, …, a_{N−1}, b_{N−1} to the caller's transcript and returns its challenge. */
  static Scalar challenge(Transcript t, List<Point> as, List<Point> bs) {
    for (int j = 0; j < as.size(); j++) {
      t.point(as.get(j)).point(bs.get(j));
    }
    return t.challenge();
  }

  /** Σ c_j equals the given hash. */
  static boolean challengeHolds(List<Scalar> c, Scalar hash) {
    Scalar sum = Scalar.ZERO;
    for (Scalar cj : c) {
      sum = sum.add(cj);
    }
    return sum.equals(hash);
  }

  /** a_j = v_j·G + c_j·α and b_j = v_j·K + c_j·(β − m_j·G) for every branch j. */
  static boolean equationsHold(Statement st, Parts p) {
    Point alpha = st.ct().alpha();
    Point beta = st.ct().beta();
    Point k = st.k();
    List<Long> values = st.values();
    for (int j = 0; j < values.size(); j++) {
      if (!p.a().get(j).equals(Point.sumOfTwo(Point.G, p.v().get(j), alpha, p.c().get(j)))) {
        return false;
      }
      Point shiftedJ = shifted(beta, values.get(j));
      if (!p.b().get(j).equals(Point.sumOfTwo(k, p.v().get(j), shiftedJ, p.c().get(j)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds the 2N equations, each with its own random weight (z, z' drawn per branch in order), to a
   * batch: z·a_j = z·v_j·G + z·c_j·α and z'·b_j = z'·v_j·K + z'·c_j·β − z'·c_j·m_j·G. α and β are
   * given as the sum of {@code parts} (the batch adds each part's coefficient instead of the sum).
   */
  static void accumulate(
      Point k,
      List<Long> values,
      List<Ciphertext> parts,
      Parts p,
      LinearCheck acc,
      SecureRandom rng) {
    BigInteger zAlpha = BigInteger.ZERO;
    BigInteger zBeta = BigInteger.ZERO;
    BigInteger g = BigInteger.ZERO;
    BigInteger kk = BigInteger.ZERO;
    for (int j = 0; j < values.size(); j++) {
      BigInteger z1 = Weights.next(rng);
      BigInteger z2 = Weights.next(rng);
      BigInteger vj = p.v().get(j).toBigInteger();
      BigInteger cj = p.c().get(j).toBigInteger();
      acc.left(p.a().get(j), z1);
      acc.left(p.b().get(j), z2);
      BigInteger z2c = z2.multiply(cj);
      zAlpha = zAlpha.add(z1.multiply(cj));
      zBeta = zBeta.add(z2c);
      g = g.add(z1.multiply(vj)).subtract(z2c.multiply(BigInteger.valueOf(values.get(j))));
      kk = kk.add(z2.multiply(vj));
    }
    acc.base(g);
    acc.fixed(k, kk);
    for (Ciphertext part : parts) {
      acc.right(part.alpha(), zAlpha);
      acc.right(part.beta(), zBeta);
    }
  }

  /** β − m·G (β itself for m = 0; the difference may be the identity, it is never encoded). */
  private static Point shifted(Point beta, long m) {
    return m == 0 ? beta : beta.subtract(Point.baseMul(m));
  }
}
