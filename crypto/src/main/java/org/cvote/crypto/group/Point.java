package org.cvote.crypto.group;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.cvote.crypto.encoding.EncodingException;
import org.cvote.crypto.encoding.Hex;

/**
 * A point of P-256. Immutable. Encoded SEC1 uncompressed (65 bytes, docs/protocol.md §1); the
 * identity can arise from arithmetic (e.g. m·G with m = 0) but is never encoded or decoded.
 */
public final class Point {
  public static final int BYTES = 65;

  /** The standard base point G. */
  public static final Point G = new Point(P256.G_EC);

  public static final Point IDENTITY = new Point(P256.CURVE.getInfinity());

  // Decoded points keep only their checked encoding; Bouncy Castle's point object is built on first
  // use. Most decoded points (proof commitments) are only ever hashed and fed to the bucket
  // multi-scalar multiplication, which both read the encoding: they never need one.
  private volatile ECPoint
      ec; // normalized (affine) or infinity; null until needed for a decoded point
  private volatile byte[] encoded; // cache: hashing encodes the same points many times
  private volatile int[][]
      words; // cache: affine x, y as Bouncy Castle field words, for the bucket MSM

  // Unchecked: the math guarantees ec is on the curve (it came from a validated point or
  // arithmetic).
  private Point(ECPoint ec) {
    this.ec = ec.normalize();
  }

  Point(ECPoint ec, byte[] encoded) {
    this.ec = ec;
    this.encoded = encoded;
  }

  // Unchecked: only decode() calls this, after checking the encoding (and its words) is a point of
  // the curve.
  private Point(byte[] checkedEncoding, int[] x, int[] y) {
    this.encoded = checkedEncoding;
    this.words = new int[][] {x, y};
  }

  static Point fromEc(ECPoint ec) {
    return new Point(ec);
  }

  ECPoint ec() {
    ECPoint e = ec;
    if (e == null) {
      byte[] b = encoded;
      e =
          P256.CURVE.createPoint(
              new BigInteger(1, Arrays.copyOfRange(b, 1, 33)),
              new BigInteger(1, Arrays.copyOfRange(b, 33, 65)));
      ec = e;
    }
    return e;
  }

  /**
   * Strict decoding of docs/protocol.md §1: exactly 65 bytes, prefix 0x04, x &lt; p, y &lt; p, on
   * the curve; the identity has no encoding.
   */
  public static Point decode(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new EncodingException(
          "point must be 65 bytes (SEC1 uncompressed), got "
              + (bytes == null ? "none" : bytes.length));
    }
    if (bytes[0] != 0x04) {
      throw new EncodingException(
          String.format("point must start with 0x04 (uncompressed), got 0x%02x", bytes[0]));
    }
    int[] x = P256.words(bytes, 1);
    int[] y = P256.words(bytes, 33);
    if (!P256.belowP(x) || !P256.belowP(y)) {
      throw new EncodingException("point coordinate is not below the field prime p");
    }
    if (!P256.onCurve(x, y)) {
      throw new EncodingException("point is not on the P-256 curve");
    }
    return new Point(bytes.clone(), x, y);
  }

  public static Point fromHex(String hex) {
    return decode(Hex.decode(hex));
  }

  /** k·G with the precomputed comb (fixed base). */
  public static Point baseMul(Scalar k) {
    Objects.requireNonNull(k, "scalar");
    return new Point(P256.COMB.multiply(P256.G_EC, k.toBigInteger()));
  }

  /** m·G for a small integer m ≥ 0 (plaintexts). */
  public static Point baseMul(long m) {
    return baseMul(Scalar.of(m));
  }

  /** a·P + b·Q in one pass (Shamir's trick); for public scalars only. */
  public static Point sumOfTwo(Point p, Scalar a, Point q, Scalar b) {
    return new Point(
        ECAlgorithms.sumOfTwoMultiplies(p.ec(), a.toBigInteger(), q.ec(), b.toBigInteger()));
  }

  public byte[] encode() {
    byte[] e = encoded;
    if (e == null) {
      ECPoint p = ec;
      if (p.isInfinity()) {
        throw new IllegalStateException("the identity has no encoding (docs/protocol.md §1)");
      }
      e = p.getEncoded(false);
      encoded = e;
    }
    return e.clone();
  }

  /** The encoding without a defensive copy, for hashing in this module. */
  byte[] encodedView() {
    encode();
    return encoded;
  }

  /** Affine x and y as field words (shared: callers must not modify them); not for the identity. */
  int[][] affineWords() {
    int[][] w = words;
    if (w == null) {
      byte[] e = encodedView();
      w = new int[][] {P256.words(e, 1), P256.words(e, 33)};
      words = w;
    }
    return w;
  }

  public String toHex() {
    return Hex.encode(encodedView());
  }

  public boolean isIdentity() {
    ECPoint e = ec;
    return e != null && e.isInfinity(); // a decoded point is never the identity
  }

  public Point add(Point o) {
    return new Point(ec().add(o.ec()));
  }

  public Point subtract(Point o) {
    return new Point(ec().subtract(o.ec()));
  }

  public Point negate() {
    return new Point(ec().negate());
  }

  /**
   * Variable-base multiplication (wNAF). Not constant time: avoid for long-lived secrets where
   * timing is observable.
   */
  public Point multiply(Scalar k) {
    return new Point(ec().multiply(k.toBigInteger()));
  }

  /**
   * Precomputes a comb table for this point so later {@link #fixedMul} calls are fast; worth it for
   * the election key K, multiplied by every nonce of every proof.
   */
  public Point precomputed() {
    FixedPointUtil.precompute(ec());
    return this;
  }

  /** k·P using a comb table (built on first use); for points multiplied many times. */
  public Point fixedMul(Scalar k) {
    return new Point(P256.COMB.multiply(ec(), k.toBigInteger()));
  }

  /** Equal points have equal encodings (SEC1 uncompressed is unique), so the bytes decide. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Point p)) {
      return false;
    }
    if (isIdentity() || p.isIdentity()) {
      return isIdentity() && p.isIdentity();
    }
    return Arrays.equals(encodedView(), p.encodedView());
  }

  @Override
  public int hashCode() {
    return isIdentity() ? 0 : Arrays.hashCode(encodedView());
  }

  @Override
  public String toString() {
    return isIdentity() ? "Point[identity]" : "Point[" + toHex() + "]";
  }
}
