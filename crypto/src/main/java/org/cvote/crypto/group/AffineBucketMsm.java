package org.cvote.crypto.group;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Pippenger's bucket method with the bucket additions done in affine coordinates and batched:
 * one field inversion (Montgomery's trick) serves a whole batch of independent additions, and all
 * arithmetic runs on Bouncy Castle's raw P-256 field routines without allocation. About 5M+1S per
 * addition instead of a mixed Jacobian addition's 8M+3S plus objects; this is the hot loop of
 * batch verification.
 */
final class AffineBucketMsm {
    private final int batch;

    private final int[][] px;
    private final int[][] py;
    private final int[][] pyNeg;
    // scratch
    private final int[] tt = Nat256.createExt();
    private final int[] t1 = Nat256.create();
    private final int[] t2 = Nat256.create();
    private final int[] t3 = Nat256.create();

    private AffineBucketMsm(Point[] pts, int c) {
        // A batch much smaller than the bucket count keeps collisions (deferred additions) rare.
        this.batch = Math.max(8, Math.min(Integer.getInteger("cvote.msm.batch", 256), (1 << (c - 1)) / 8));
        int n = pts.length;
        px = new int[n][];
        py = new int[n][];
        pyNeg = new int[n][];
        for (int i = 0; i < n; i++) {
            // From the cached SEC1 encoding: no BigInteger per point (decoded points are already encoded).
            byte[] e = pts[i].encodedView();
            px[i] = P256.words(e, 1);
            py[i] = P256.words(e, 33);
            pyNeg[i] = Nat256.create();
            SecP256R1Field.negate(py[i], pyNeg[i]);
        }
    }

    /**
     * Window width for this method: a bucket addition here is cheap (≈6 field multiplications) but
     * summing the 2^(c−1) buckets of a window costs Jacobian additions (≈12), so buckets weigh double.
     */
    static int window(int n, int bits) {
        int best = 2;
        long bestCost = Long.MAX_VALUE;
        for (int c = 2; c <= 16; c++) {
            long cost = (bits / c + 2L) * (n + 4L * (1L << (c - 1)) + 20);
            if (cost < bestCost) {
                bestCost = cost;
                best = c + Integer.getInteger("cvote.msm.cdelta", 0);
            }
        }
        return best;
    }

    /** Σ k_i·P_i; no point may be the identity. */
    static ECPoint compute(Point[] pts, BigInteger[] ks, int bits) {
        int n = pts.length;
        int c = window(n, bits);
        int windows = bits / c + 2;
        short[] digits = MultiScalarMul.recode(ks, c, windows);
        return new AffineBucketMsm(pts, c).run(digits, n, c, windows);
    }

    private ECPoint run(short[] digits, int n, int c, int windows) {
        int half = 1 << (c - 1);
        int[][] bx = new int[half][8];
        int[][] by = new int[half][8];
        boolean[] full = new boolean[half];
        int[] stamp = new int[half];
        int round = 0;
        int[] items = new int[n];
        int[] deferred = new int[n];
        int[] batchItem = new int[batch];
        int[][] prefix = new int[batch][8];
        int[][] dx = new int[batch][8];
        ECPoint acc = P256.CURVE.getInfinity();
        for (int w = windows - 1; w >= 0; w--) {
            if (!acc.isInfinity()) {
                acc = acc.timesPow2(c);
            }
            Arrays.fill(full, false);
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (digits[i * windows + w] != 0) {
                    items[count++] = i;
                }
            }
            if (count == 0) {
                continue;
            }
            while (count > 0) {
                round++;
                int nDeferred = 0;
                int nb = 0;
                for (int k = 0; k < count; k++) {
                    int i = items[k];
                    int d = digits[i * windows + w];
                    int b = Math.abs(d) - 1;
                    int[] y = d > 0 ? py[i] : pyNeg[i];
                    if (stamp[b] == round) {
                        deferred[nDeferred++] = i;
                        continue;
                    }
                    if (!full[b]) {
                        System.arraycopy(px[i], 0, bx[b], 0, 8);
                        System.arraycopy(y, 0, by[b], 0, 8);
                        full[b] = true;
                        continue;
                    }
                    if (Nat256.eq(bx[b], px[i])) {
                        if (Nat256.eq(by[b], y)) {
                            doubleInPlace(bx[b], by[b]);
                        } else {
                            full[b] = false; // P + (−P)
                        }
                        continue;
                    }
                    stamp[b] = round;
                    batchItem[nb] = i;
                    SecP256R1Field.subtract(px[i], bx[b], dx[nb]);
                    nb++;
                    if (nb == batch) {
                        flush(nb, batchItem, dx, prefix, digits, windows, w, bx, by);
                        nb = 0;
                        round++; // buckets of the flushed batch are free again
                    }
                }
                flush(nb, batchItem, dx, prefix, digits, windows, w, bx, by);
                System.arraycopy(deferred, 0, items, 0, nDeferred);
                count = nDeferred;
            }
            // running sums in Jacobian coordinates (sequential, few compared with n)
            ECPoint running = P256.CURVE.getInfinity();
            ECPoint sum = P256.CURVE.getInfinity();
            for (int b = half - 1; b >= 0; b--) {
                if (full[b]) {
                    running = running.add(P256.CURVE.createPoint(Nat256.toBigInteger(bx[b]), Nat256.toBigInteger(by[b])));
                }
                sum = sum.add(running);
            }
            acc = acc.add(sum);
        }
        return acc;
    }

    /** Completes nb queued additions bucket += point with one inversion. */
    private void flush(int nb, int[] batchItem, int[][] dx, int[][] prefix, short[] digits, int windows, int w,
                       int[][] bx, int[][] by) {
        if (nb == 0) {
            return;
        }
        System.arraycopy(dx[0], 0, prefix[0], 0, 8);
        for (int k = 1; k < nb; k++) {
            SecP256R1Field.multiply(prefix[k - 1], dx[k], prefix[k], tt);
        }
        int[] inv = t1;
        SecP256R1Field.inv(prefix[nb - 1], inv);
        for (int k = nb - 1; k >= 0; k--) {
            int i = batchItem[k];
            int d = digits[i * windows + w];
            int b = Math.abs(d) - 1;
            int[] y = d > 0 ? py[i] : pyNeg[i];
            // inverse of dx[k] = inv · prefix[k−1]; then inv ← inv · dx[k]
            int[] invK = t2;
            if (k > 0) {
                SecP256R1Field.multiply(inv, prefix[k - 1], invK, tt);
                SecP256R1Field.multiply(inv, dx[k], inv, tt);
            } else {
                System.arraycopy(inv, 0, invK, 0, 8);
            }
            // λ = (y2 − y1)/(x2 − x1); x3 = λ² − x1 − x2; y3 = λ(x1 − x3) − y1
            int[] lambda = t3;
            SecP256R1Field.subtract(y, by[b], lambda);
            SecP256R1Field.multiply(lambda, invK, lambda, tt);
            int[] x1 = bx[b];
            int[] x3 = invK; // reuse
            SecP256R1Field.square(lambda, x3, tt);
            SecP256R1Field.subtract(x3, x1, x3);
            SecP256R1Field.subtract(x3, px[i], x3);
            SecP256R1Field.subtract(x1, x3, x1);          // x1 − x3 (x1 no longer needed)
            SecP256R1Field.multiply(lambda, x1, lambda, tt);
            SecP256R1Field.subtract(lambda, by[b], by[b]);
            System.arraycopy(x3, 0, bx[b], 0, 8);
        }
    }

    /** (x, y) ← 2·(x, y) in affine coordinates (rare: equal points in one bucket). */
    private void doubleInPlace(int[] x, int[] y) {
        if (Nat256.isZero(y)) {
            throw new IllegalStateException("P-256 has no point of order 2");
        }
        ECPoint p = P256.CURVE.createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y)).twice().normalize();
        int[] nx = SecP256R1Field.fromBigInteger(p.getAffineXCoord().toBigInteger());
        int[] ny = SecP256R1Field.fromBigInteger(p.getAffineYCoord().toBigInteger());
        System.arraycopy(nx, 0, x, 0, 8);
        System.arraycopy(ny, 0, y, 0, 8);
    }
}
