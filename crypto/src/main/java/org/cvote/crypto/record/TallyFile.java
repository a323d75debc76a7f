package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * tally.json (docs/protocol.md §10, docs/domain.md §4–§6): attendance and ballot figures, and per
 * subject the valid ballots, the counts of HIGH, MID, LOW, their percentages of ballots collected
 * (two decimals, half-up: {@link Percent}) and the consequence flag ({@link Flag}).
 */
@JsonPropertyOrder({
  "summoned",
  "present",
  "absentFromStart",
  "presentAtVoting",
  "issued",
  "collected",
  "results"
})
public record TallyFile(
    long summoned,
    long present,
    long absentFromStart,
    long presentAtVoting,
    long issued,
    long collected,
    List<Result> results) {
  public TallyFile {
    Objects.requireNonNull(results, "results");
    results = List.copyOf(results);
  }

  @JsonPropertyOrder({"subject", "valid", "counts", "percent", "flag"})
  public record Result(
      int subject, long valid, List<Long> counts, List<String> percent, Flag flag) {
    public Result {
      Objects.requireNonNull(counts, "counts");
      Objects.requireNonNull(percent, "percent");
      Objects.requireNonNull(flag, "flag");
      counts = List.copyOf(counts);
      percent = List.copyOf(percent);
    }

    /**
     * The result the report arithmetic gives for these counts (HIGH, MID, LOW) out of {@code
     * collected}.
     */
    public static Result of(int subject, long high, long mid, long low, long collected) {
      return new Result(
          subject,
          high + mid + low,
          List.of(high, mid, low),
          List.of(
              Percent.of(high, collected), Percent.of(mid, collected), Percent.of(low, collected)),
          Flag.of(low, collected));
    }
  }
}
