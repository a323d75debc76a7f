package org.cvote.crypto.board;

/**
 * Spent-token uniqueness for V4 in flat memory: the first 128 bits of SHA-256(prepared message) in
 * an open-addressing table (32 bytes per ballot), with the ballot index that first spent it. Not
 * thread-safe.
 */
final class TokenSet {
  private long[] hi = new long[1 << 12];
  private long[] lo = new long[1 << 12];
  private int[] idx = new int[1 << 12];
  private int size;

  /** Adds a token id; returns 0 if new, else the index of the ballot that spent it first. */
  int add(long h, long l, int index) {
    if (2 * (size + 1) > hi.length) {
      grow();
    }
    int mask = hi.length - 1;
    int i = (int) (mix(h ^ l) & mask);
    while (idx[i] != 0) {
      if (hi[i] == h && lo[i] == l) {
        return idx[i];
      }
      i = (i + 1) & mask;
    }
    hi[i] = h;
    lo[i] = l;
    idx[i] = index;
    size++;
    return 0;
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    return x;
  }

  private void grow() {
    long[] oh = hi;
    long[] ol = lo;
    int[] oi = idx;
    hi = new long[oh.length * 2];
    lo = new long[oh.length * 2];
    idx = new int[oh.length * 2];
    size = 0;
    for (int i = 0; i < oh.length; i++) {
      if (oi[i] != 0) {
        add(oh[i], ol[i], oi[i]);
      }
    }
  }
}
