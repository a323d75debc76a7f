package org.cvote.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.junit.jupiter.api.Test;

class ProofTest {
  private final SecureRandom rng = new SecureRandom();
  private final Point k = Point.baseMul(Scalar.random(rng));
  private final Digest q = Digest.sha256(new byte[] {1});
  private final Digest tau = Digest.sha256(new byte[] {2});

  private RangeStatement st(Ciphertext ct, String label, int l) {
    return RangeStatement.of(q, tau, label, k, ct, l);
  }

  @Test
  void rangeProofRoundTripForEveryValueAndBound() {
    for (int l = 1; l <= 4; l++) {
      for (int m = 0; m <= l; m++) {
        Scalar r = Scalar.random(rng);
        Ciphertext ct = ElGamal.encrypt(k, m, r);
        RangeProof p = RangeProof.prove(st(ct, "s1/o0", l), m, r, rng);
        assertTrue(p.verify(st(ct, "s1/o0", l)), "L=" + l + " m=" + m);
      }
    }
  }

  @Test
  void cannotProveOutOfRange() {
    Scalar r = Scalar.random(rng);
    Ciphertext ct = ElGamal.encrypt(k, 2, r);
    assertThrows(
        IllegalArgumentException.class, () -> RangeProof.prove(st(ct, "s1/o0", 1), 2, r, rng));
    // an honest-looking proof for branch 1 over an encryption of 2 fails
    RangeProof lie = RangeProof.prove(st(ct, "s1/o0", 1), 1, r, rng);
    assertFalse(lie.verify(st(ct, "s1/o0", 1)));
    RangeProof lie0 = RangeProof.prove(st(ct, "s1/o0", 1), 0, r, rng);
    assertFalse(lie0.verify(st(ct, "s1/o0", 1)));
  }

  @Test
  void proofIsBoundToLabelTokenContextAndCiphertext() {
    Scalar r = Scalar.random(rng);
    Ciphertext ct = ElGamal.encrypt(k, 1, r);
    RangeProof p = RangeProof.prove(st(ct, "s1/o0", 1), 1, r, rng);
    assertTrue(p.verify(st(ct, "s1/o0", 1)));
    assertFalse(p.verify(st(ct, "s1/o1", 1)), "another label");
    assertFalse(
        p.verify(RangeStatement.of(q, Digest.sha256(new byte[] {3}), "s1/o0", k, ct, 1)),
        "another token");
    assertFalse(
        p.verify(RangeStatement.of(Digest.sha256(new byte[] {4}), tau, "s1/o0", k, ct, 1)),
        "another Q");
    Ciphertext other = ElGamal.encrypt(k, 1, Scalar.random(rng));
    assertFalse(p.verify(st(other, "s1/o0", 1)), "another ciphertext");
    Point k2 = Point.baseMul(Scalar.random(rng));
    assertFalse(p.verify(RangeStatement.of(q, tau, "s1/o0", k2, ct, 1)), "another key");
  }

  @Test
  void swappedChallengesAreRejected() {
    Scalar r = Scalar.random(rng);
    Ciphertext ct = ElGamal.encrypt(k, 0, r);
    RangeProof p = RangeProof.prove(st(ct, "s1/o0", 1), 0, r, rng);
    RangeProof swapped = new RangeProof(p.a(), p.b(), List.of(p.c().get(1), p.c().get(0)), p.v());
    assertFalse(swapped.verify(st(ct, "s1/o0", 1)));
    RangeProof swappedAll =
        new RangeProof(
            List.of(p.a().get(1), p.a().get(0)),
            List.of(p.b().get(1), p.b().get(0)),
            List.of(p.c().get(1), p.c().get(0)),
            List.of(p.v().get(1), p.v().get(0)));
    assertFalse(swappedAll.verify(st(ct, "s1/o0", 1)));
  }

