package org.cvote.crypto.group;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Σ k_i·P_i over variable points: interleaved wNAF (Bouncy Castle's Straus) for small sets, the
 * signed-digit bucket method (Pippenger, {@link AffineBucketMsm}) for large ones — the cost that
 * dominates batch verification.
 */
public final class MultiScalarMul {
  private static final int STRAUS_MAX = 192;

  private MultiScalarMul() {}

  /** Σ ks[i]·pts[i]; scalars are non-negative and below 2^bits. */
  public static Point compute(List<Point> pts, List<BigInteger> ks, int bits) {
    if (pts.size() != ks.size()) {
      throw new IllegalArgumentException(
          "points and scalars differ in number: " + pts.size() + " vs " + ks.size());
    }
    // The identity adds nothing to the sum (and has no affine coordinates): leave it out.
    List<Point> ps = new ArrayList<>(pts.size());
    List<BigInteger> sc = new ArrayList<>(pts.size());
    for (int i = 0; i < pts.size(); i++) {
      BigInteger k = ks.get(i);
      if (k.signum() < 0 || k.bitLength() > bits) {
        throw new IllegalArgumentException("scalar " + i + " out of range for " + bits + " bits");
      }
      if (!pts.get(i).isIdentity()) {
        ps.add(pts.get(i));
        sc.add(k);
      }
    }
    int n = ps.size();
    if (n == 0) {
      return Point.IDENTITY;
    }
    BigInteger[] scalars = sc.toArray(BigInteger[]::new);
    ECPoint r;
    if (n <= STRAUS_MAX) {
      r = ECAlgorithms.sumOfMultiplies(ps.stream().map(Point::ec).toArray(ECPoint[]::new), scalars);
    } else {
      r = AffineBucketMsm.compute(ps.toArray(Point[]::new), scalars);
    }
    return Point.fromEc(r);
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
      if (carry != 0 || ks[i].bitLength() > windows * c) {
        throw new IllegalArgumentException(
            "scalar " + i + " does not fit " + windows + " windows of " + c + " bits");
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
