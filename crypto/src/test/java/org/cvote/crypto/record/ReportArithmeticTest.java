package org.cvote.crypto.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportArithmeticTest {
  @ParameterizedTest(name = "{0}/{1} = {2}")
  @CsvSource({
    "1, 8, 12.50",
    "1, 3, 33.33",
    "2, 3, 66.67",
    "1, 200, 0.50",
    "1, 16, 6.25",
    "0, 5, 0.00",
    "5, 5, 100.00",
    "0, 0, 0.00",
    "7, 0, 0.00",
    "1, 7, 14.29",
    "85, 200, 42.50",
    // ties at the third decimal round up
    "1, 4000, 0.03",
    "1, 800, 0.13",
    "1, 1600, 0.06",
    "3, 4000, 0.08",
    // 23/4000 = 0.575 exactly: Math.round(100.0*23/4000*100)/100 gives 0.57
    "23, 4000, 0.58",
    "41, 4000, 1.03",
    "999999, 1000000, 100.00",
    "1, 1000000, 0.00",
    "50, 1000000, 0.01",
    "49, 1000000, 0.00",
  })
  void percentIsExactHalfUpWithTwoDecimals(long count, long collected, String expected) {
    assertEquals(expected, Percent.of(count, collected));
  }

  @Test
  void aFloatWouldMisRound() {
    double d = 100.0 * 23 / 4000;
    long viaFloat = Math.round(d * 100);
    assertEquals(57, viaFloat, "the float path rounds 0.575 down");
    assertNotEquals(
        new BigDecimal(d).setScale(2, RoundingMode.HALF_UP).toPlainString(), Percent.of(23, 4000));
    assertEquals("0.58", Percent.of(23, 4000));
  }

  @Test
  void percentAgreesWithBigDecimalEverywhereSmall() {
    for (long c = 1; c <= 300; c++) {
      for (long k = 0; k <= c; k++) {
        String exact =
            BigDecimal.valueOf(k)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(c), 2, RoundingMode.HALF_UP)
                .toPlainString();
        assertEquals(exact, Percent.of(k, c), k + "/" + c);
      }
    }
  }

  @Test
  void percentRejectsNegatives() {
    assertThrows(IllegalArgumentException.class, () -> Percent.of(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> Percent.of(1, -3));
  }

  @ParameterizedTest(name = "L={0} C={1} -> {2}")
  @CsvSource({
    "2, 3, TWO_THIRDS_LOW",
    "51, 100, OVER_HALF_LOW",
    "50, 100, NONE",
    "66, 100, OVER_HALF_LOW",
    "67, 100, TWO_THIRDS_LOW",
    "0, 0, NONE",
    "0, 1, NONE",
    "1, 1, TWO_THIRDS_LOW",
    "1, 2, NONE",
    "2, 4, NONE",
    "3, 5, OVER_HALF_LOW",
    "4, 6, TWO_THIRDS_LOW",
    "1, 3, NONE",
    "100, 150, TWO_THIRDS_LOW",
    "99, 150, OVER_HALF_LOW",
    "76, 150, OVER_HALF_LOW",
    "75, 150, NONE",
  })
  void flagsUseExactIntegerRules(long low, long collected, Flag expected) {
    assertEquals(expected, Flag.of(low, collected));
  }

  @Test
  void flagsAgreeWithRationalDefinition() {
    for (long c = 1; c <= 200; c++) {
      for (long l = 0; l <= c; l++) {
        Flag want =
            3 * l >= 2 * c ? Flag.TWO_THIRDS_LOW : 2 * l > c ? Flag.OVER_HALF_LOW : Flag.NONE;
        assertEquals(want, Flag.of(l, c));
      }
    }
  }

  @Test
  void resultOfComputesValidPercentagesAndFlag() {
    TallyFile.Result r = TallyFile.Result.of(2, 1, 0, 2, 3);
    assertEquals(3, r.valid());
    assertEquals(java.util.List.of("33.33", "0.00", "66.67"), r.percent());
    assertEquals(Flag.TWO_THIRDS_LOW, r.flag());
  }
}