  @Test
  void weakFiatShamirForgeryIsRejected() {
    // Helios 2012: if the challenge omits the statement, a prover can pick (α, β) after the
    // challenges
    // so that both branches verify algebraically for a ciphertext that encrypts anything.
    Scalar c0 = Scalar.random(rng);
    Scalar v0 = Scalar.random(rng);
    Scalar v1 = Scalar.random(rng);
    Point a0 = Point.baseMul(Scalar.random(rng));
    Point b0 = Point.baseMul(Scalar.random(rng));
    Point alpha = a0.subtract(Point.baseMul(v0)).multiply(c0.inverse());
    Point beta = b0.subtract(k.multiply(v0)).multiply(c0.inverse());
    Ciphertext ct = new Ciphertext(alpha, beta);
    // weak challenge: a hash over the commitments only would let the forger choose c1 = c − c0
    Scalar weakC =
        org.cvote.crypto.hash.Transcript.of(org.cvote.crypto.hash.Tag.RANGE)
            .point(a0)
            .point(b0)
            .challenge();
    Scalar c1 = weakC.subtract(c0);
    Point a1 = Point.sumOfTwo(Point.G, v1, alpha, c1);
    Point b1 = Point.sumOfTwo(k, v1, beta.subtract(Point.G), c1);
    RangeProof forged =
        new RangeProof(List.of(a0, a1), List.of(b0, b1), List.of(c0, c1), List.of(v0, v1));
    // Every group equation holds, so only the strong challenge stops it:
    assertEquals(a0, Point.sumOfTwo(Point.G, v0, alpha, c0));
    assertEquals(b0, Point.sumOfTwo(k, v0, beta, c0));
    assertFalse(forged.verify(st(ct, "s1/o0", 1)));
    assertFalse(
        new BatchVerifier<String>(rng).addRange("x", st(ct, "s1/o0", 1), forged).verifyAll());
  }

  @Test
  void rangeProofPreconditions() {
    Point p = Point.G;
    Scalar s = Scalar.ONE;
    assertThrows(
        IllegalArgumentException.class,
        () -> new RangeProof(List.of(p), List.of(p), List.of(s), List.of(s)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RangeProof(List.of(p, p), List.of(p), List.of(s, s), List.of(s, s)));
    assertThrows(
        NullPointerException.class, () -> new RangeProof(null, List.of(p), List.of(s), List.of(s)));
    Ciphertext ct = ElGamal.encrypt(k, 0, s);
    assertThrows(IllegalArgumentException.class, () -> RangeStatement.of(q, tau, "x", k, ct, 0));
    assertThrows(NullPointerException.class, () -> RangeStatement.of(null, tau, "x", k, ct, 1));
    assertThrows(IllegalArgumentException.class, () -> ElGamal.encrypt(k, -1, s));
    assertThrows(IllegalArgumentException.class, () -> ElGamal.encrypt(k, 0, Scalar.ZERO));
  }

  @Test
  void schnorrProof() {
    Digest gamma = Digest.sha256(new byte[] {9});
    Scalar a = Scalar.random(rng);
    Point bigA = Point.baseMul(a);
    SchnorrProof p = SchnorrProof.prove(gamma, 1, 0, a, rng);
    assertTrue(p.verify(gamma, 1, 0, bigA));
    assertFalse(p.verify(gamma, 2, 0, bigA), "another member");
    assertFalse(p.verify(gamma, 1, 1, bigA), "another coefficient");
    assertFalse(p.verify(Digest.sha256(new byte[] {8}), 1, 0, bigA), "another ceremony");
    assertFalse(p.verify(gamma, 1, 0, bigA.add(Point.G)), "another key");
    assertThrows(IllegalArgumentException.class, () -> SchnorrProof.prove(gamma, 0, 0, a, rng));
  }

  @Test
  void decryptionProof() {
    Scalar s = Scalar.random(rng);
    Point bigS = Point.baseMul(s);
    Point alpha = Point.baseMul(Scalar.random(rng));
    DecryptionProof.Statement st =
        new DecryptionProof.Statement(q, 2, "s1/o0", bigS, alpha, alpha.multiply(s));
    DecryptionProof p = DecryptionProof.prove(st, s, rng);
    assertTrue(p.verify(st));
    assertFalse(
        p.verify(
            new DecryptionProof.Statement(
                q, 2, "s1/o0", bigS, alpha, alpha.multiply(s).add(Point.G))),
        "wrong M");
    assertFalse(
        p.verify(new DecryptionProof.Statement(q, 3, "s1/o0", bigS, alpha, alpha.multiply(s))),
        "another member");
    assertFalse(
        p.verify(new DecryptionProof.Statement(q, 2, "s1/o1", bigS, alpha, alpha.multiply(s))),
        "another label");
    Scalar wrong = Scalar.random(rng);
    DecryptionProof.Statement lie =
        new DecryptionProof.Statement(q, 2, "s1/o0", bigS, alpha, alpha.multiply(wrong));
    assertFalse(DecryptionProof.prove(lie, wrong, rng).verify(lie), "M from another secret");
    assertThrows(
        IllegalArgumentException.class,
        () -> new DecryptionProof.Statement(q, 0, "x", bigS, alpha, alpha));
  }

  @Test
  void batchAcceptsExactlyWhatSingleAccepts() {
    BatchVerifier<Integer> batch = new BatchVerifier<>(rng);
    List<Boolean> singles = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int m = i % 2;
      Scalar r = Scalar.random(rng);
      Ciphertext ct = ElGamal.encrypt(k, m, r);
      RangeStatement s = st(ct, "s1/o" + (i % 3), 1);
      RangeProof p = RangeProof.prove(s, m, r, rng);
      if (i == 17) {
        p =
            new RangeProof(
                p.a(),
                p.b(),
                p.c(),
                List.of(p.v().get(0).add(Scalar.ONE), p.v().get(1))); // bad equation, hash intact
      }
      if (i == 42) {
        s = st(ct, "s9/o9", 1); // bad hash
      }
      singles.add(p.verify(s));
      batch.addRange(i, s, p);
    }
    assertEquals(List.of(17, 42), batch.failures());
    for (int i = 0; i < singles.size(); i++) {
      assertEquals(i != 17 && i != 42, singles.get(i));
    }
  }

