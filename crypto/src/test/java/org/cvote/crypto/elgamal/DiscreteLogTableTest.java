package org.cvote.crypto.elgamal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.junit.jupiter.api.Test;

/**
 * Baby-step giant-step with a shared table, and the version 2 tally path it serves
 * (docs/protocol.md §16.6).
 */
class DiscreteLogTableTest {
  private final SecureRandom rng = new SecureRandom();

  @Test
  void solvesEveryValueInRangeIncludingTheEdges() throws Exception {
    DiscreteLogTable t = DiscreteLogTable.ofSize(16);
    long bound = 1000;
    for (long m : new long[] {0, 1, 15, 16, 17, 32, 255, 256, 999, 1000}) {
      assertEquals(m, t.solve(Point.baseMul(m), bound), "m=" + m);
    }
    for (int i = 0; i < 50; i++) {
      long m = rng.nextInt(1001);
      assertEquals(m, t.solve(Point.baseMul(m), bound));
    }
  }

  @Test
  void outOfRangeIsAnErrorNeverAGuess() {
    DiscreteLogTable t = DiscreteLogTable.ofSize(16);
    assertThrows(
        DiscreteLogTable.OutOfRangeException.class, () -> t.solve(Point.baseMul(1001), 1000));
    assertThrows(DiscreteLogTable.OutOfRangeException.class, () -> t.solve(Point.baseMul(17), 16));
    assertThrows(
        DiscreteLogTable.OutOfRangeException.class,
        () -> t.solve(Point.baseMul(Scalar.random(rng)), 1000));
    assertThrows(
        DiscreteLogTable.OutOfRangeException.class,
        () -> t.solve(Point.baseMul(1).negate(), 1000),
        "−1 = q−1");
    assertThrows(IllegalArgumentException.class, () -> DiscreteLogTable.ofSize(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> DiscreteLogTable.ofSize(DiscreteLogTable.MAX_SIZE + 1));
  }

  @Test
  void tableIsSizedForTheSearchesItServes() {
    assertEquals(1, DiscreteLogTable.forSearches(0, 1).size());
    assertEquals(11_203, DiscreteLogTable.forSearches(500L * 501 * 501, 1).size());
  }

  @Test
  void versionTwoTallyDecryptsOneValuePerSubjectAndSplits() throws Exception {
    // 40 summoned, 37 ballots, 3 subjects: sum the rows, decrypt with the key, search, split
    EncodingV2 enc = EncodingV2.forSummoned(40);
    Scalar x = Scalar.random(rng);
    Point k = Point.baseMul(x);
    int ballots = 37;
    int subjects = 3;
    long[][] expected = new long[subjects][3];
    Ciphertext[] sums = new Ciphertext[subjects];
    java.util.Arrays.fill(sums, Ciphertext.ZERO);
    for (int n = 0; n < ballots; n++) {
      for (int s = 0; s < subjects; s++) {
        int choice = rng.nextInt(4) - 1;
        if (choice >= 0) {
          expected[s][choice]++;
        }
        sums[s] = sums[s].add(ElGamal.encrypt(k, enc.value(choice), Scalar.random(rng)));
      }
    }
    DiscreteLogTable table = DiscreteLogTable.forSearches(enc.bound(ballots), subjects);
    for (int s = 0; s < subjects; s++) {
      Point mG = sums[s].beta().subtract(sums[s].alpha().multiply(x));
      long value = table.solve(mG, enc.bound(ballots));
      assertArrayEquals(expected[s], enc.split(value, ballots), "subject " + (s + 1));
    }
  }
}
