package org.cvote.crypto.record;

/**
 * The consequence flag of a subject (docs/domain.md §6 "Consequences"), from L low-confidence
 * ballots out of C collected, with exact integer arithmetic: TWO_THIRDS_LOW when 3L ≥ 2C,
 * OVER_HALF_LOW when 2L &gt; C (and 3L &lt; 2C), NONE otherwise and always when C = 0. Exactly one
 * half is not "more than half".
 */
public enum Flag {
  NONE,
  OVER_HALF_LOW,
  TWO_THIRDS_LOW;

  public static Flag of(long low, long collected) {
    if (low < 0 || collected < 0) {
      throw new IllegalArgumentException(
          "low and collected must be ≥ 0, got " + low + " and " + collected);
    }
    if (collected == 0) {
      return NONE;
    }
    if (Math.multiplyExact(3L, low) >= Math.multiplyExact(2L, collected)) {
      return TWO_THIRDS_LOW;
    }
    if (Math.multiplyExact(2L, low) > collected) {
      return OVER_HALF_LOW;
    }
    return NONE;
  }
}
