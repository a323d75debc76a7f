package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;

/**
 * aggregate.json of a ballot version 2 record (docs/protocol.md §16.6): the number of ballots and,
 * per subject, the sum of the ballots' row ciphertexts, which encrypts n_H + n_M·B + n_L·B². With
 * no ballot: count 0 and rows []. The record version 2 fields (version, closing) come from {@link
 * ClosingRecord}, as for version 1 ballots.
 */
@JsonPropertyOrder({"count", "rows"})
public record AggregateFileV2(long count, List<Row> rows) {
  public AggregateFileV2 {
    Objects.requireNonNull(rows, "rows");
    rows = List.copyOf(rows);
  }

  @JsonPropertyOrder({"subject", "alpha", "beta"})
  public record Row(int subject, Point alpha, Point beta) {
    public Row {
      Objects.requireNonNull(alpha, "alpha");
      Objects.requireNonNull(beta, "beta");
    }

    public static Row of(int subject, Ciphertext c) {
      return new Row(subject, c.alpha(), c.beta());
    }

    public Ciphertext ciphertext() {
      return new Ciphertext(alpha, beta);
    }
  }
}
