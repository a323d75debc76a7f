package org.cvote.crypto.ballot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.RowProofV2;
import org.cvote.crypto.proof.RowStatementV2;

/**
 * The Java voter client for ballot version 2 (simulated voters, tests, benchmarks): one ciphertext
 * and one row proof per subject. The browser booth does the same in JavaScript; the vectors keep
 * them identical.
 */
public final class BallotV2Encryptor {
  /** No mark in a row: a deliberate blank (encrypts 0). */
  public static final int BLANK = BallotEncryptor.BLANK;

  /** The ballot and what cast-or-audit reveals: the choices and every r. Holds secrets. */
  public record Encrypted(BallotV2 ballot, int[] choices, Scalar[] randomness) {
    @Override
    public String toString() {
      return "Encrypted[" + ballot.rows().size() + " rows, choices and randomness redacted]";
    }
  }

  private BallotV2Encryptor() {}

  /** choices[i] ∈ {0 HIGH, 1 MID, 2 LOW, BLANK} for subject i+1. */
  public static Encrypted encrypt(
      String pollId,
      Digest context,
      Point jointKey,
      EncodingV2 encoding,
      Ballot.Token token,
      int[] choices,
      SecureRandom rng) {
    Objects.requireNonNull(pollId, "pollId");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(jointKey, "joint key");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(choices, "choices");
    Digest tau = BallotHashes.tokenHash(token.msg());
    List<BallotV2.Row> rows = new ArrayList<>(choices.length);
    Scalar[] rs = new Scalar[choices.length];
    for (int i = 0; i < choices.length; i++) {
      int branch;
      try {
        branch = EncodingV2.branch(choices[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("subject " + (i + 1) + ": " + e.getMessage(), e);
      }
      Scalar r = Scalar.random(rng);
      Ciphertext ct = ElGamal.encrypt(jointKey, encoding.values().get(branch), r);
      int s = i + 1;
      RowProofV2 p =
          RowProofV2.prove(
              new RowStatementV2(context, tau, BallotV2.label(s), encoding, jointKey, ct),
              branch,
              r,
              rng);
      rows.add(new BallotV2.Row(s, ct.alpha(), ct.beta(), p));
      rs[i] = r;
    }
    return new Encrypted(new BallotV2(pollId, token, rows), choices.clone(), rs);
  }
}
