package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;

/**
 * aggregate.json: the number of ballots and, per subject and option, the sum of all accepted ballots'
 * ciphertexts (docs/protocol.md §9.1, §10). With no ballot: count 0 and rows [] (§13).
 */
@JsonPropertyOrder({"count", "rows"})
public record AggregateFile(long count, List<Row> rows) {
    public AggregateFile {
        Objects.requireNonNull(rows, "rows");
        rows = List.copyOf(rows);
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
