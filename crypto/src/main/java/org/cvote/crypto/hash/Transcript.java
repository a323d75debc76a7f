package org.cvote.crypto.hash;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Objects;
import org.cvote.crypto.encoding.Bytes;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/**
 * The hash H / Hq of docs/protocol.md §2 with typed inputs: SHA-256( I2OSP(len(tag),2) ‖ tag ‖ Σ (
 * I2OSP(len(x),4) ‖ x ) ), or SHA-512 of the same mod q. Callers add points, scalars, ints, strings
 * and hashes; nobody concatenates bytes by hand. A transcript is single-use: {@link #digest()} or
 * {@link #challenge()} ends it.
 */
public final class Transcript {
  // Buffered, then hashed once with the algorithm the caller asks for (H or Hq).
  private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(512);
  private boolean done;

  private Transcript(Tag tag) {
    byte[] t = tag.bytes();
    feed(Bytes.i2osp(t.length, 2));
    feed(t);
  }

  public static Transcript of(Tag tag) {
    return new Transcript(Objects.requireNonNull(tag, "tag"));
  }

  private void feed(byte[] b) {
    buf.writeBytes(b);
  }

  private static MessageDigest md(String alg) {
    try {
      return MessageDigest.getInstance(alg);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " missing from the JDK", e);
    }
  }

  private Transcript item(byte[] x) {
    if (done) {
      throw new IllegalStateException("transcript already finished");
    }
    feed(Bytes.i2osp(x.length, 4));
    feed(x);
    return this;
  }

  public Transcript point(Point p) {
    return item(Objects.requireNonNull(p, "point").encode());
  }

  public Transcript points(Iterable<Point> ps) {
    for (Point p : ps) {
      point(p);
    }
    return this;
  }

  public Transcript scalar(Scalar s) {
    return item(Objects.requireNonNull(s, "scalar").encode());
  }

  /** An integer as I2OSP(x, 4). */
  public Transcript integer(long x) {
    return item(Bytes.i2osp(x, 4));
  }

  /** A string as its UTF-8 bytes; must already be NFC (the server normalises on entry, §13). */
  public Transcript string(String s) {
    Objects.requireNonNull(s, "string");
    if (!Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
      throw new IllegalArgumentException("strings are hashed in Unicode NFC; normalise on entry");
    }
    return item(s.getBytes(StandardCharsets.UTF_8));
  }

  public Transcript hash(Digest d) {
    return item(Objects.requireNonNull(d, "hash").view());
  }

  /** Raw bytes (token messages, keys); prefer a typed method when one fits. */
  public Transcript bytes(byte[] b) {
    return item(Objects.requireNonNull(b, "bytes").clone());
  }

  /** H: the SHA-256 output. */
  public Digest digest() {
    finish();
    return Digest.of(md("SHA-256").digest(buf.toByteArray()));
  }

  /** Hq: SHA-512 output read big-endian, reduced mod q (bias ≤ 2^-256). */
  public Scalar challenge() {
    finish();
    return Scalar.reduce(new BigInteger(1, md("SHA-512").digest(buf.toByteArray())));
  }

  private void finish() {
    if (done) {
      throw new IllegalStateException("transcript already finished");
    }
    done = true;
  }
}
