package org.cvote.crypto.ballot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.RangeProof;
import org.cvote.crypto.proof.RangeStatement;

/**
 * The Java voter client (simulated voters, tests, benchmarks): encrypts one choice per subject and
 * proves it. The browser booth does the same in JavaScript; the cross-language vectors keep the two
 * identical.
 */
public final class BallotEncryptor {
  /** No mark in a row: a deliberate blank, not valid for that subject. */
  public static final int BLANK = -1;

  /** The ballot and what cast-or-audit reveals: the 0/1 choices and every r. Holds secrets. */
  public record Encrypted(Ballot ballot, int[][] choices, Scalar[][] randomness) {
    @Override
    public String toString() {
      return "Encrypted[" + ballot.rows().size() + " rows, choices and randomness redacted]";
    }
  }

  private BallotEncryptor() {}

  /** choices[i] ∈ {0 HIGH, 1 MID, 2 LOW, BLANK} for subject i+1. */
  public static Encrypted encrypt(
      String pollId,
      Digest context,
      Point jointKey,
      Ballot.Token token,
      int[] choices,
      SecureRandom rng) {
    Objects.requireNonNull(pollId, "pollId");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(jointKey, "joint key");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(choices, "choices");
    Digest tau = BallotHashes.tokenHash(token.msg());
    List<Ballot.Row> rows = new ArrayList<>(choices.length);
    int[][] bits = new int[choices.length][Labels.OPTIONS];
    Scalar[][] rs = new Scalar[choices.length][Labels.OPTIONS];
    for (int i = 0; i < choices.length; i++) {
      int choice = choices[i];
      if (choice != BLANK && (choice < 0 || choice >= Labels.OPTIONS)) {
        throw new IllegalArgumentException(
            "choice for subject " + (i + 1) + " must be 0, 1, 2 or blank, got " + choice);
      }
      int s = i + 1;
      List<Ballot.Option> opts = new ArrayList<>(Labels.OPTIONS);
      Ciphertext sum = Ciphertext.ZERO;
      Scalar rSum = Scalar.ZERO;
      for (int j = 0; j < Labels.OPTIONS; j++) {
        int m = choice == j ? 1 : 0;
        Scalar r = Scalar.random(rng);
        Ciphertext ct = ElGamal.encrypt(jointKey, m, r);
        RangeProof p =
            RangeProof.prove(
                RangeStatement.of(context, tau, Labels.option(s, j), jointKey, ct, 1), m, r, rng);
        opts.add(new Ballot.Option(ct.alpha(), ct.beta(), p));
        sum = sum.add(ct);
        rSum = rSum.add(r);
        bits[i][j] = m;
        rs[i][j] = r;
      }
      int rowM = choice == BLANK ? 0 : 1;
      RangeProof rowProof =
          RangeProof.prove(
              RangeStatement.of(context, tau, Labels.row(s), jointKey, sum, 1), rowM, rSum, rng);
      rows.add(new Ballot.Row(s, opts, rowProof));
    }
    return new Encrypted(new Ballot(pollId, token, rows), bits, rs);
  }
}
