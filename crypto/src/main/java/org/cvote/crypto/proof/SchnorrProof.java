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
 * Schnorr proof of knowledge of a for A = a·G, for coefficient j of member i in ceremony γ
 * (docs/protocol.md §5): c = Hq("cvote/v1/schnorr", γ, i, j, A, h). γ binds poll, n, t and every
 * member's keys, so a proof cannot be replayed into another ceremony or slot.
 */
public record SchnorrProof(Point h, Scalar c, Scalar v) {
  public SchnorrProof {
    Objects.requireNonNull(h, "h");
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(v, "v");
  }

  public static SchnorrProof prove(
      Digest ceremonyId, int member, int coefficient, Scalar a, SecureRandom rng) {
    return prove(ceremonyId, member, coefficient, a, Scalar.random(rng));
  }

  public static SchnorrProof prove(
      Digest ceremonyId, int member, int coefficient, Scalar a, Scalar u) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(u, "u");
    Point bigA = Point.baseMul(a);
    Point h = Point.baseMul(u);
    Scalar c = challenge(ceremonyId, member, coefficient, bigA, h);
    return new SchnorrProof(h, c, u.subtract(c.multiply(a)));
  }

  static Scalar challenge(Digest ceremonyId, int member, int coefficient, Point bigA, Point h) {
    Objects.requireNonNull(ceremonyId, "ceremony id");
    if (member < 1 || coefficient < 0) {
      throw new IllegalArgumentException("member must be ≥ 1 and coefficient ≥ 0");
    }
    return Transcript.of(Tag.SCHNORR)
        .hash(ceremonyId)
        .integer(member)
        .integer(coefficient)
        .point(bigA)
        .point(h)
        .challenge();
  }

  public boolean challengeHolds(Digest ceremonyId, int member, int coefficient, Point bigA) {
    return c.equals(challenge(ceremonyId, member, coefficient, bigA, h));
  }

  public boolean verify(Digest ceremonyId, int member, int coefficient, Point bigA) {
    return challengeHolds(ceremonyId, member, coefficient, bigA)
        && h.equals(Point.sumOfTwo(Point.G, v, bigA, c));
  }

  void accumulate(Point bigA, LinearCheck acc, SecureRandom rng) {
    BigInteger z = Weights.next(rng);
    acc.left(h, z);
    acc.base(z.multiply(v.toBigInteger()));
    acc.right(bigA, z.multiply(c.toBigInteger()));
  }
}
