package org.cvote.crypto.record;

/**
 * Percentages of the report (docs/domain.md §5, docs/protocol.md §13): 100·count/collected, rounded
 * half-up to exactly two decimals, computed with integers only ("42.50", never "42.5"; "0.00" when
 * nothing was collected).
 */
public final class Percent {
  private Percent() {}

  public static String of(long count, long collected) {
    if (count < 0 || collected < 0) {
      throw new IllegalArgumentException(
          "count and collected must be ≥ 0, got " + count + " and " + collected);
    }
    if (collected == 0) {
      return "0.00";
    }
    // hundredths = round_half_up(10000·count / collected)
    long num = Math.multiplyExact(count, 10_000L);
    long hundredths = num / collected;
    long rem = num % collected;
    if (rem >= collected - rem) { // 2·rem ≥ collected, without overflow
      hundredths++;
    }
    long whole = hundredths / 100;
    long frac = hundredths % 100;
    return whole + "." + (frac < 10 ? "0" : "") + frac;
  }
}
