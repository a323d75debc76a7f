package org.cvote.tools.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.RangeProof;
import org.cvote.crypto.proof.RangeStatement;
import org.cvote.crypto.threshold.DiscreteLog;

/**
 * Prints the crypto core's costs on this machine from one run (a benchmark, never a test): scalar
 * multiplications, single vs batched range-proof verification, and BSGS. Run: {@code
 * bin/cvote-bench-crypto [--quick]}.
 */
public final class CryptoBench {
  private CryptoBench() {}

  public static void main(String[] args) throws Exception {
    boolean quick = args.length > 0 && args[0].equals("--quick");
    SecureRandom rng = new SecureRandom();
    Point k = Point.baseMul(Scalar.random(rng)).precomputed();
    Digest q = Digest.sha256(new byte[] {1});
    Digest tau = Digest.sha256(new byte[] {2});

    int mults = quick ? 2_000 : 10_000;
    List<Scalar> scalars = new ArrayList<>();
    for (int i = 0; i < mults; i++) {
      scalars.add(Scalar.random(rng));
    }
    Point var = Point.baseMul(Scalar.random(rng));
    time("warm-up", mults, () -> scalars.forEach(s -> Point.baseMul(s)));
    double fixed =
        time(
            "fixed-base scalar multiplication (comb, G)",
            mults,
            () -> scalars.forEach(Point::baseMul));
    double variable =
        time(
            "variable-base scalar multiplication (wNAF)",
            mults,
            () -> scalars.forEach(var::multiply));
    time(
        "two-term a·P + b·Q (Shamir)",
        mults / 2,
        () -> {
          for (int i = 0; i + 1 < scalars.size(); i += 2) {
            Point.sumOfTwo(Point.G, scalars.get(i), var, scalars.get(i + 1));
          }
        });

    int maxProofs = quick ? 4_000 : 20_000;
    BatchFigures bf = batchSpeedup(maxProofs, quick ? 1_000 : 3_000, k, rng);
    double single = bf.singleMicros();
    double b1000 = bf.batched1000Micros();
    double bMax = bf.batchedMicros();
    System.out.printf(
        Locale.ROOT,
        "%-52s %10.2fx%n",
        "batch speed-up at " + maxProofs + " proofs (single / batched)",
        single / bMax);
    System.out.printf(
        Locale.ROOT, "%-52s %10.2fx%n", "batch speed-up at 1000 proofs", single / b1000);

    // Whole 5-subject ballots (15 option proofs + 5 row proofs): what the server checks per cast.
    int nb = quick ? 200 : 1_000;
    List<org.cvote.crypto.ballot.Ballot> ballots = new ArrayList<>();
    for (int i = 0; i < nb; i++) {
      byte[] msg = new byte[112];
      rng.nextBytes(msg);
      int[] choices = {i % 3, (i + 1) % 3, -1, i % 2, 2};
      ballots.add(
          org.cvote.crypto.ballot.BallotEncryptor.encrypt(
                  "bench",
                  q,
                  k,
                  new org.cvote.crypto.ballot.Ballot.Token(msg, new byte[384]),
                  choices,
                  rng)
              .ballot());
    }
    org.cvote.crypto.ballot.BallotVerifier bv =
        org.cvote.crypto.ballot.BallotVerifier.create(q, k, "bench", 5);
    double perBallot =
        time(
            "5-subject ballot, verified alone (per-ballot batch)",
            nb,
            () -> {
              for (org.cvote.crypto.ballot.Ballot b : ballots) {
                if (!bv.verify(b, rng).isEmpty()) {
                  throw new AssertionError("ballot");
                }
              }
            });
    double inBatch =
        time(
            "5-subject ballot, in one batch of " + nb + " ballots",
            nb,
            () -> {
              BatchVerifier<String> b = new BatchVerifier<>(rng);
              for (org.cvote.crypto.ballot.Ballot x : ballots) {
                bv.addProofs(
                    x, org.cvote.crypto.ballot.BallotHashes.tokenHash(x.token().msg()), b, "");
              }
              if (!b.verifyAll()) {
                throw new AssertionError("batch of ballots");
              }
            });
    System.out.printf(
        Locale.ROOT, "%-52s %10.0f /s%n", "ballots/s per core, verified alone", 1e6 / perBallot);
    System.out.printf(
        Locale.ROOT, "%-52s %10.0f /s%n", "ballots/s per core, batched", 1e6 / inBatch);

    for (long m : new long[] {1_000, 100_000, 1_000_000}) {
      Point target = Point.baseMul(m);
      long t0 = System.nanoTime();
      long got = DiscreteLog.solve(target, m);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (got != m) {
        throw new AssertionError("BSGS");
      }
      System.out.printf(
          Locale.ROOT, "%-52s %10.1f ms%n", "BSGS for m = " + m + " (bound " + m + ")", ms);
    }
    System.out.printf(
        Locale.ROOT,
        "%nfixed %.1f µs, variable %.1f µs, single proof %.1f µs, batched %.1f µs/proof (1000), %.1f µs/proof (%d)%n",
        fixed,
        variable,
        single,
        b1000,
        bMax,
        maxProofs);
  }

