package org.cvote.crypto.proof;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.LinearCheck;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * The version 2 row proof (docs/protocol.md §16.3): a 4-branch disjunctive Chaum–Pedersen proof
 * (CDS) that (α, β) encrypts m_j ∈ {0, 1, B, B²}, in commitment form so that rows batch into one
 * multi-scalar multiplication. Strong Fiat–Shamir: the challenge hashes Q, τ, λ, B, the ciphertext
 * and all eight commitments, so the proof cannot be moved to another ciphertext, row, token, poll
 * or base. Every field is a decoded point (on the curve) or a scalar below q by construction of
 * {@link Point}/{@link Scalar}.
 */
public record RowProofV2(List<Point> a, List<Point> b, List<Scalar> c, List<Scalar> v) {
  public RowProofV2 {
    DisjunctiveChaumPedersen.Parts p =
        DisjunctiveChaumPedersen.Parts.checked(
            a,
            b,
            c,
            v,
            n -> n == EncodingV2.BRANCHES,
            "row proof arrays a, b, c, v must each have exactly 4 entries (blank, HIGH, MID, LOW), got ");
    a = p.a();
    b = p.b();
    c = p.c();
    v = p.v();
  }

  /**
   * Proves with fresh uniform nonces that the statement's ciphertext encrypts branch {@code
   * branch}'s value with randomness r.
   */
  public static RowProofV2 prove(RowStatementV2 st, int branch, Scalar r, SecureRandom rng) {
    DisjunctiveChaumPedersen.Simulated s =
        DisjunctiveChaumPedersen.fresh(EncodingV2.BRANCHES, branch, rng);
    return prove(st, branch, r, s.u(), s.cs(), s.vs());
  }

  /**
   * Deterministic core (test vectors): u is the real branch's nonce; cs[j], vs[j] the simulated
   * branches' challenges and responses for j ≠ branch (entries at the real branch are ignored).
   */
  public static RowProofV2 prove(
      RowStatementV2 st, int branch, Scalar r, Scalar u, Scalar[] cs, Scalar[] vs) {
    Objects.requireNonNull(st, "statement");
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(u, "u");
    int n = EncodingV2.BRANCHES;
    if (branch < 0 || branch >= n) {
      throw new IllegalArgumentException("branch " + branch + " is outside 0..3: no proof exists");
    }
    if (cs.length != n || vs.length != n) {
      throw new IllegalArgumentException("simulated values must have 4 entries");
    }
    DisjunctiveChaumPedersen.Parts p =
        DisjunctiveChaumPedersen.prove(
            statement(st), branch, r, u, cs, vs, (as, bs) -> challenge(st, as, bs));
    return new RowProofV2(p.a(), p.b(), p.c(), p.v());
  }

  /** c = Hq("cvote/v2/row", Q, τ, λ, I2OSP(B,4), α, β, a_0, b_0, a_1, b_1, a_2, b_2, a_3, b_3). */
  static Scalar challenge(RowStatementV2 st, List<Point> as, List<Point> bs) {
    Transcript t =
        Transcript.of(Tag.ROW_V2)
            .hash(st.context())
            .hash(st.tokenHash())
            .string(st.label())
            .integer(st.encoding().base())
            .point(st.ct().alpha())
            .point(st.ct().beta());
    return DisjunctiveChaumPedersen.challenge(t, as, bs);
  }

  private static DisjunctiveChaumPedersen.Statement statement(RowStatementV2 st) {
    return new DisjunctiveChaumPedersen.Statement(st.ct(), st.jointKey(), st.values());
  }

  private DisjunctiveChaumPedersen.Parts parts() {
    return new DisjunctiveChaumPedersen.Parts(a, b, c, v);
  }

  /** The Fiat–Shamir part: Σ c_j equals the hash of the statement and the commitments. */
  public boolean challengeHolds(RowStatementV2 st) {
    return DisjunctiveChaumPedersen.challengeHolds(c, challenge(st, a, b));
  }

  /**
   * Full single verification: the hash, and a_j = v_j·G + c_j·α, b_j = v_j·K + c_j·(β − m_j·G) for
   * every j.
   */
  public boolean verify(RowStatementV2 st) {
    if (!challengeHolds(st)) {
      return false;
    }
    return DisjunctiveChaumPedersen.equationsHold(statement(st), parts());
  }

  /**
   * Adds the 8 equations, each with its own random weight, to a batch: z·a_j = z·v_j·G + z·c_j·α
   * and z'·b_j = z'·v_j·K + z'·c_j·β − z'·c_j·m_j·G.
   */
  void accumulate(RowStatementV2 st, LinearCheck acc, SecureRandom rng) {
    DisjunctiveChaumPedersen.accumulate(
        st.jointKey(), st.values(), List.of(st.ct()), parts(), acc, rng);
  }
}
