package org.cvote.server.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 001 §7.1: 7 working days after the end of voting; weekends and listed holidays are skipped. */
class WorkingDaysTest {
  static final WorkingDays PLAIN = new WorkingDays(Set.of());

  @Test
  void aWeekOfWorkingDaysFromEachDayOfTheWeek() {
    // Monday 2026-11-16 → Tuesday 25th (17..20, 23..25)
    assertEquals(LocalDate.of(2026, 11, 25), PLAIN.plus(LocalDate.of(2026, 11, 16), 7));
    // Friday 2026-11-20 → Mon 23 (1) … Fri 27 (5), Mon 30 (6), Tue 1 Dec (7)
    assertEquals(LocalDate.of(2026, 12, 1), PLAIN.plus(LocalDate.of(2026, 11, 20), 7));
    // voting ended on Saturday or Sunday: the same due day as Friday's (the weekend counts for
    // nothing)
    assertEquals(LocalDate.of(2026, 12, 1), PLAIN.plus(LocalDate.of(2026, 11, 21), 7));
    assertEquals(LocalDate.of(2026, 12, 1), PLAIN.plus(LocalDate.of(2026, 11, 22), 7));
    // one working day after a Friday is Monday, never the weekend
    assertEquals(LocalDate.of(2026, 11, 23), PLAIN.plus(LocalDate.of(2026, 11, 20), 1));
  }

  @Test
  void holidaysAreSkippedAndAHolidayOnAWeekendChangesNothing() {
    // Quốc khánh 1–2 September 2026 (Tuesday, Wednesday): Monday 31 August → Friday 11 September,
    // not the 9th
    WorkingDays vn = new WorkingDays(Set.of(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 2)));
    assertEquals(LocalDate.of(2026, 9, 9), PLAIN.plus(LocalDate.of(2026, 8, 31), 7));
    assertEquals(LocalDate.of(2026, 9, 11), vn.plus(LocalDate.of(2026, 8, 31), 7));
    assertFalse(vn.isWorkingDay(LocalDate.of(2026, 9, 2)));
    // voting ended on a holiday: the holiday itself never counts
    assertEquals(LocalDate.of(2026, 9, 11), vn.plus(LocalDate.of(2026, 9, 2), 7));
    // a holiday falling on a Saturday moves nothing
    WorkingDays sat = new WorkingDays(Set.of(LocalDate.of(2026, 11, 21)));
    assertEquals(
        PLAIN.plus(LocalDate.of(2026, 11, 20), 7), sat.plus(LocalDate.of(2026, 11, 20), 7));
    assertTrue(PLAIN.isWorkingDay(LocalDate.of(2026, 9, 2)));
  }

  @Test
  void acrossTheYearAndALongHoliday() {
    // 31 December 2026 (Thursday), New Year's Day a holiday: Jan 4..8 (5), 11 (6), 12 (7)
    WorkingDays newYear = new WorkingDays(Set.of(LocalDate.of(2027, 1, 1)));
    assertEquals(LocalDate.of(2027, 1, 12), newYear.plus(LocalDate.of(2026, 12, 31), 7));
    // Tết 2027: Friday 5 to Thursday 11 February off; voting ended Thursday 4 February → 12, 15,
    // 16, 17, 18, 19, 22
    java.util.Set<LocalDate> tet = new java.util.HashSet<>();
    for (LocalDate d = LocalDate.of(2027, 2, 5);
        !d.isAfter(LocalDate.of(2027, 2, 11));
        d = d.plusDays(1)) {
      tet.add(d);
    }
    assertEquals(LocalDate.of(2027, 2, 22), new WorkingDays(tet).plus(LocalDate.of(2027, 2, 4), 7));
  }

  @Test
  void atLeastOneDay() {
    assertThrows(IllegalArgumentException.class, () -> PLAIN.plus(LocalDate.of(2026, 1, 1), 0));
  }
}
