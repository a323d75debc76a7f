package org.cvote.crypto.proof;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.cvote.crypto.group.LinearCheck;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * Chaum–Pedersen proof that M = s·α for the public share S = s·G (docs/protocol.md §5): c =
 * Hq("cvote/v1/dleq", Q, i, λ, S, α, M, a, b).
 */
public record DecryptionProof(Point a, Point b, Scalar c, Scalar v) {
  public DecryptionProof {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(v, "v");
  }

  /** The statement: member i's share S, the aggregate α of label λ and the partial decryption M. */
  public record Statement(
      Digest context, int member, String label, Point share, Point alpha, Point partial) {
    public Statement {
      Objects.requireNonNull(context, "context Q");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(share, "public share");
      Objects.requireNonNull(alpha, "alpha");
      Objects.requireNonNull(partial, "partial decryption");
      if (member < 1) {
        throw new IllegalArgumentException("member index must be ≥ 1, got " + member);
      }
    }
  }

  /** Proves M = s·α with a fresh nonce; returns the proof (M is in the statement). */
  public static DecryptionProof prove(Statement st, Scalar s, SecureRandom rng) {
    return prove(st, s, Scalar.random(rng));
  }

  public static DecryptionProof prove(Statement st, Scalar s, Scalar u) {
    Objects.requireNonNull(s, "secret share");
    Objects.requireNonNull(u, "u");
    Point a = Point.baseMul(u);
    Point b = st.alpha().multiply(u);
    Scalar c = challenge(st, a, b);
    return new DecryptionProof(a, b, c, u.subtract(c.multiply(s)));
  }

  static Scalar challenge(Statement st, Point a, Point b) {
    return Transcript.of(Tag.DLEQ)
        .hash(st.context())
        .integer(st.member())
        .string(st.label())
        .point(st.share())
        .point(st.alpha())
        .point(st.partial())
        .point(a)
        .point(b)
        .challenge();
  }

  public boolean challengeHolds(Statement st) {
    return c.equals(challenge(st, a, b));
  }

  public boolean verify(Statement st) {
    return challengeHolds(st)
        && a.equals(Point.sumOfTwo(Point.G, v, st.share(), c))
        && b.equals(Point.sumOfTwo(st.alpha(), v, st.partial(), c));
  }

  void accumulate(Statement st, LinearCheck acc, SecureRandom rng) {
    BigInteger z1 = Weights.next(rng);
    BigInteger z2 = Weights.next(rng);
    BigInteger vv = v.toBigInteger();
    BigInteger cc = c.toBigInteger();
    acc.left(a, z1);
    acc.left(b, z2);
    acc.base(z1.multiply(vv));
    acc.right(st.share(), z1.multiply(cc));
    acc.right(st.alpha(), z2.multiply(vv));
    acc.right(st.partial(), z2.multiply(cc));
  }
}
