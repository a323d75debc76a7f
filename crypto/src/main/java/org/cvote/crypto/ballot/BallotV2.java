package org.cvote.crypto.ballot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;
import org.cvote.crypto.proof.RowProofV2;

/**
 * The encrypted ballot of ballot version 2 (docs/protocol.md §16.2, a strict JSON object): one
 * ciphertext per row, encrypting 0, 1, B or B², with its row proof. The token is the same as in
 * version 1.
 */
@JsonPropertyOrder({"poll", "token", "rows"})
public record BallotV2(String poll, Ballot.Token token, List<Row> rows) {
  public BallotV2 {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(rows, "rows");
    rows = List.copyOf(rows);
  }

  /** One subject's row: (α, β) and the proof that it encrypts one of {0, 1, B, B²}. */
  @JsonPropertyOrder({"subject", "alpha", "beta", "proof"})
  public record Row(int subject, Point alpha, Point beta, RowProofV2 proof) {
    public Row {
      Objects.requireNonNull(alpha, "alpha");
      Objects.requireNonNull(beta, "beta");
      Objects.requireNonNull(proof, "proof");
    }
  }

  /**
   * The row label λ of version 2: {@code s<i>} (decimal, no leading zero), for the row proof and
   * the decryption.
   */
  public static String label(int subject) {
    if (subject < 1) {
      throw new IllegalArgumentException("no label for subject " + subject);
    }
    return "s" + subject;
  }

  /**
   * B = H("cvote/v2/ballot", Q, τ, α_1, β_1, …, α_S, β_S) (§16.5): the ciphertexts, not the proofs.
   */
  public static Digest hash(Digest context, Digest tokenHash, List<Row> rows) {
    Transcript t = Transcript.of(Tag.BALLOT_V2).hash(context).hash(tokenHash);
    for (Row r : rows) {
      t.point(r.alpha()).point(r.beta());
    }
    return t.digest();
  }

  public Digest hash(Digest context) {
    return hash(context, BallotHashes.tokenHash(token.msg()), rows);
  }
}
