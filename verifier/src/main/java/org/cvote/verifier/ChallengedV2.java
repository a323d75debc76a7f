package org.cvote.verifier;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;

/**
 * A challenged ballot of ballot version 2 (docs/protocol.md §16.8): per row the revealed plaintext
 * (0, 1, B or B²) and its r. Q, K and B come from the published poll, never from the file; the
 * file's own, when present, must equal them. Each row re-encrypts to the ciphertext shown, every
 * value is one of the four, and the row proofs verify under B.
 */
public record ChallengedV2(
    String poll,
    @JsonProperty("Q") Digest q,
    @JsonProperty("K") Point k,
    @JsonProperty("B") Integer b,
    BallotV2 ballot,
    List<Long> values,
    List<Scalar> randomness) {
  /** Problems found against the published poll; empty when the file matches what was revealed. */
  public List<String> check(PublishedPoll published) {
    List<String> out = new ArrayList<>();
    if (ballot == null || values == null || randomness == null) {
      out.add("the file must hold ballot, values and randomness");
      return out;
    }
    EncodingV2 enc = published.encoding();
    if (enc == null) {
      out.add("B: the published poll is ballot version 1; this is a version 2 challenged ballot");
      return out;
    }
    String binding = ChallengeBinding.bindingProblem(published, poll, q, k, "");
    if (binding != null) {
      out.add(binding);
      return out;
    }
    if (b != null && b != enc.base()) {
      out.add("B: the file's B = " + b + " is not the published manifest's B = " + enc.base());
      return out;
    }
    int rows = ballot.rows().size();
    String rowsProblem = ChallengeBinding.rowsProblem(published, rows);
    if (rowsProblem != null) {
      out.add(rowsProblem);
      return out;
    }
    String pollProblem = ChallengeBinding.ballotPollProblem(poll, ballot.poll());
    if (pollProblem != null) {
      out.add(pollProblem);
    }
    String sizes =
        ChallengeBinding.revealedSizeProblem(
            "values/randomness", rows, values.size(), randomness.size());
    if (sizes != null) {
      out.add(sizes);
      return out;
    }
    List<Long> allowed = enc.values();
    for (int i = 0; i < rows; i++) {
      Long m = values.get(i);
      Scalar r = randomness.get(i);
      if (m == null || !allowed.contains(m)) {
        out.add(
            "row "
                + (i + 1)
                + ": the value must be 0, 1, B or B² (B = "
                + enc.base()
                + "), got "
                + m);
        continue;
      }
      if (r.isZero()) {
        out.add("row " + (i + 1) + ": r must not be 0");
        continue;
      }
      Ciphertext ct = ElGamal.encrypt(published.k(), m, r);
      BallotV2.Row row = ballot.rows().get(i);
      if (!ct.alpha().equals(row.alpha()) || !ct.beta().equals(row.beta())) {
        out.add(
            "row "
                + (i + 1)
                + ": re-encryption of "
                + m
                + " with the revealed r differs from the ciphertext shown");
      }
    }
    if (out.isEmpty()) {
      ChallengeBinding.addProofProblems(
          out,
          BallotV2Verifier.create(published.q(), published.k(), poll, rows, enc)
              .verify(ballot, new SecureRandom()));
    }
    return out;
  }

  /** B_k of the revealed ballot under the published Q (docs/protocol.md §16.5). */
  public Digest ballotHash(PublishedPoll published) {
    return ballot.hash(published.q());
  }

  /** What the voter chose, in words, per row (the value's level under the published B). */
  public List<String> revealed(PublishedPoll published) {
    List<String> out = new ArrayList<>();
    String[] names = {"blank", "HIGH (Tín nhiệm cao)", "MID (Tín nhiệm)", "LOW (Tín nhiệm thấp)"};
    List<Long> allowed = published.encoding() == null ? List.of() : published.encoding().values();
    for (Long m : values) {
      int j = allowed.indexOf(m);
      out.add(j < 0 ? "not a value of this poll: " + m : names[j]);
    }
    return out;
  }
}
