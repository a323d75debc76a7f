package org.cvote.committee.decrypt;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.PointSum;

/**
 * aggregate.json (docs/protocol.md §9.1, §10): per subject and option the sum of all accepted ballots'
 * ciphertexts. With no ballot: count 0 and no rows (§13).
 */
@JsonPropertyOrder({"count", "rows"})
public record Aggregate(int count, List<Row> rows) {
    @JsonPropertyOrder({"subject", "options"})
    public record Row(int subject, List<Ciphertext> options) {
        public Row {
            options = List.copyOf(options);
        }
    }

    public Aggregate {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
    }

    /** Σ of the ballots' option ciphertexts; the ballots must already have the manifest's shape. */
    public static Aggregate of(List<RecordedBallot> ballots, int subjects) {
        if (ballots.isEmpty()) {
            return new Aggregate(0, List.of());
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            List<Ciphertext> opts = new ArrayList<>();
            for (int j = 0; j < Labels.OPTIONS; j++) {
                PointSum a = new PointSum();
                PointSum b = new PointSum();
                for (RecordedBallot rb : ballots) {
                    Ballot.Option o = rb.rows().get(i).options().get(j);
                    a.add(o.alpha());
                    b.add(o.beta());
                }
                opts.add(new Ciphertext(a.result(), b.result()));
            }
            rows.add(new Row(i + 1, opts));
        }
        return new Aggregate(ballots.size(), rows);
    }

    /** The ciphertext of label s&lt;subject&gt;/o&lt;option&gt;. */
    public Ciphertext at(int subject, int option) {
        return rows.get(subject - 1).options().get(option);
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
}
