package org.cvote.crypto.group;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.util.BigIntegers;
import org.cvote.crypto.encoding.EncodingException;
import org.cvote.crypto.encoding.Hex;

/**
 * An element of Z_q (docs/protocol.md §1: 32 bytes big-endian, values ≥ q rejected). Immutable.
 * Scalars are often secrets (nonces, shares), so {@link #toString()} never prints the value.
 */
public final class Scalar {
  public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
  public static final Scalar ONE = new Scalar(BigInteger.ONE);
  public static final int BYTES = 32;

  private final BigInteger value;

  // Unchecked: callers pass a value already reduced mod q.
  private Scalar(BigInteger value) {
    this.value = value;
  }

  /** The scalar with value v; v must be in [0, q). */
  public static Scalar of(BigInteger v) {
    Objects.requireNonNull(v, "scalar value");
    if (v.signum() < 0 || v.compareTo(P256.Q) >= 0) {
      throw new IllegalArgumentException("scalar must be in [0, q)");
    }
    return new Scalar(v);
  }

  public static Scalar of(long v) {
    return v >= 0 ? of(BigInteger.valueOf(v)) : of(BigInteger.valueOf(v).mod(P256.Q));
  }

  /** v mod q, for values that are legitimately reduced (hash outputs, Lagrange numerators). */
  public static Scalar reduce(BigInteger v) {
    Objects.requireNonNull(v, "scalar value");
    return new Scalar(v.mod(P256.Q));
  }

  /** Uniform in [1, q−1]. */
  public static Scalar random(SecureRandom rng) {
    Objects.requireNonNull(rng, "rng");
    return new Scalar(
        BigIntegers.createRandomInRange(BigInteger.ONE, P256.Q.subtract(BigInteger.ONE), rng));
  }

  /** Strict decoding: exactly 32 bytes, value < q. */
  public static Scalar decode(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new EncodingException(
          "scalar must be 32 bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    BigInteger v = new BigInteger(1, bytes);
    if (v.compareTo(P256.Q) >= 0) {
      throw new EncodingException("scalar is not below the group order q");
    }
    return new Scalar(v);
  }

  public static Scalar fromHex(String hex) {
    return decode(Hex.decode(hex));
  }

  public byte[] encode() {
    return BigIntegers.asUnsignedByteArray(BYTES, value);
  }

  public String toHex() {
    return Hex.encode(encode());
  }

  public BigInteger toBigInteger() {
    return value;
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public Scalar add(Scalar o) {
    return new Scalar(value.add(o.value).mod(P256.Q));
  }

  public Scalar subtract(Scalar o) {
    return new Scalar(value.subtract(o.value).mod(P256.Q));
  }

  public Scalar multiply(Scalar o) {
    return new Scalar(value.multiply(o.value).mod(P256.Q));
  }

  public Scalar negate() {
    return new Scalar(value.negate().mod(P256.Q));
  }

  public Scalar inverse() {
    if (isZero()) {
      throw new ArithmeticException("zero has no inverse mod q");
    }
    return new Scalar(value.modInverse(P256.Q));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Never prints the value: scalars are often secret. Use {@link #toHex()} for public ones. */
  @Override
  public String toString() {
    return "Scalar[redacted]";
  }
}
