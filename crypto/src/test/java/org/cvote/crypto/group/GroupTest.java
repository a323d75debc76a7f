package org.cvote.crypto.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.cvote.crypto.encoding.EncodingException;
import org.cvote.crypto.encoding.Hex;
import org.junit.jupiter.api.Test;

class GroupTest {
  private final SecureRandom rng = new SecureRandom();

  @Test
  void pointRoundTrip() {
    Point p = Point.baseMul(Scalar.random(rng));
    assertEquals(p, Point.decode(p.encode()));
    assertEquals(65, p.encode().length);
    assertEquals(0x04, p.encode()[0]);
  }

  @Test
  void decodeRejectsNull() {
    assertThrows(EncodingException.class, () -> Point.decode(null));
  }

  @Test
  void decodeRejectsWrongLength() {
    assertThrows(EncodingException.class, () -> Point.decode(new byte[64]));
    assertThrows(EncodingException.class, () -> Point.decode(new byte[33]));
  }

  @Test
  void decodeRejectsWrongPrefix() {
    byte[] e = Point.G.encode();
    e[0] = 0x02;
    assertThrows(EncodingException.class, () -> Point.decode(e));
  }

  @Test
  void decodeRejectsCoordinateNotBelowP() {
    byte[] e = Point.G.encode();
    byte[] p = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, P256.P);
    System.arraycopy(p, 0, e, 1, 32);
    assertThrows(EncodingException.class, () -> Point.decode(e));
    byte[] e2 = Point.G.encode();
    System.arraycopy(p, 0, e2, 33, 32);
    assertThrows(EncodingException.class, () -> Point.decode(e2));
  }

  @Test
  void decodeRejectsOffCurve() {
    byte[] e = Point.G.encode();
    e[64] ^= 1;
    assertThrows(EncodingException.class, () -> Point.decode(e));
  }

  @Test
  void decodeRejectsIdentity() {
    assertThrows(EncodingException.class, () -> Point.decode(new byte[] {0}));
    byte[] zero = new byte[65];
    zero[0] = 4;
    assertThrows(EncodingException.class, () -> Point.decode(zero));
  }

  @Test
  void onCurveCheckAgreesWithBouncyCastle() {
    for (int i = 0; i < 300; i++) {
      byte[] e = Point.baseMul(Scalar.random(rng)).encode();
      if (i % 2 == 1) {
        e[1 + rng.nextInt(64)] ^= (byte) (1 << rng.nextInt(8));
      }
      BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(e, 1, 33));
      BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(e, 33, 65));
      if (x.compareTo(P256.P) >= 0 || y.compareTo(P256.P) >= 0) {
        continue;
      }
      assertEquals(P256.CURVE.createPoint(x, y).isValid(), P256.onCurve(x, y), "point " + i);
    }
  }

  @Test
  void identityHasNoEncoding() {
    assertThrows(IllegalStateException.class, Point.IDENTITY::encode);
    assertTrue(Point.baseMul(0).isIdentity());
  }

  @Test
  void scalarRejectsAtLeastQ() {
    assertThrows(
        EncodingException.class,
        () -> Scalar.decode(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, P256.Q)));
    assertThrows(IllegalArgumentException.class, () -> Scalar.of(P256.Q));
    assertThrows(IllegalArgumentException.class, () -> Scalar.of(BigInteger.valueOf(-1)));
  }

  @Test
  void scalarRejectsWrongLengthAndNull() {
    assertThrows(EncodingException.class, () -> Scalar.decode(new byte[31]));
    assertThrows(EncodingException.class, () -> Scalar.decode(new byte[33]));
    assertThrows(EncodingException.class, () -> Scalar.decode(null));
    assertThrows(NullPointerException.class, () -> Scalar.of((BigInteger) null));
  }

  @Test
  void scalarNeverPrintsItsValue() {
    Scalar s = Scalar.random(rng);
    assertFalse(s.toString().contains(s.toHex()));
    assertFalse(s.toString().contains(s.toBigInteger().toString()));
  }

  @Test
  void hexIsStrict() {
    assertArrayEquals(new byte[] {0x0a, (byte) 0xff}, Hex.decode("0aff"));
    for (String bad : List.of("0AFF", "0x0a", " 0a", "0a ", "abc", "zz", "0a\n")) {
      assertThrows(EncodingException.class, () -> Hex.decode(bad), bad);
    }
    assertThrows(EncodingException.class, () -> Hex.decode("0a", 2));
  }

  @Test
  void arithmeticIsConsistent() {
    Scalar a = Scalar.random(rng);
    Scalar b = Scalar.random(rng);
    assertEquals(Point.baseMul(a.add(b)), Point.baseMul(a).add(Point.baseMul(b)));
    assertEquals(Point.baseMul(a.multiply(b)), Point.baseMul(a).multiply(b));
    assertEquals(Point.G.multiply(a), Point.baseMul(a));
    assertEquals(Point.baseMul(a).fixedMul(b), Point.baseMul(a).multiply(b));
    assertEquals(Point.sumOfTwo(Point.G, a, Point.G, b), Point.baseMul(a.add(b)));
    assertEquals(Scalar.ONE, a.multiply(a.inverse()));
    assertTrue(Point.baseMul(a).add(Point.baseMul(a).negate()).isIdentity());
  }

  @Test
  void multiScalarMulMatchesNaiveForSmallAndLargeSets() {
    for (int n : new int[] {0, 1, 5, 200, 700}) {
      assertSumOfRandomPoints(
          n, i -> i % 7 == 0 ? BigInteger.ZERO : new BigInteger(i % 2 == 0 ? 128 : 255, rng));
    }
  }

  /**
   * Σ k_i·P_i over n random points, with k_i = scalar(i), equals the sum of the single
   * multiplications.
   */
  private void assertSumOfRandomPoints(int n, IntFunction<BigInteger> scalar) {
    List<Point> pts = new ArrayList<>();
    List<BigInteger> ks = new ArrayList<>();
    Point expect = Point.IDENTITY;
    for (int i = 0; i < n; i++) {
      Point p = Point.baseMul(Scalar.random(rng));
      BigInteger k = scalar.apply(i);
      pts.add(p);
      ks.add(k);
      expect = expect.add(p.multiply(Scalar.reduce(k)));
    }
    assertEquals(expect, MultiScalarMul.compute(pts, ks, 256), "n=" + n);
  }

  @Test
  void pippengerHandlesExtremeDigits() {
    // all-ones scalars exercise every carry of the signed-digit recoding
    assertSumOfRandomPoints(
        300, i -> BigInteger.ONE.shiftLeft(128 + (i % 120)).subtract(BigInteger.ONE));
  }

  @Test
  void bucketMethodHandlesRepeatedAndOppositePoints() {
    // the same point many times (doublings inside a bucket) and P next to −P (cancellation)
    List<Point> pts = new ArrayList<>();
    List<BigInteger> ks = new ArrayList<>();
    Point p = Point.baseMul(Scalar.random(rng));
    Point expect = Point.IDENTITY;
    for (int i = 0; i < 600; i++) {
      Point x =
          switch (i % 3) {
            case 0 -> p;
            case 1 -> p.negate();
            default -> Point.baseMul(Scalar.random(rng));
          };
      BigInteger k = i % 5 == 0 ? BigInteger.valueOf(7) : new BigInteger(200, rng);
      pts.add(x);
      ks.add(k);
      expect = expect.add(x.multiply(Scalar.reduce(k)));
    }
    assertEquals(expect, MultiScalarMul.compute(pts, ks, 256));
    // identity points among them contribute nothing
    pts.add(Point.IDENTITY);
    ks.add(BigInteger.TEN);
    assertEquals(expect, MultiScalarMul.compute(pts, ks, 256));
  }

  @Test
  void bucketMethodMixesShortAndFullScalarsInOneSum() {
    // batch verification's shape: many 128-bit weights next to full-size scalars (and q − 1, the
    // largest)
    assertSumOfRandomPoints(
        2500,
        i ->
            i % 5 == 4
                ? (i % 10 == 9
                    ? P256.Q.subtract(BigInteger.ONE)
                    : new BigInteger(256, rng).mod(P256.Q))
                : new BigInteger(128, rng));
  }

  @Test
  void bucketFoldingHandlesEqualAndOppositeRunningSums() {
    // Enough points for the bucket method; only two carry weight, so the folding of the buckets
    // meets
    // running = bucket (a doubling) or running = −bucket (a cancellation).
    Point p = Point.baseMul(Scalar.random(rng));
    for (Point second : new Point[] {p, p.negate()}) {
      List<Point> pts = new ArrayList<>();
      List<BigInteger> ks = new ArrayList<>();
      pts.add(p);
      ks.add(BigInteger.TWO);
      pts.add(second);
      ks.add(BigInteger.ONE);
      for (int i = 0; i < 250; i++) {
        pts.add(Point.baseMul(Scalar.random(rng)));
        ks.add(BigInteger.ZERO);
      }
      assertEquals(p.multiply(Scalar.of(2)).add(second), MultiScalarMul.compute(pts, ks, 256));
    }
  }

  @Test
  void recodingRefusesScalarsWiderThanTheWindows() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MultiScalarMul.recode(new BigInteger[] {BigInteger.ONE.shiftLeft(40)}, 8, 5));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
  }

  @Test
  void pointSumEqualsSequentialAdds() {
    PointSum s = new PointSum();
    Point e = Point.IDENTITY;
    for (int i = 0; i < 20; i++) {
      Point p = Point.baseMul(Scalar.random(rng));
      s.add(p);
      e = e.add(p);
    }
    assertEquals(e, s.result());
  }
}
