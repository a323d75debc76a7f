package org.cvote.crypto.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ballot version 2's base B, branch values, packing and the split of a decrypted aggregate
 * (docs/protocol.md §16).
 */
class EncodingV2Test {
  @Test
  void baseIsSummonedPlusOneWithinItsBounds() {
    assertEquals(501, EncodingV2.forSummoned(500).base());
    assertEquals(List.of(0L, 1L, 501L, 251001L), EncodingV2.forSummoned(500).values());
    assertThrows(IllegalArgumentException.class, () -> EncodingV2.forSummoned(0));
    assertThrows(IllegalArgumentException.class, () -> EncodingV2.forSummoned(EncodingV2.MAX_BASE));
    assertThrows(IllegalArgumentException.class, () -> new EncodingV2(1));
    assertThrows(IllegalArgumentException.class, () -> new EncodingV2(EncodingV2.MAX_BASE + 1));
    assertEquals(10_000L * 10_001 * 10_001, new EncodingV2(EncodingV2.MAX_BASE).bound(10_000));
    assertEquals(500L * 501 * 501, EncodingV2.forSummoned(500).bound(500));
  }

  @Test
  void choicesMapToBranchesAndValues() {
    EncodingV2 e = new EncodingV2(7);
    assertEquals(0, EncodingV2.branch(-1));
    assertEquals(1, EncodingV2.branch(0));
    assertEquals(3, EncodingV2.branch(2));
    assertEquals(0, e.value(-1));
    assertEquals(1, e.value(0));
    assertEquals(7, e.value(1));
    assertEquals(49, e.value(2));
    assertThrows(IllegalArgumentException.class, () -> EncodingV2.branch(3));
    assertThrows(IllegalArgumentException.class, () -> EncodingV2.branch(-2));
  }

  @Test
  void everyHonestTallySplitsBackExactly() {
    EncodingV2 e = new EncodingV2(6); // 5 summoned
    for (int n = 0; n <= 5; n++) {
      for (int h = 0; h <= n; h++) {
        for (int m = 0; h + m <= n; m++) {
          for (int l = 0; h + m + l <= n; l++) {
            assertArrayEquals(
                new long[] {h, m, l}, e.split(e.pack(h, m, l), n), n + ":" + h + "," + m + "," + l);
          }
        }
      }
    }
  }

  @Test
  void valuesNoHonestTallyGivesAreRefused() {
    EncodingV2 e = new EncodingV2(6);
    assertThrows(IllegalArgumentException.class, () -> e.split(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> e.split(3 * 36 + 1, 3), "above N·B²");
    assertThrows(
        IllegalArgumentException.class,
        () -> e.split(e.pack(2, 2, 0), 3),
        "4 marks from 3 ballots");
    assertThrows(IllegalArgumentException.class, () -> e.split(5, 6), "N must be below B");
    assertThrows(IllegalArgumentException.class, () -> e.pack(6, 0, 0));
  }

  @Test
  void manifestHashBindsBAndDiffersFromVersionOne() {
    Manifest m = new Manifest("p1", "Lấy phiếu", List.of(new Manifest.Subject(1, "A", "B", "C")));
    assertNotEquals(m.hash(), new EncodingV2(6).manifestHash(m));
    assertNotEquals(new EncodingV2(6).manifestHash(m), new EncodingV2(7).manifestHash(m));
    assertEquals(new EncodingV2(6).manifestHash(m), new EncodingV2(6).manifestHash(m));
  }
}