  @Test
  void batchOfMixedProofTypesAllValid() {
    BatchVerifier<String> batch = new BatchVerifier<>(rng);
    Digest gamma = Digest.sha256(new byte[] {7});
    for (int i = 1; i <= 10; i++) {
      Scalar a = Scalar.random(rng);
      batch.addSchnorr(
          "sch" + i, gamma, i, 0, Point.baseMul(a), SchnorrProof.prove(gamma, i, 0, a, rng));
      Scalar s = Scalar.random(rng);
      Point alpha = Point.baseMul(Scalar.random(rng));
      DecryptionProof.Statement st =
          new DecryptionProof.Statement(q, i, "s1/o0", Point.baseMul(s), alpha, alpha.multiply(s));
      batch.addDecryption("dec" + i, st, DecryptionProof.prove(st, s, rng));
    }
    assertTrue(batch.verifyAll());
    Scalar a = Scalar.random(rng);
    batch.addSchnorr(
        "bad", gamma, 1, 0, Point.baseMul(a).add(Point.G), SchnorrProof.prove(gamma, 1, 0, a, rng));
    assertEquals(List.of("bad"), batch.failures());
  }

  @Test
  void rowProofOverSumOfParts() {
    // the batch distributes the row statement over its parts; it must agree with the single check
    // on the sum
    List<Ciphertext> parts = new ArrayList<>();
    Scalar rs = Scalar.ZERO;
    for (int j = 0; j < 3; j++) {
      Scalar r = Scalar.random(rng);
      parts.add(ElGamal.encrypt(k, j == 1 ? 1 : 0, r));
      rs = rs.add(r);
    }
    Ciphertext sum = Ciphertext.sum(parts);
    RangeStatement single = RangeStatement.of(q, tau, "s1/row", k, sum, 1);
    RangeProof p = RangeProof.prove(single, 1, rs, rng);
    RangeStatement split = new RangeStatement(q, tau, "s1/row", k, sum, 1, parts);
    assertTrue(p.verify(single));
    assertTrue(
        new BatchVerifier<String>(rng)
            .addRange("r", split, p)
            .addRange("r2", split, p)
            .addRange("r3", split, p)
            .addRange("r4", split, p)
            .verifyAll());
    RangeProof bad =
        new RangeProof(p.a(), p.b(), p.c(), List.of(p.v().get(0), p.v().get(1).add(Scalar.ONE)));
    assertEquals(
        List.of("bad"),
        new BatchVerifier<String>(rng)
            .addRange("ok1", split, p)
            .addRange("ok2", split, p)
            .addRange("bad", split, bad)
            .addRange("ok3", split, p)
            .failures());
  }
}
