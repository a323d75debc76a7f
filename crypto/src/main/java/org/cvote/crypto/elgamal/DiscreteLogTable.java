package org.cvote.crypto.elgamal;

import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/**
 * Baby-step giant-step for m·G = target with m in [0, bound], with the baby steps precomputed once
 * and reused for every subject of a tally (docs/protocol.md §16.6). Ballot version 2 decrypts one
 * value per subject, up to N·B² (≈ 1.3·10^8 for 500 voters), so the table is worth sharing: build
 * it once for the poll's largest bound, then {@link #solve} each subject in at most bound / {@link
 * #size()} + 1 giant steps.
 *
 * <p>The table keys baby steps j·G (j = 1..size) by the first 8 bytes of their x coordinate in an
 * open-addressing array (16 bytes an entry, no point objects kept); every key match is confirmed by
 * recomputing m·G, so a shared key can cost a step but never gives a wrong answer. A target with no
 * m in range is an error, never a guess.
 */
public final class DiscreteLogTable {
  /** 2^22 baby steps at most (≈ 130 MiB of arrays at the 2× load factor): enough for B ≤ 10001. */
  public static final int MAX_SIZE = 1 << 22;

  private final int size;
  private final long[] keys;
  private final int[] values; // j, or 0 for an empty slot
  private final int mask;
  private final Point giant; // −size·G

  private DiscreteLogTable(int size) {
    this.size = size;
    int cap = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
    this.keys = new long[cap];
    this.values = new int[cap];
    this.mask = cap - 1;
    Point p = Point.IDENTITY;
    for (int j = 1; j <= size; j++) {
      p = p.add(Point.G);
      insert(key(p), j);
    }
    this.giant = Point.baseMul(Scalar.of(size)).negate();
  }

  /** A table of {@code size} baby steps (1..{@link #MAX_SIZE}). */
  public static DiscreteLogTable ofSize(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "baby-step table size must be in 1.." + MAX_SIZE + ", got " + size);
    }
    return new DiscreteLogTable(size);
  }

  /**
   * The table for {@code targets} searches of [0, bound]: about √(bound·targets) baby steps, which
   * balances building the table against the giant steps of all targets (capped at {@link
   * #MAX_SIZE}).
   */
  public static DiscreteLogTable forSearches(long bound, int targets) {
    if (bound < 0 || targets < 1) {
      throw new IllegalArgumentException(
          "need bound ≥ 0 and at least one target, got " + bound + ", " + targets);
    }
    double ideal = Math.ceil(Math.sqrt((bound + 1.0) * targets));
    return ofSize((int) Math.max(1, Math.min(MAX_SIZE, ideal)));
  }

  public int size() {
    return size;
  }

  /** The m in [0, bound] with m·G = target. */
  public long solve(Point target, long bound) throws OutOfRangeException {
    Objects.requireNonNull(target, "target");
    if (bound < 0 || bound > (1L << 48)) {
      throw new IllegalArgumentException("bound must be in [0, 2^48], got " + bound);
    }
    Point cur = target;
    for (long base = 0; base <= bound; base += size) {
      if (cur.isIdentity()) {
        return base; // target = base·G
      }
      long k = key(cur);
      for (int slot = (int) mix(k) & mask; values[slot] != 0; slot = (slot + 1) & mask) {
        if (keys[slot] == k) {
          long m = base + values[slot];
          if (m <= bound && Point.baseMul(m).equals(target)) {
            return m;
          }
        }
      }
      cur = cur.add(giant);
    }
    throw new OutOfRangeException(bound);
  }

  private void insert(long k, int j) {
    int slot = (int) mix(k) & mask;
    while (values[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = k;
    values[slot] = j;
  }

  /** The first 8 bytes of x (bytes 1..8 of the SEC1 encoding). */
  private static long key(Point p) {
    byte[] e = p.encode();
    long k = 0;
    for (int i = 1; i <= 8; i++) {
      k = (k << 8) | (e[i] & 0xff);
    }
    return k;
  }

  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    return k ^ (k >>> 33);
  }

  /** No m in [0, bound] decrypts to the target: a wrong share or a wrong aggregate. */
  public static final class OutOfRangeException extends Exception {
    private static final long serialVersionUID = 1L;

    OutOfRangeException(long bound) {
      super(
          "no m in [0, "
              + bound
              + "] with m·G equal to the target: the decryption is outside the range honest ballots can give");
    }
  }
}
