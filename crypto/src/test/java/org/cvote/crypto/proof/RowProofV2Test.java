package org.cvote.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;
import org.junit.jupiter.api.Test;

/**
 * The version 2 row proof (docs/protocol.md §16.3): one of {0, 1, B, B²}, strong Fiat–Shamir,
 * batchable.
 */
class RowProofV2Test {
  private final SecureRandom rng = new SecureRandom();
  private final Point k = Point.baseMul(Scalar.random(rng)).precomputed();
  private final Digest q = Digest.sha256(new byte[] {1});
  private final Digest tau = Digest.sha256(new byte[] {2});
  private final EncodingV2 enc = new EncodingV2(21);

  private RowStatementV2 st(Ciphertext ct) {
    return new RowStatementV2(q, tau, "s1", enc, k, ct);
  }

  @Test
  void everyBranchProvesAndVerifiesSinglyAndInBatch() {
    for (EncodingV2 e :
        List.of(new EncodingV2(2), enc, new EncodingV2(501), new EncodingV2(EncodingV2.MAX_BASE))) {
      BatchVerifier<Integer> batch = new BatchVerifier<>(rng);
      for (int branch = 0; branch < 4; branch++) {
        Scalar r = Scalar.random(rng);
        Ciphertext ct = ElGamal.encrypt(k, e.values().get(branch), r);
        RowStatementV2 s = new RowStatementV2(q, tau, "s3", e, k, ct);
        RowProofV2 p = RowProofV2.prove(s, branch, r, rng);
        assertTrue(p.verify(s), "B=" + e.base() + " branch " + branch);
        batch.addRowV2(branch, s, p);
      }
      assertEquals(List.of(), batch.failures(), "B=" + e.base());
    }
  }

  @Test
  void valuesOutsideTheSetCannotBeProved() {
    // 2, B−1, B+1, B²−1, B²+1, 2B, B³: every branch's honest-looking proof fails, singly and in a
    // batch
    long b = enc.base();
    for (long m : new long[] {2, b - 1, b + 1, b * b - 1, b * b + 1, 2 * b, b * b * b}) {
      Scalar r = Scalar.random(rng);
      Ciphertext ct = ElGamal.encrypt(k, m, r);
      for (int branch = 0; branch < 4; branch++) {
        RowProofV2 lie = RowProofV2.prove(st(ct), branch, r, rng);
        assertTrue(lie.challengeHolds(st(ct)), "the hash is honest; only the equations fail");
        assertFalse(lie.verify(st(ct)), "m=" + m + " branch " + branch);
        assertEquals(
            List.of("lie"), new BatchVerifier<String>(rng).addRowV2("lie", st(ct), lie).failures());
      }
    }
  }

  @Test
  void wrongBranchFails() {
    Scalar r = Scalar.random(rng);
    Ciphertext mid = ElGamal.encrypt(k, enc.base(), r); // MID, branch 2
    for (int wrong : new int[] {0, 1, 3}) {
      assertFalse(RowProofV2.prove(st(mid), wrong, r, rng).verify(st(mid)), "branch " + wrong);
    }
    assertTrue(RowProofV2.prove(st(mid), 2, r, rng).verify(st(mid)));
    assertThrows(IllegalArgumentException.class, () -> RowProofV2.prove(st(mid), 4, r, rng));
    assertThrows(IllegalArgumentException.class, () -> RowProofV2.prove(st(mid), -1, r, rng));
  }

  @Test
  void proofIsBoundToLabelTokenContextBaseKeyAndCiphertext() {
    Scalar r = Scalar.random(rng);
    Ciphertext ct = ElGamal.encrypt(k, 1, r);
    RowProofV2 p = RowProofV2.prove(st(ct), 1, r, rng);
    assertTrue(p.verify(st(ct)));
    assertFalse(p.verify(new RowStatementV2(q, tau, "s2", enc, k, ct)), "another row (relabelled)");
    assertFalse(
        p.verify(new RowStatementV2(q, Digest.sha256(new byte[] {3}), "s1", enc, k, ct)),
        "another token");
    assertFalse(
        p.verify(new RowStatementV2(Digest.sha256(new byte[] {4}), tau, "s1", enc, k, ct)),
        "another Q");
    assertFalse(p.verify(new RowStatementV2(q, tau, "s1", new EncodingV2(22), k, ct)), "another B");
    assertFalse(
        p.verify(new RowStatementV2(q, tau, "s1", enc, Point.baseMul(Scalar.random(rng)), ct)),
        "another key");
    assertFalse(p.verify(st(ElGamal.encrypt(k, 1, Scalar.random(rng)))), "another ciphertext");
  }

