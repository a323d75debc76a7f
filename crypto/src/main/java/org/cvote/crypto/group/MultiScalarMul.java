package org.cvote.crypto.group;

import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Σ k_i·P_i over variable points: interleaved wNAF (Bouncy Castle's Straus) for small sets,
 * signed-digit bucket method (Pippenger) for large ones — the cost that dominates batch verification.
 */
public final class MultiScalarMul {
    private static final int STRAUS_MAX = 192;

    private MultiScalarMul() {}

    /** Σ ks[i]·pts[i]; scalars are non-negative and below 2^bits. */
    public static Point compute(List<Point> pts, List<BigInteger> ks, int bits) {
        if (pts.size() != ks.size()) {
            throw new IllegalArgumentException("points and scalars differ in number: " + pts.size() + " vs " + ks.size());
        }
        int n = pts.size();
        if (n == 0) {
            return Point.IDENTITY;
        }
        ECPoint[] ps = new ECPoint[n];
        BigInteger[] sc = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            ps[i] = pts.get(i).ec();
            sc[i] = ks.get(i);
            if (sc[i].signum() < 0 || sc[i].bitLength() > bits) {
                throw new IllegalArgumentException("scalar " + i + " out of range for " + bits + " bits");
            }
        }
        ECPoint r;
        if (n <= STRAUS_MAX) {
            r = ECAlgorithms.sumOfMultiplies(ps, sc);
        } else if (noIdentity(ps)) {
            r = AffineBucketMsm.compute(pts.toArray(Point[]::new), sc, bits);
        } else {
            r = pippenger(ps, sc, bits);
        }
        return Point.fromEc(r);
    }

    private static boolean noIdentity(ECPoint[] ps) {
        for (ECPoint p : ps) {
            if (p.isInfinity()) {
                return false;
            }
        }
        return true;
    }

    /** Window width minimising windows·(n + 2^(c−1)) additions. */
    static int window(int n, int bits) {
        int best = 1;
        long bestCost = Long.MAX_VALUE;
        for (int c = 2; c <= 16; c++) { // digits are stored as shorts
            long windows = bits / c + 2;
            long cost = windows * (n + 2L * (1L << (c - 1)));
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    static ECPoint pippenger(ECPoint[] pts, BigInteger[] ks, int bits) {
        int n = pts.length;
        int c = window(n, bits);
        int windows = bits / c + 2; // one more for the final carry of signed digits
        int half = 1 << (c - 1);
        short[] digits = recode(ks, c, windows);
        ECPoint inf = P256.CURVE.getInfinity();
        ECPoint[] neg = new ECPoint[n];
        for (int i = 0; i < n; i++) {
            neg[i] = pts[i].negate();
        }
        ECPoint[] buckets = new ECPoint[half];
        ECPoint acc = inf;
        for (int w = windows - 1; w >= 0; w--) {
            if (!acc.isInfinity()) {
                acc = acc.timesPow2(c);
            }
            java.util.Arrays.fill(buckets, inf);
            boolean any = false;
            for (int i = 0; i < n; i++) {
                int d = digits[i * windows + w];
                if (d > 0) {
                    buckets[d - 1] = buckets[d - 1].add(pts[i]);
                    any = true;
                } else if (d < 0) {
                    buckets[-d - 1] = buckets[-d - 1].add(neg[i]);
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            ECPoint running = inf;
            ECPoint sum = inf;
            for (int b = half - 1; b >= 0; b--) {
                running = running.add(buckets[b]);
                sum = sum.add(running);
            }
            acc = acc.add(sum);
        }
        return acc;
    }

    /** Signed base-2^c digits in (−2^(c−1), 2^(c−1)], least significant first per scalar. */
    static short[] recode(BigInteger[] ks, int c, int windows) {
        int n = ks.length;
        short[] out = new short[n * windows];
        int mask = (1 << c) - 1;
        int half = 1 << (c - 1);
        for (int i = 0; i < n; i++) {
            long[] words = words(ks[i]);
            int carry = 0;
            for (int w = 0; w < windows; w++) {
                int v = bits(words, w * c, c, mask) + carry;
                if (v > half) {
                    v -= 1 << c;
                    carry = 1;
                } else {
                    carry = 0;
                }
                out[i * windows + w] = (short) v;
            }
        }
        return out;
    }

    private static long[] words(BigInteger k) {
        long[] w = new long[5];
        byte[] b = k.toByteArray();
        for (int i = 0; i < b.length && i < 40; i++) {
            int byteIndex = b.length - 1 - i;
            w[i / 8] |= (b[byteIndex] & 0xffL) << (8 * (i % 8));
        }
        return w;
    }

    private static int bits(long[] words, int start, int c, int mask) {
        int wi = start >>> 6;
        int off = start & 63;
        if (wi >= words.length) {
            return 0;
        }
        long v = words[wi] >>> off;
        if (off + c > 64 && wi + 1 < words.length) {
            v |= words[wi + 1] << (64 - off);
        }
        return (int) (v & mask);
    }
}
