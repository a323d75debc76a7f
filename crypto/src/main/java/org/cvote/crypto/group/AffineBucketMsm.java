package org.cvote.crypto.group;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Pippenger's bucket method with every addition done in affine coordinates and batched, so that one
 * field inversion (Montgomery's trick, {@link AffineBatch}) serves many additions; all arithmetic
 * runs on Bouncy Castle's raw P-256 field routines without allocation in the loops. This is the hot
 * loop of batch verification.
 *
 * <p>All windows are processed together: the buckets of every window live side by side, so the
 * points are read once, a batch rarely meets the same bucket twice, and the bucket sums of all
 * windows are folded in step (one inversion per step for all windows) instead of one window after
 * another with projective additions. Scalars may have different lengths (128-bit weights next to
 * 256-bit ones): a short scalar simply has no digits in the high windows.
 */
final class AffineBucketMsm {
  // Additions per inversion: an inversion costs ≈ 53 multiplications here, so 128 makes its share
  // small,
  // while the batch's scratch (and the buckets it touches) still stays in the first cache levels.
  private static final int MAX_BATCH = 128;
  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private AffineBucketMsm() {}

  /** Σ k_i·P_i; no point may be the identity, every scalar is non-negative. */
  static ECPoint compute(Point[] pts, BigInteger[] ks) {
    int n = pts.length;
    int[] bitLengths = new int[n];
    int maxBits = 1;
    for (int i = 0; i < n; i++) {
      bitLengths[i] = ks[i].bitLength();
      maxBits = Math.max(maxBits, bitLengths[i]);
    }
    int c = window(bitLengths, maxBits);
    int windows = maxBits / c + 1; // signed digits of a b-bit scalar need ⌊b/c⌋ + 1 windows
    short[] digits = MultiScalarMul.recode(ks, c, windows);
    return WORKSPACE.get().run(pts, digits, n, c, windows);
  }

  /**
   * The window width minimising (additions into buckets) + (folding the buckets): each scalar costs
   * about ⌈bits/c⌉ bucket additions, and folding costs two additions per bucket per window, in
   * batches as small as the number of windows (a larger share of an inversion each), so it is
   * weighted 3.
   */
  static int window(int[] bitLengths, int maxBits) {
    int[] histogram = new int[maxBits + 1];
    for (int b : bitLengths) {
      histogram[b]++;
    }
    int best = 2;
    long bestCost = Long.MAX_VALUE;
    for (int c = 2; c <= 14; c++) { // 14: the buckets of all windows stay a few MiB per thread
      long adds = 0;
      for (int b = 1; b <= maxBits; b++) {
        adds += (long) histogram[b] * ((b + c - 1) / c);
      }
      long cost = adds + 3L * (maxBits / c + 1) * (1L << (c - 1));
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  /**
   * Per-thread scratch, grown on demand and reused: one batch verification after another allocates
   * nothing big.
   */
  private static final class Workspace {
    int[][] px = new int[0][];
    int[][] py = new int[0][];
    int[][] pyNeg = new int[0][];
    int[][] bx = new int[0][];
    int[][] by = new int[0][];
    boolean[] full = new boolean[0];
    int[] stamp = new int[0];
    int round;
    int[] deferred = new int[0];
    int[][] tx = new int[0][];
    int[][] ty = new int[0][];
    boolean[] tfull = new boolean[0];
    AffineBatch batch = new AffineBatch(MAX_BATCH);

    ECPoint run(Point[] pts, short[] digits, int n, int c, int windows) {
      int half = 1 << (c - 1);
      int buckets = windows * half;
      prepare(pts, n, buckets);
      // Phase 1: every non-zero digit adds ±P_i to its bucket (window w, |digit|).
      // Window after window: one window's buckets stay in cache while the points stream past.
      int count = 0;
      for (int w = 0; w < windows; w++) {
        int base = w * half - 1;
        for (int i = 0, k = w; i < n; i++, k += windows) {
          int d = digits[k];
          if (d != 0) {
            count = place(k, i, d, base + Math.abs(d), count);
          }
        }
      }
      batch.flush();
      round++;
      if (count > 0) {
        reduceDeferred(count, digits, windows, half);
      }
      // Phase 2: Σ_b (b+1)·bucket_b per window by running sums, all windows in step.
      int[][] runX = new int[windows][8];
      int[][] runY = new int[windows][8];
      boolean[] runFull = new boolean[windows];
      int[][] sumX = new int[windows][8];
      int[][] sumY = new int[windows][8];
      boolean[] sumFull = new boolean[windows];
      for (int b = half - 1; b >= 0; b--) {
        for (int w = 0; w < windows; w++) {
          int bk = w * half + b;
          if (full[bk]) {
            runFull[w] = accumulate(runX[w], runY[w], runFull[w], bx[bk], by[bk]) != EMPTY;
            flushIfFull();
          }
        }
        batch.flush();
        for (int w = 0; w < windows; w++) {
          if (runFull[w]) {
            sumFull[w] = accumulate(sumX[w], sumY[w], sumFull[w], runX[w], runY[w]) != EMPTY;
            flushIfFull();
          }
        }
        batch.flush();
      }
      Arrays.fill(px, 0, n, null); // the points' own words: do not keep them alive
      Arrays.fill(py, 0, n, null);
      // Phase 3: Σ_w 2^(c·w)·sum_w (Horner, few operations).
      ECPoint acc = P256.CURVE.getInfinity();
      for (int w = windows - 1; w >= 0; w--) {
        if (!acc.isInfinity()) {
          acc = acc.timesPow2(c);
        }
        if (sumFull[w]) {
          acc =
              acc.add(
                  P256.CURVE.createPoint(
                      Nat256.toBigInteger(sumX[w]), Nat256.toBigInteger(sumY[w])));
        }
      }
      return acc;
    }

    /**
     * The digits that met a bucket already queued in the same batch. They gather in windows with
     * few buckets (the top window holds only the last few bits and the carry), where retrying them
     * batch after batch would take one round — and one inversion — per point. Instead each bucket's
     * deferred points are summed pairwise, all buckets at once (a tree: log₂ levels, each level one
     * batch of independent additions), and each sum is then added to its bucket.
     */
    private void reduceDeferred(int count, short[] digits, int windows, int half) {
      long[] keys = new long[count];
      for (int j = 0; j < count; j++) {
        int k = deferred[j];
        keys[j] = ((long) bucketOf(k, digits, windows, half) << 32) | k;
      }
      Arrays.sort(keys);
      if (tx.length < count) {
        int cap = Math.max(count, tx.length * 3 / 2);
        tx = new int[cap][8];
        ty = new int[cap][8];
        tfull = new boolean[cap];
      }
      int maxGroup = 0;
      int groupStart = 0;
      for (int j = 0; j < count; j++) {
        int k = (int) keys[j];
        int i = k / windows;
        System.arraycopy(px[i], 0, tx[j], 0, 8);
        System.arraycopy(digits[k] > 0 ? py[i] : pyNeg[i], 0, ty[j], 0, 8);
        tfull[j] = true;
        if (j > 0 && (keys[j] >>> 32) != (keys[j - 1] >>> 32)) {
          groupStart = j;
        }
        maxGroup = Math.max(maxGroup, j - groupStart + 1);
      }
      for (int stride = 1; stride < maxGroup; stride *= 2) {
        for (int j = 0; j < count; ) {
          int bk = (int) (keys[j] >>> 32);
          int end = j;
          while (end < count && (int) (keys[end] >>> 32) == bk) {
            end++;
          }
          for (int a = j; a + stride < end; a += 2 * stride) {
            int b = a + stride;
            if (tfull[b]) {
              tfull[a] = accumulate(tx[a], ty[a], tfull[a], tx[b], ty[b]) != EMPTY;
              flushIfFull();
            }
          }
          j = end;
        }
        batch.flush();
      }
      for (int j = 0; j < count; ) {
        int bk = (int) (keys[j] >>> 32);
        if (tfull[j]) {
          full[bk] = accumulate(bx[bk], by[bk], full[bk], tx[j], ty[j]) != EMPTY;
          flushIfFull();
        }
        while (j < count && (int) (keys[j] >>> 32) == bk) {
          j++;
        }
      }
      batch.flush();
      round++;
    }

    private static int bucketOf(int k, short[] digits, int windows, int half) {
      int i = k / windows;
      return (k - i * windows) * half + Math.abs(digits[k]) - 1;
    }

    /**
     * Adds ±P_i (digit k = d) to bucket bk, or defers it when the bucket is in the pending batch.
     */
    private int place(int k, int i, int d, int bk, int count) {
      if (stamp[bk] == round) {
        if (count == deferred.length) {
          deferred = Arrays.copyOf(deferred, count * 2);
        }
        deferred[count] = k;
        return count + 1;
      }
      int r = accumulate(bx[bk], by[bk], full[bk], px[i], d > 0 ? py[i] : pyNeg[i]);
      full[bk] = r != EMPTY;
      if (r == QUEUED) {
        stamp[bk] = round;
        if (batch.isFull()) {
          batch.flush();
          round++;
        }
      }
      return count;
    }

    private void flushIfFull() {
      if (batch.isFull()) {
        batch.flush();
      }
    }

    private static final int EMPTY = 0;
    private static final int HOLDS = 1;
    private static final int QUEUED = 2;

    /**
     * dest += src, where dest holds a point when {@code destFull}. Queues the addition in the batch
     * when the chord formula applies (QUEUED); a copy into an empty dest, a doubling or a
     * cancellation (same x) is done at once (HOLDS or EMPTY) — the last two are rare, and only an
     * adversary's input makes them.
     */
    private int accumulate(int[] dx, int[] dy, boolean destFull, int[] sx, int[] sy) {
      if (!destFull) {
        System.arraycopy(sx, 0, dx, 0, 8);
        System.arraycopy(sy, 0, dy, 0, 8);
        return HOLDS;
      }
      if (Nat256.eq(dx, sx)) {
        if (Nat256.eq(dy, sy)) {
          doubleInPlace(dx, dy);
          return HOLDS;
        }
        return EMPTY; // P + (−P)
      }
      batch.add(dx, dy, sx, sy);
      return QUEUED;
    }

    private void prepare(Point[] pts, int n, int buckets) {
      if (px.length < n) {
        int cap = Math.max(n, px.length * 3 / 2);
        px = new int[cap][];
        py = new int[cap][];
        pyNeg = Arrays.copyOf(pyNeg, cap);
      }
      for (int i = 0; i < n; i++) {
        int[][] xy = pts[i].affineWords();
        px[i] = xy[0];
        py[i] = xy[1];
        if (pyNeg[i] == null) {
          pyNeg[i] = new int[8];
        }
        SecP256R1Field.negate(py[i], pyNeg[i]);
      }
      if (bx.length < buckets) {
        bx = new int[buckets][8];
        by = new int[buckets][8];
        full = new boolean[buckets];
        stamp = new int[buckets];
        round = 0;
      } else {
        Arrays.fill(full, 0, buckets, false);
      }
      if (round > Integer.MAX_VALUE / 2) {
        Arrays.fill(stamp, 0);
        round = 0;
      }
      round++;
      if (deferred.length == 0) {
        deferred = new int[1024];
      }
    }
  }

  /** (x, y) ← 2·(x, y) in affine coordinates (rare: equal points meet). */
  private static void doubleInPlace(int[] x, int[] y) {
    if (Nat256.isZero(y)) {
      throw new IllegalStateException("P-256 has no point of order 2");
    }
    ECPoint p =
        P256.CURVE.createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y)).twice().normalize();
    int[] nx = SecP256R1Field.fromBigInteger(p.getAffineXCoord().toBigInteger());
    int[] ny = SecP256R1Field.fromBigInteger(p.getAffineYCoord().toBigInteger());
    System.arraycopy(nx, 0, x, 0, 8);
    System.arraycopy(ny, 0, y, 0, 8);
  }
}
