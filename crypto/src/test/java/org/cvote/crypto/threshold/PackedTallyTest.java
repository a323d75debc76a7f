package org.cvote.crypto.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.DiscreteLogTable;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.junit.jupiter.api.Test;

/**
 * The version 2 tally (docs/protocol.md §16.6–§16.7): threshold combination, search, split, and the
 * verifier's check.
 */
class PackedTallyTest {
  private final SecureRandom rng = new SecureRandom();
  private final Polynomial poly = Polynomial.random(2, rng); // t = 2
  private final Point k = Point.baseMul(poly.coefficient(0));
  private final EncodingV2 enc = EncodingV2.forSummoned(25);

  private Map<Integer, Point> partials(Ciphertext agg, int... members) {
    Map<Integer, Point> out = new TreeMap<>();
    for (int m : members) {
      out.put(m, agg.alpha().multiply(poly.evaluate(m)));
    }
    return out;
  }

  @Test
  void anyTwoMembersDecryptTheSameCountsAndTheVerifierAcceptsExactlyThem() throws Exception {
    long[] truth = {7, 3, 11}; // 21 ballots, 21 marks
    int ballots = 21;
    Ciphertext agg = ElGamal.encrypt(k, enc.pack(truth[0], truth[1], truth[2]), Scalar.random(rng));
    DiscreteLogTable table = DiscreteLogTable.forSearches(enc.bound(ballots), 1);
    for (int[] u : new int[][] {{1, 2}, {2, 3}, {1, 3}, {1, 2, 3}}) {
      assertArrayEquals(
          truth, PackedTally.counts(enc, ballots, agg.beta(), partials(agg, u), table));
      assertTrue(PackedTally.countsHold(enc, ballots, truth, agg.beta(), partials(agg, u)));
    }
    Map<Integer, Point> p = partials(agg, 1, 3);
    assertFalse(
        PackedTally.countsHold(enc, ballots, new long[] {8, 3, 11}, agg.beta(), p),
        "a count raised");
    assertFalse(
        PackedTally.countsHold(enc, ballots, new long[] {7, 2, 12}, agg.beta(), p),
        "MID moved to LOW");
    assertFalse(
        PackedTally.countsHold(enc, ballots, new long[] {7 + enc.base(), 2, 11}, agg.beta(), p),
        "a carry");
    assertFalse(PackedTally.countsHold(enc, 20, truth, agg.beta(), p), "more marks than ballots");
    assertFalse(PackedTally.countsHold(enc, ballots, new long[] {-1, 3, 11}, agg.beta(), p));
  }

  /**
   * Review of issue 24: published counts come from a hostile tally.json. Two counts near
   * Long.MAX_VALUE wrap their sum to 0 (≤ N); the check must answer false, not throw from pack().
   */
  @Test
  void countsWhoseSumOverflowsAreRefusedNotThrown() {
    long[] truth = {7, 3, 11};
    int ballots = 21;
    Ciphertext agg = ElGamal.encrypt(k, enc.pack(truth[0], truth[1], truth[2]), Scalar.random(rng));
    Map<Integer, Point> p = partials(agg, 1, 2);
    long max = Long.MAX_VALUE;
    for (long[] hostile :
        new long[][] {{max, max, 2}, {max, 1, max}, {2, max, max}, {max, max, max}}) {
      assertFalse(
          PackedTally.countsHold(enc, ballots, hostile, agg.beta(), p),
          java.util.Arrays.toString(hostile));
    }
    assertFalse(
        PackedTally.countsHold(enc, ballots, new long[] {ballots + 1, 0, 0}, agg.beta(), p),
        "one count above N");
  }

  @Test
  void aWrongShareIsRefusedNotGuessed() {
    int ballots = 4;
    Ciphertext agg = ElGamal.encrypt(k, enc.pack(1, 2, 1), Scalar.random(rng));
    Map<Integer, Point> p = partials(agg, 1, 2);
    p.put(2, p.get(2).add(Point.G)); // a member's partial off by one G
    DiscreteLogTable table = DiscreteLogTable.forSearches(enc.bound(ballots), 1);
    assertThrows(Exception.class, () -> PackedTally.counts(enc, ballots, agg.beta(), p, table));
    assertThrows(IllegalArgumentException.class, () -> PackedTally.combine(agg.beta(), Map.of()));
  }

  @Test
  void tooManyMarksForTheBallotsIsRefused() {
    // 3 ballots cannot give 2 HIGH + 2 MID: in range of N·B², refused by the split
    Ciphertext agg = ElGamal.encrypt(k, enc.pack(2, 2, 0), Scalar.random(rng));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PackedTally.counts(
                enc,
                3,
                agg.beta(),
                partials(agg, 1, 2),
                DiscreteLogTable.forSearches(enc.bound(3), 1)));
  }
}
