package org.cvote.crypto.ballot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;

/**
 * A line of ballots.ndjson / the board of a version 2 poll: the ballot of §16.2 plus index, B_k and
 * T_k.
 */
@JsonPropertyOrder({"poll", "token", "rows", "index", "hash", "chain"})
public record RecordedBallotV2(
    String poll, Ballot.Token token, List<BallotV2.Row> rows, int index, Digest hash, Digest chain)
    implements RecordedLine {
  public RecordedBallotV2 {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(chain, "chain");
    rows = List.copyOf(rows);
  }

  public static RecordedBallotV2 of(BallotV2 b, int index, Digest hash, Digest chain) {
    return new RecordedBallotV2(b.poll(), b.token(), b.rows(), index, hash, chain);
  }

  public BallotV2 ballot() {
    return new BallotV2(poll, token, rows);
  }
}
