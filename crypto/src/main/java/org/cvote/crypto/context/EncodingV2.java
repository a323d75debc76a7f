package org.cvote.crypto.context;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * Ballot encoding version 2 (docs/protocol.md §16): one ciphertext per row, encrypting 0 (blank), 1
 * (HIGH), B (MID) or B² (LOW), with the base B = summoned + 1 fixed in the manifest before voting.
 * Because every count of a subject is at most the number of ballots N ≤ summoned &lt; B, the
 * aggregate n_H + n_M·B + n_L·B² has exactly one reading as three counts: no count can carry into
 * the next digit.
 *
 * @param base B, in [{@link #MIN_BASE}, {@link #MAX_BASE}]
 */
public record EncodingV2(int base) {
  /** The value of {@code ballotVersion} in a version 2 manifest. */
  public static final int VERSION = 2;

  /** B ≥ 2: one summoned voter at least. */
  public static final int MIN_BASE = 2;

  /**
   * B ≤ 10001 (10,000 summoned): keeps the discrete log of a subject's aggregate (≤ N·B² ≈ 10^12)
   * within a baby-step giant-step search of about 10^6 steps. A larger body uses ballot version 1.
   */
  public static final int MAX_BASE = 10_001;

  /** Branches of the row proof: blank, HIGH, MID, LOW. */
  public static final int BRANCHES = 4;

  public EncodingV2 {
    if (base < MIN_BASE || base > MAX_BASE) {
      throw new IllegalArgumentException(
          "ballot version 2 base B must be in " + MIN_BASE + ".." + MAX_BASE + ", got " + base);
    }
  }

  /** B = summoned + 1, the rule of §16.1. */
  public static EncodingV2 forSummoned(int summoned) {
    if (summoned < 1 || summoned > MAX_BASE - 1) {
      throw new IllegalArgumentException(
          "ballot version 2 needs 1.." + (MAX_BASE - 1) + " summoned, got " + summoned);
    }
    return new EncodingV2(summoned + 1);
  }

  /** True when a poll of this many summoned voters can use version 2. */
  public static boolean fits(int summoned) {
    return summoned >= 1 && summoned <= MAX_BASE - 1;
  }

  /**
   * The plaintexts of the four branches, in branch order: 0 (blank), 1 (HIGH), B (MID), B² (LOW).
   */
  public List<Long> values() {
    long b = base;
    return List.of(0L, 1L, b, b * b);
  }

  /** The branch of a choice: BLANK (−1) → 0, HIGH (0) → 1, MID (1) → 2, LOW (2) → 3. */
  public static int branch(int choice) {
    if (choice < -1 || choice > 2) {
      throw new IllegalArgumentException(
          "choice must be 0 (HIGH), 1 (MID), 2 (LOW) or -1 (blank), got " + choice);
    }
    return choice + 1;
  }

  /** The plaintext of a choice (see {@link #branch}). */
  public long value(int choice) {
    return values().get(branch(choice));
  }

  /**
   * The largest value a subject's aggregate over {@code ballots} ballots can decrypt to: N·B²
   * (every ballot LOW).
   */
  public long bound(int ballots) {
    requireBallots(ballots);
    return (long) ballots * base * base;
  }

  /** n_H + n_M·B + n_L·B². */
  public long pack(long high, long mid, long low) {
    if (high < 0 || mid < 0 || low < 0 || high >= base || mid >= base || low >= base) {
      throw new IllegalArgumentException(
          "each count must be in 0.." + (base - 1) + " to be packed with B = " + base);
    }
    return high + mid * base + low * (long) base * base;
  }

  /**
   * Splits a subject's decrypted aggregate into {n_H, n_M, n_L} for {@code ballots} = N ballots.
   * Refuses a value no N honest rows can produce (above N·B², or three digits summing to more than
   * N): a wrong share or a wrong aggregate, never a guess.
   */
  public long[] split(long value, int ballots) {
    requireBallots(ballots);
    if (value < 0 || value > bound(ballots)) {
      throw new IllegalArgumentException(
          "decrypted value " + value + " is outside 0..N·B² = " + bound(ballots));
    }
    long b = base;
    long high = value % b;
    long mid = (value / b) % b;
    long low = value / (b * b);
    if (high + mid + low > ballots) {
      throw new IllegalArgumentException(
          "decrypted value "
              + value
              + " splits into "
              + high
              + "+"
              + mid
              + "+"
              + low
              + " marks, more than the "
              + ballots
              + " ballots");
    }
    return new long[] {high, mid, low};
  }

  private void requireBallots(int ballots) {
    if (ballots < 0 || ballots >= base) {
      throw new IllegalArgumentException(
          "ballots N must be in 0.." + (base - 1) + " (N < B), got " + ballots);
    }
  }

  /**
   * M = H("cvote/v2/manifest", pollId, title, I2OSP(S,4), I2OSP(B,4), per subject: I2OSP(index,4),
   * name, position, unit) — the version 1 inputs with B after S, under a tag of its own (§16.1).
   */
  public Digest manifestHash(Manifest m) {
    Objects.requireNonNull(m, "manifest");
    Transcript t =
        Transcript.of(Tag.MANIFEST_V2)
            .string(m.pollId())
            .string(m.title())
            .integer(m.subjects().size())
            .integer(base);
    for (Manifest.Subject s : m.subjects()) {
      t.integer(s.index()).string(s.name()).string(s.position()).string(s.unit());
    }
    return t.digest();
  }
}