  @Test
  void proofForAnotherBaseFailsEvenWhenItsValueIsInBothSets() {
    // HIGH (1) and blank (0) are the same value for every B: only the hash binds B, and it does
    Scalar r = Scalar.random(rng);
    Ciphertext ct = ElGamal.encrypt(k, 1, r);
    EncodingV2 other = new EncodingV2(enc.base() + 1);
    RowProofV2 p = RowProofV2.prove(new RowStatementV2(q, tau, "s1", other, k, ct), 1, r, rng);
    assertTrue(p.verify(new RowStatementV2(q, tau, "s1", other, k, ct)));
    assertFalse(p.verify(st(ct)));
    assertEquals(List.of(0), new BatchVerifier<Integer>(rng).addRowV2(0, st(ct), p).failures());
  }

  @Test
  void weakFiatShamirForgeryIsRejected() {
    // Helios 2012 against the 4-branch proof: branch 0's commitments are fixed first, then (α, β)
    // is solved
    // from them, so a challenge over the commitments alone would let the forger close all four
    // branches.
    Scalar c0 = Scalar.random(rng);
    Scalar v0 = Scalar.random(rng);
    Point a0 = Point.baseMul(Scalar.random(rng));
    Point b0 = Point.baseMul(Scalar.random(rng));
    Point alpha = a0.subtract(Point.baseMul(v0)).multiply(c0.inverse());
    Point beta = b0.subtract(k.multiply(v0)).multiply(c0.inverse());
    Ciphertext ct = new Ciphertext(alpha, beta);
    List<Point> as = new ArrayList<>(List.of(a0));
    List<Point> bs = new ArrayList<>(List.of(b0));
    List<Scalar> cs = new ArrayList<>(List.of(c0));
    List<Scalar> vs = new ArrayList<>(List.of(v0));
    Transcript weak = Transcript.of(Tag.ROW_V2).point(a0).point(b0);
    Scalar weakC = weak.challenge();
    Scalar rest = weakC.subtract(c0);
    List<Long> values = enc.values();
    for (int j = 1; j < 4; j++) {
      Scalar cj = j < 3 ? Scalar.random(rng) : rest;
      if (j < 3) {
        rest = rest.subtract(cj);
      }
      Scalar vj = Scalar.random(rng);
      as.add(Point.sumOfTwo(Point.G, vj, alpha, cj));
      bs.add(Point.sumOfTwo(k, vj, beta.subtract(Point.baseMul(values.get(j))), cj));
      cs.add(cj);
      vs.add(vj);
    }
    RowProofV2 forged = new RowProofV2(as, bs, cs, vs);
    assertEquals(a0, Point.sumOfTwo(Point.G, v0, alpha, c0), "every group equation holds");
    assertEquals(b0, Point.sumOfTwo(k, v0, beta, c0));
    assertFalse(forged.verify(st(ct)));
    assertEquals(
        List.of("x"), new BatchVerifier<String>(rng).addRowV2("x", st(ct), forged).failures());
  }

  @Test
  void batchWeightsEveryEquationIndependently() {
    // Two responses shifted by +d and −d: the hash still holds (v is not hashed) and the errors d·G
    // − d·G
    // (and d·K − d·K) cancel under one shared weight; independent weights catch it, and the
    // fallback names it.
    Scalar d = Scalar.random(rng);
    List<String> ids = new ArrayList<>();
    BatchVerifier<String> batch = new BatchVerifier<>(rng);
    for (int i = 0; i < 12; i++) {
      int branch = i % 4;
      Scalar r = Scalar.random(rng);
      Ciphertext ct = ElGamal.encrypt(k, enc.values().get(branch), r);
      RowStatementV2 s = new RowStatementV2(q, tau, "s" + (i + 1), enc, k, ct);
      RowProofV2 p = RowProofV2.prove(s, branch, r, rng);
      if (i == 5) {
        List<Scalar> v = new ArrayList<>(p.v());
        v.set(0, v.get(0).add(d));
        v.set(1, v.get(1).subtract(d));
        List<Scalar> c = new ArrayList<>(p.c());
        p = new RowProofV2(p.a(), p.b(), c, v);
        assertTrue(p.challengeHolds(s));
        assertFalse(p.verify(s));
        ids.add("row" + i);
      }
      batch.addRowV2("row" + i, s, p);
    }
    assertEquals(ids, batch.failures());
  }

  @Test
  void shapeIsExactlyFourBranches() {
    Scalar r = Scalar.random(rng);
    Ciphertext ct = ElGamal.encrypt(k, 0, r);
    RowProofV2 p = RowProofV2.prove(st(ct), 0, r, rng);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RowProofV2(
                p.a().subList(0, 3),
                p.b().subList(0, 3),
                p.c().subList(0, 3),
                p.v().subList(0, 3)));
    List<Point> five = new ArrayList<>(p.a());
    five.add(p.a().get(0));
    assertThrows(IllegalArgumentException.class, () -> new RowProofV2(five, p.b(), p.c(), p.v()));
    RowProofV2 swapped =
        new RowProofV2(
            p.a(), p.b(), List.of(p.c().get(1), p.c().get(0), p.c().get(2), p.c().get(3)), p.v());
    assertFalse(swapped.verify(st(ct)));
  }
}
