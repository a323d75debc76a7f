package org.cvote.crypto.ballot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;

/** A line of ballots.ndjson / the board: the ballot of §7 plus its chain position, B_k and T_k. */
@JsonPropertyOrder({"poll", "token", "rows", "index", "hash", "chain"})
public record RecordedBallot(
    String poll, Ballot.Token token, List<Ballot.Row> rows, int index, Digest hash, Digest chain)
    implements RecordedLine {
  public RecordedBallot {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(chain, "chain");
    rows = List.copyOf(rows);
  }

  public static RecordedBallot of(Ballot b, int index, Digest hash, Digest chain) {
    return new RecordedBallot(b.poll(), b.token(), b.rows(), index, hash, chain);
  }

  public Ballot ballot() {
    return new Ballot(poll, token, rows);
  }
}
