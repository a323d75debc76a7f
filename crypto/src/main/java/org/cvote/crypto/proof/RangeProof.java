package org.cvote.crypto.proof;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.LinearCheck;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * Disjunctive Chaum–Pedersen proof that (α, β) encrypts m ∈ {0..L}, in commitment form
 * (docs/protocol.md §5). The challenge hashes Q, τ, λ, the statement (α, β) and every commitment
 * (strong Fiat–Shamir): a proof cannot be moved to another ciphertext, label, token or poll.
 */
public record RangeProof(List<Point> a, List<Point> b, List<Scalar> c, List<Scalar> v) {
  public RangeProof {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(v, "v");
    a = List.copyOf(a);
    b = List.copyOf(b);
    c = List.copyOf(c);
    v = List.copyOf(v);
    int n = a.size();
    if (n < 2 || b.size() != n || c.size() != n || v.size() != n) {
      throw new IllegalArgumentException(
          "range proof arrays a, b, c, v must all have L+1 ≥ 2 entries, got "
              + a.size()
              + "/"
              + b.size()
              + "/"
              + c.size()
              + "/"
              + v.size());
    }
  }

  /** Proves with fresh uniform nonces. */
  public static RangeProof prove(RangeStatement st, int m, Scalar r, SecureRandom rng) {
    int n = st.maxValue() + 1;
    Scalar[] cs = new Scalar[n];
    Scalar[] vs = new Scalar[n];
    for (int j = 0; j < n; j++) {
      if (j != m) {
        cs[j] = Scalar.random(rng);
        vs[j] = Scalar.random(rng);
      }
    }
    return prove(st, m, r, Scalar.random(rng), cs, vs);
  }

  /**
   * Deterministic core (test vectors): u is the real branch's nonce; cs[j], vs[j] the simulated
   * branches' values for j ≠ m (entries at m are ignored).
   */
  public static RangeProof prove(
      RangeStatement st, int m, Scalar r, Scalar u, Scalar[] cs, Scalar[] vs) {
    Objects.requireNonNull(st, "statement");
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(u, "u");
    int n = st.maxValue() + 1;
    if (m < 0 || m >= n) {
      throw new IllegalArgumentException(
          "plaintext " + m + " is outside 0.." + st.maxValue() + ": no proof exists");
    }
    if (cs.length != n || vs.length != n) {
      throw new IllegalArgumentException("simulated values must have L+1 entries");
    }
    Point alpha = st.ct().alpha();
    Point beta = st.ct().beta();
    Point k = st.jointKey();
    List<Point> as = new ArrayList<>(n);
    List<Point> bs = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      if (j == m) {
        as.add(Point.baseMul(u));
        bs.add(k.fixedMul(u));
      } else {
        Objects.requireNonNull(cs[j], "c_" + j);
        Objects.requireNonNull(vs[j], "v_" + j);
        as.add(Point.sumOfTwo(Point.G, vs[j], alpha, cs[j]));
        bs.add(Point.sumOfTwo(k, vs[j], shifted(beta, j), cs[j]));
      }
    }
    Scalar c = challenge(st, as, bs);
    Scalar cm = c;
    for (int j = 0; j < n; j++) {
      if (j != m) {
        cm = cm.subtract(cs[j]);
      }
    }
    List<Scalar> cl = new ArrayList<>(n);
    List<Scalar> vl = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      cl.add(j == m ? cm : cs[j]);
      vl.add(j == m ? u.subtract(cm.multiply(r)) : vs[j]);
    }
    return new RangeProof(as, bs, cl, vl);
  }

  /** c = Hq("cvote/v1/range", Q, τ, λ, α, β, a_0, b_0, …, a_L, b_L). */
  static Scalar challenge(RangeStatement st, List<Point> as, List<Point> bs) {
    Transcript t =
        Transcript.of(Tag.RANGE)
            .hash(st.context())
            .hash(st.tokenHash())
            .string(st.label())
            .point(st.ct().alpha())
            .point(st.ct().beta());
    for (int j = 0; j < as.size(); j++) {
      t.point(as.get(j)).point(bs.get(j));
    }
    return t.challenge();
  }

  /** β − j·G. */
  private static Point shifted(Point beta, int j) {
    return j == 0 ? beta : beta.subtract(Point.baseMul(j));
  }

  /** The Fiat–Shamir part: right size, and Σ c_j equals the hash. */
  public boolean challengeHolds(RangeStatement st) {
    if (a.size() != st.maxValue() + 1) {
      return false;
    }
    Scalar sum = Scalar.ZERO;
    for (Scalar cj : c) {
      sum = sum.add(cj);
    }
    return sum.equals(challenge(st, a, b));
  }

  /** Full single verification. */
  public boolean verify(RangeStatement st) {
    if (!challengeHolds(st)) {
      return false;
    }
    Point alpha = st.ct().alpha();
    Point beta = st.ct().beta();
    for (int j = 0; j < a.size(); j++) {
      if (!a.get(j).equals(Point.sumOfTwo(Point.G, v.get(j), alpha, c.get(j)))) {
        return false;
      }
      if (!b.get(j).equals(Point.sumOfTwo(st.jointKey(), v.get(j), shifted(beta, j), c.get(j)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds this proof's 2(L+1) equations, each with its own random weight, to a batch: z·a_j =
   * z·v_j·G + z·c_j·α and z'·b_j = z'·v_j·K + z'·c_j·β − z'·c_j·j·G.
   */
  void accumulate(RangeStatement st, LinearCheck acc, SecureRandom rng) {
    for (int j = 0; j < a.size(); j++) {
      BigInteger z1 = Weights.next(rng);
      BigInteger z2 = Weights.next(rng);
      BigInteger vj = v.get(j).toBigInteger();
      BigInteger cj = c.get(j).toBigInteger();
      acc.left(a.get(j), z1);
      acc.left(b.get(j), z2);
      BigInteger z1c = z1.multiply(cj);
      BigInteger z2c = z2.multiply(cj);
      acc.base(z1.multiply(vj).subtract(z2c.multiply(BigInteger.valueOf(j))));
      acc.fixed(st.jointKey(), z2.multiply(vj));
      for (Ciphertext part : st.parts()) {
        acc.right(part.alpha(), z1c);
        acc.right(part.beta(), z2c);
      }
    }
  }
}
