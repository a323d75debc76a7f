package org.cvote.crypto.proof;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    DisjunctiveChaumPedersen.Parts p =
        DisjunctiveChaumPedersen.Parts.checked(
            a,
            b,
            c,
            v,
            n -> n >= 2,
            "range proof arrays a, b, c, v must all have L+1 ≥ 2 entries, got ");
    a = p.a();
    b = p.b();
    c = p.c();
    v = p.v();
  }

  /** Proves with fresh uniform nonces. */
  public static RangeProof prove(RangeStatement st, int m, Scalar r, SecureRandom rng) {
    DisjunctiveChaumPedersen.Simulated s =
        DisjunctiveChaumPedersen.fresh(st.maxValue() + 1, m, rng);
    return prove(st, m, r, s.u(), s.cs(), s.vs());
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
    DisjunctiveChaumPedersen.Parts p =
        DisjunctiveChaumPedersen.prove(
            statement(st), m, r, u, cs, vs, (as, bs) -> challenge(st, as, bs));
    return new RangeProof(p.a(), p.b(), p.c(), p.v());
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
    return DisjunctiveChaumPedersen.challenge(t, as, bs);
  }

  /** The branch values 0, 1, …, n − 1. */
  private static List<Long> values(int n) {
    List<Long> out = new ArrayList<>(n);
    for (long j = 0; j < n; j++) {
      out.add(j);
    }
    return out;
  }

  private static DisjunctiveChaumPedersen.Statement statement(RangeStatement st) {
    return new DisjunctiveChaumPedersen.Statement(
        st.ct(), st.jointKey(), values(st.maxValue() + 1));
  }

  private DisjunctiveChaumPedersen.Parts parts() {
    return new DisjunctiveChaumPedersen.Parts(a, b, c, v);
  }

  /** The Fiat–Shamir part: right size, and Σ c_j equals the hash. */
  public boolean challengeHolds(RangeStatement st) {
    if (a.size() != st.maxValue() + 1) {
      return false;
    }
    return DisjunctiveChaumPedersen.challengeHolds(c, challenge(st, a, b));
  }

  /** Full single verification. */
  public boolean verify(RangeStatement st) {
    if (!challengeHolds(st)) {
      return false;
    }
    return DisjunctiveChaumPedersen.equationsHold(statement(st), parts());
  }

  /**
   * Adds this proof's 2(L+1) equations, each with its own random weight, to a batch: z·a_j =
   * z·v_j·G + z·c_j·α and z'·b_j = z'·v_j·K + z'·c_j·β − z'·c_j·j·G.
   */
  void accumulate(RangeStatement st, LinearCheck acc, SecureRandom rng) {
    DisjunctiveChaumPedersen.accumulate(
        st.jointKey(), values(a.size()), st.parts(), parts(), acc, rng);
  }
}
