package org.cvote.crypto.group;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * The group of docs/protocol.md §1: NIST P-256 with Bouncy Castle's custom (fast) field arithmetic.
 */
public final class P256 {
  static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
  static final ECCurve CURVE = PARAMS.getCurve();

  /** Group order q (prime; cofactor 1). */
  public static final BigInteger Q = PARAMS.getN();

  /** Field prime p. */
  public static final BigInteger P = CURVE.getField().getCharacteristic();

  static final ECPoint G_EC = PARAMS.getG().normalize();
  static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

  static {
    FixedPointUtil.precompute(G_EC);
  }

  private static final int[] B =
      SecP256R1Field.fromBigInteger(PARAMS.getCurve().getB().toBigInteger());
  private static final int[] P_WORDS = Nat256.fromBigInteger(P);

  private P256() {}

  /**
   * y² = x³ − 3x + b for coordinates already below p, on Bouncy Castle's raw field routines (no
   * allocation of BC's per-point validity cache: decoding is on the hot path of every ballot).
   */
  static boolean onCurve(BigInteger xb, BigInteger yb) {
    return onCurve(SecP256R1Field.fromBigInteger(xb), SecP256R1Field.fromBigInteger(yb));
  }

  /** The same test on field words (each already below p). */
  static boolean onCurve(int[] x, int[] y) {
    int[] lhs = Nat256.create();
    int[] rhs = Nat256.create();
    int[] t = Nat256.create();
    int[] tt = Nat256.createExt(); // one scratch for the three products
    SecP256R1Field.square(y, lhs, tt);
    SecP256R1Field.square(x, rhs, tt);
    SecP256R1Field.multiply(rhs, x, rhs, tt); // x³
    SecP256R1Field.twice(x, t);
    SecP256R1Field.add(t, x, t); // 3x
    SecP256R1Field.subtract(rhs, t, rhs);
    SecP256R1Field.add(rhs, B, rhs);
    return Nat256.eq(lhs, rhs);
  }

  /** 32 big-endian bytes at {@code off} as Bouncy Castle's 8 little-endian 32-bit field words. */
  static int[] words(byte[] b, int off) {
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      int o = off + 28 - 4 * i;
      w[i] =
          ((b[o] & 0xff) << 24)
              | ((b[o + 1] & 0xff) << 16)
              | ((b[o + 2] & 0xff) << 8)
              | (b[o + 3] & 0xff);
    }
    return w;
  }

  /** True when the field words are a value below p (a canonical coordinate). */
  static boolean belowP(int[] w) {
    return !Nat256.gte(w, P_WORDS);
  }
}