  /**
   * µs per range proof (L = 1): verified one at a time, in a batch of 1,000, and in one batch of
   * {@code proofs}.
   */
  public record BatchFigures(
      int proofs, double singleMicros, double batched1000Micros, double batchedMicros) {
    public double speedup() {
      return singleMicros / batchedMicros;
    }
  }

  /**
   * Measures single against batched range-proof verification on fresh proofs (prints each line).
   */
  public static BatchFigures batchSpeedup(int proofs, int singles, Point k, SecureRandom rng) {
    if (proofs < 1_000 || singles < 1 || singles > proofs) {
      throw new IllegalArgumentException(
          "need proofs >= 1000 and 1 <= singles <= proofs, got " + proofs + "/" + singles);
    }
    Digest q = Digest.sha256(new byte[] {1});
    Digest tau = Digest.sha256(new byte[] {2});
    List<RangeStatement> sts = new ArrayList<>();
    List<RangeProof> all = new ArrayList<>();
    for (int i = 0; i < proofs; i++) {
      int m = i & 1;
      Scalar r = Scalar.random(rng);
      Ciphertext ct = ElGamal.encrypt(k, m, r);
      RangeStatement st = RangeStatement.of(q, tau, "s" + (1 + i % 5) + "/o" + (i % 3), k, ct, 1);
      sts.add(st);
      all.add(RangeProof.prove(st, m, r, rng));
    }
    time(
        "warm-up (single verification)",
        singles,
        () -> {
          for (int i = 0; i < singles; i++) {
            all.get(i).verify(sts.get(i));
          }
        });
    double single =
        time(
            "single range-proof verification (L = 1)",
            singles,
            () -> {
              for (int i = 0; i < singles; i++) {
                if (!all.get(i).verify(sts.get(i))) {
                  throw new AssertionError("proof " + i);
                }
              }
            });
    double b1000 = batch(rng, sts, all, 1_000);
    double bMax = batch(rng, sts, all, proofs);
    return new BatchFigures(proofs, single, b1000, bMax);
  }

  private static double batch(
      SecureRandom rng, List<RangeStatement> sts, List<RangeProof> proofs, int n) {
    return time(
        "batched range-proof verification, batch of " + n,
        n,
        () -> {
          BatchVerifier<Integer> b = new BatchVerifier<>(rng);
          for (int i = 0; i < n; i++) {
            b.addRange(i, sts.get(i), proofs.get(i));
          }
          if (!b.verifyAll()) {
            throw new AssertionError("batch");
          }
        });
  }

  /** Runs the task once and prints µs per item. */
  private static double time(String what, int items, Runnable task) {
    long t0 = System.nanoTime();
    task.run();
    double us = (System.nanoTime() - t0) / 1e3 / items;
    System.out.printf(Locale.ROOT, "%-52s %10.2f µs%n", what, us);
    return us;
  }
}
