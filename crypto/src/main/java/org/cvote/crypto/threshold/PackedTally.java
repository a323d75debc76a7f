package org.cvote.crypto.threshold;

import java.util.Map;
import java.util.Objects;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.DiscreteLogTable;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/**
 * The tally of ballot version 2 (docs/protocol.md §16.6–§16.7): one value per subject. The combiner
 * finds it by baby-step giant-step and splits it; a verifier, given the published counts, checks
 * them without a discrete log.
 */
public final class PackedTally {
  private PackedTally() {}

  /**
   * value·G = β − Σ_{ℓ∈U} w_ℓ·M_ℓ, with Lagrange weights over U = the keys of {@code partials}
   * (member → M_ℓ).
   */
  public static Point combine(Point beta, Map<Integer, Point> partials) {
    Objects.requireNonNull(beta, "beta");
    if (Objects.requireNonNull(partials, "partials").isEmpty()) {
      throw new IllegalArgumentException("no partial decryption to combine");
    }
    Map<Integer, Scalar> w = Lagrange.coefficients(partials.keySet());
    Point acc = Point.IDENTITY;
    for (Map.Entry<Integer, Point> e : partials.entrySet()) {
      acc = acc.add(e.getValue().multiply(w.get(e.getKey())));
    }
    return beta.subtract(acc);
  }

  /**
   * {n_H, n_M, n_L} of one subject over N = {@code ballots} ballots: the value searched in [0,
   * N·B²] with the shared table, then split. A value out of range ({@link
   * DiscreteLogTable.OutOfRangeException}) or with more marks than ballots ({@link
   * IllegalArgumentException}) is refused: a wrong share or a wrong aggregate, never a guess.
   */
  public static long[] counts(
      EncodingV2 enc, int ballots, Point beta, Map<Integer, Point> partials, DiscreteLogTable table)
      throws DiscreteLogTable.OutOfRangeException {
    Objects.requireNonNull(enc, "encoding");
    Objects.requireNonNull(table, "table");
    long value = table.solve(combine(beta, partials), enc.bound(ballots));
    return enc.split(value, ballots);
  }

  /**
   * V9 of a version 2 record: each count ≥ 0, n_H + n_M + n_L ≤ N (so each is below B and the
   * packing has one reading) and (n_H + n_M·B + n_L·B²)·G equals the combined decryption.
   */
  public static boolean countsHold(
      EncodingV2 enc, int ballots, long[] counts, Point beta, Map<Integer, Point> partials) {
    Objects.requireNonNull(enc, "encoding");
    if (counts == null || counts.length != 3 || ballots < 0 || ballots >= enc.base()) {
      return false;
    }
    long sum = 0;
    for (long c : counts) {
      // each count within 0..N first: counts read from a hostile tally.json could otherwise wrap
      // the sum below N and reach pack(), which throws
      if (c < 0 || c > ballots) {
        return false;
      }
      sum += c;
    }
    if (sum > ballots) {
      return false;
    }
    long value = enc.pack(counts[0], counts[1], counts[2]);
    Point expected = value == 0 ? Point.IDENTITY : Point.baseMul(value);
    return expected.equals(combine(beta, partials));
  }
}
