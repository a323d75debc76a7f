package org.cvote.crypto.group;

import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Independent affine additions {@code dest += src} on P-256 that share one field inversion
 * (Montgomery's trick), on Bouncy Castle's raw field routines: ≈ 5M + 1S per addition plus a share
 * of the inversion, and no allocation. The caller guarantees what makes the chord formula valid:
 * within one batch no destination appears twice, and every queued pair has distinct x (equal x
 * means doubling or cancellation, which the caller handles before queueing).
 */
final class AffineBatch {
  private final int capacity;
  private final int[][] destX;
  private final int[][] destY;
  private final int[][] srcX;
  private final int[][] srcY;
  private final int[][] dx;
  private final int[][] prefix;
  private final int[] tt = Nat256.createExt();
  private final int[] inv = Nat256.create();
  private final int[] invK = Nat256.create();
  private final int[] lambda = Nat256.create();
  private int size;

  AffineBatch(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    destX = new int[capacity][];
    destY = new int[capacity][];
    srcX = new int[capacity][];
    srcY = new int[capacity][];
    dx = new int[capacity][8];
    prefix = new int[capacity][8];
  }

  boolean isFull() {
    return size == capacity;
  }

  int size() {
    return size;
  }

  /** Queues (x1, y1) += (x2, y2); x1 ≠ x2. The arrays are read and written at {@link #flush}. */
  void add(int[] x1, int[] y1, int[] x2, int[] y2) {
    int k = size++;
    destX[k] = x1;
    destY[k] = y1;
    srcX[k] = x2;
    srcY[k] = y2;
    SecP256R1Field.subtract(x2, x1, dx[k]);
  }

  /** Completes every queued addition with one inversion. */
  void flush() {
    int n = size;
    if (n == 0) {
      return;
    }
    System.arraycopy(dx[0], 0, prefix[0], 0, 8);
    for (int k = 1; k < n; k++) {
      SecP256R1Field.multiply(prefix[k - 1], dx[k], prefix[k], tt);
    }
    // dx ≠ 0 for every pair (distinct x), so the product is invertible
    SecP256R1Field.inv(prefix[n - 1], inv);
    for (int k = n - 1; k >= 0; k--) {
      // 1/dx[k] = inv · prefix[k−1]; then inv ← inv · dx[k] = 1/prefix[k−1]
      if (k > 0) {
        SecP256R1Field.multiply(inv, prefix[k - 1], invK, tt);
        SecP256R1Field.multiply(inv, dx[k], inv, tt);
      } else {
        System.arraycopy(inv, 0, invK, 0, 8);
      }
      int[] x1 = destX[k];
      int[] y1 = destY[k];
      // λ = (y2 − y1)/(x2 − x1); x3 = λ² − x1 − x2; y3 = λ(x1 − x3) − y1
      SecP256R1Field.subtract(srcY[k], y1, lambda);
      SecP256R1Field.multiply(lambda, invK, lambda, tt);
      int[] x3 = invK; // 1/dx[k] is no longer needed
      SecP256R1Field.square(lambda, x3, tt);
      SecP256R1Field.subtract(x3, x1, x3);
      SecP256R1Field.subtract(x3, srcX[k], x3);
      SecP256R1Field.subtract(x1, x3, x1);
      SecP256R1Field.multiply(lambda, x1, lambda, tt);
      SecP256R1Field.subtract(lambda, y1, y1);
      System.arraycopy(x3, 0, x1, 0, 8);
      destX[k] = destY[k] = srcX[k] = srcY[k] = null;
    }
    size = 0;
  }
}
