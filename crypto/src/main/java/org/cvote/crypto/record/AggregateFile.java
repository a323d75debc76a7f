package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;

/**
 * aggregate.json: the number of ballots and, per subject and option, the sum of all accepted
 * ballots' ciphertexts (docs/protocol.md §9.1, §10). With no ballot: count 0 and rows [] (§13). The
 * one aggregate model: the committee decrypts it, the server publishes it, the verifier recomputes
 * it.
 */
@JsonPropertyOrder({"count", "rows"})
public record AggregateFile(long count, List<Row> rows) {
  public AggregateFile {
    Objects.requireNonNull(rows, "rows");
    if (count < 0) {
      throw new IllegalArgumentException(
          "the aggregate's count must not be negative, got " + count);
    }
    rows = List.copyOf(rows);
  }

  /** Σ of the ballots' option ciphertexts; the ballots must already have the manifest's shape. */
  public static AggregateFile of(List<RecordedBallot> ballots, int subjects) {
    if (ballots.isEmpty()) {
      return new AggregateFile(0, List.of());
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < subjects; i++) {
      List<Option> opts = new ArrayList<>();
      for (int j = 0; j < Labels.OPTIONS; j++) {
        PointSum a = new PointSum();
        PointSum b = new PointSum();
        for (RecordedBallot rb : ballots) {
          Ballot.Option o = rb.rows().get(i).options().get(j);
          a.add(o.alpha());
          b.add(o.beta());
        }
        opts.add(new Option(a.result(), b.result()));
      }
      rows.add(new Row(i + 1, opts));
    }
    return new AggregateFile(ballots.size(), rows);
  }

  /** The ciphertext of label s&lt;subject&gt;/o&lt;option&gt;. */
  public Ciphertext at(int subject, int option) {
    return rows.get(subject - 1).options().get(option).ciphertext();
  }

  /** Labels in order: s1/o0, s1/o1, s1/o2, s2/o0, … */
  public List<String> labels() {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      for (int j = 0; j < r.options().size(); j++) {
        out.add(Labels.option(r.subject(), j));
      }
    }
    return out;
  }

  @JsonPropertyOrder({"subject", "options"})
  public record Row(int subject, List<Option> options) {
    public Row {
      Objects.requireNonNull(options, "options");
      options = List.copyOf(options);
    }
  }

  @JsonPropertyOrder({"alpha", "beta"})
  public record Option(Point alpha, Point beta) {
    public Option {
      Objects.requireNonNull(alpha, "alpha");
      Objects.requireNonNull(beta, "beta");
    }

    public static Option of(Ciphertext c) {
      return new Option(c.alpha(), c.beta());
    }

    public Ciphertext ciphertext() {
      return new Ciphertext(alpha, beta);
    }
  }
}
