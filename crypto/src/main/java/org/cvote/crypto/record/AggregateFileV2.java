package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;

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

  /**
   * Σ of the ballots' row ciphertexts per subject; the ballots must already have the manifest's
   * shape (S rows each).
   */
  public static AggregateFileV2 of(List<RecordedBallotV2> ballots, int subjects) {
    if (ballots.isEmpty()) {
      return new AggregateFileV2(0, List.of());
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < subjects; i++) {
      PointSum a = new PointSum();
      PointSum b = new PointSum();
      for (RecordedBallotV2 rb : ballots) {
        BallotV2.Row r = rb.rows().get(i);
        a.add(r.alpha());
        b.add(r.beta());
      }
      rows.add(new Row(i + 1, a.result(), b.result()));
    }
    return new AggregateFileV2(ballots.size(), rows);
  }

  /** The ciphertext of subject i (label s&lt;i&gt;). */
  public Ciphertext at(int subject) {
    return rows.get(subject - 1).ciphertext();
  }

  /** Labels in order: s1, s2, … (one decryption per subject, §16.6). */
  public List<String> labels() {
    return rows.stream().map(r -> BallotV2.label(r.subject())).toList();
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
