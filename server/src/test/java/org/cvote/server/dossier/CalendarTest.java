package org.cvote.server.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.cvote.server.refusal.Refusal;
import org.junit.jupiter.api.Test;

/** The calendar's arithmetic: offsets, the poll's time zone at midnight, reopenings, validation. */
class CalendarTest {
  private static final LocalDate POLL = LocalDate.of(2023, 7, 26);

  @Test
  void defaultOffsetsAreTheProvincialPlans() {
    Calendar cal = new Calendar(POLL, Calendar.DEFAULT_ZONE, Offsets.DEFAULT, Map.of());
    assertEquals(LocalDate.of(2023, 7, 6), cal.lastDay(Step.REPORT));
    assertEquals(LocalDate.of(2023, 7, 11), cal.lastDay(Step.DOSSIER));
    assertEquals(LocalDate.of(2023, 7, 16), cal.lastDay(Step.REQUESTS));
    assertEquals(LocalDate.of(2023, 7, 23), cal.lastDay(Step.ANSWERS));
  }

  /** The department plan's dates for its conference of 26/7/2023: 01/7, 10/7, 15/7, 20/7, 23/7. */
  @Test
  void departmentPlanOffsetsGiveItsOwnDates() {
    Calendar cal =
        new Calendar(POLL, Calendar.DEFAULT_ZONE, Offsets.of(25, 16, 11, 6, 3), Map.of());
    assertEquals("01/07/2023", Calendar.VN_DATE.format(cal.lastDay(Step.REPORT)));
    assertEquals("10/07/2023", Calendar.VN_DATE.format(cal.lastDay(Step.DOSSIER)));
    assertEquals("15/07/2023", Calendar.VN_DATE.format(cal.lastDay(Step.REQUESTS)));
    assertEquals("20/07/2023", Calendar.VN_DATE.format(cal.lastDay(Step.ANSWERS)));
    assertEquals("23/07/2023", Calendar.VN_DATE.format(cal.lastDay(Step.FORWARD)));
    assertEquals(Offsets.DEPARTMENT_PLAN, Offsets.of(25, 16, 11, 6, 3));
  }

  /**
   * D−10 ends at midnight in Ho Chi Minh City (17:00 UTC), not at midnight UTC seven hours later.
   */
  @Test
  void aDeadlineEndsAtMidnightInThePollsTimeZone() {
    Calendar cal = new Calendar(POLL, ZoneId.of("Asia/Ho_Chi_Minh"), Offsets.DEFAULT, Map.of());
    Instant midnight = Instant.parse("2023-07-16T17:00:00Z");
    assertEquals(midnight, cal.closesAt(Step.REQUESTS));
    assertTrue(cal.isOpen(Step.REQUESTS, midnight.minusSeconds(1)));
    assertFalse(cal.isOpen(Step.REQUESTS, midnight));
    Refusal e = assertThrows(Refusal.class, () -> cal.require(Step.REQUESTS, midnight));
    assertEquals(409, org.cvote.server.http.Http.status(e.kind()));
    assertEquals("deadline_passed", e.code());
    assertEquals("requests", e.field());
    assertTrue(e.getMessage().contains("16/07/2023"), e.getMessage());
    // the same instant is still 16 July in UTC: a poll held in UTC takes it
    assertTrue(
        new Calendar(POLL, ZoneId.of("Etc/UTC"), Offsets.DEFAULT, Map.of())
            .isOpen(Step.REQUESTS, midnight));
  }

  /**
   * A zone whose midnight is skipped by daylight saving still closes the step at the start of the
   * next day.
   */
  @Test
  void midnightSkippedByDaylightSavingStillCloses() {
    // Santiago skipped 00:00 on 2023-09-03 (clocks went to 01:00): D−10 of a poll on 2023-09-12 is
    // 2023-09-02
    Calendar cal =
        new Calendar(
            LocalDate.of(2023, 9, 12), ZoneId.of("America/Santiago"), Offsets.DEFAULT, Map.of());
    assertEquals(Instant.parse("2023-09-03T04:00:00Z"), cal.closesAt(Step.REQUESTS));
  }

  @Test
  void aReopeningMovesTheLastDay() {
    Calendar.Reopening r =
        new Calendar.Reopening(
            Step.REQUESTS,
            LocalDate.of(2023, 7, 19),
            "thư mời gửi chậm",
            "admin",
            Instant.parse("2023-07-17T01:00:00Z"));
    Calendar cal =
        new Calendar(POLL, Calendar.DEFAULT_ZONE, Offsets.DEFAULT, Map.of(Step.REQUESTS, r));
    assertEquals(LocalDate.of(2023, 7, 16), cal.plannedLastDay(Step.REQUESTS));
    assertTrue(cal.isOpen(Step.REQUESTS, Instant.parse("2023-07-19T16:59:59Z")));
    assertFalse(cal.isOpen(Step.REQUESTS, Instant.parse("2023-07-19T17:00:00Z")));
  }

  @Test
  void offsetsOutOfOrderOrRangeAreRefusedNamingTheField() {
    Refusal order = assertThrows(Refusal.class, () -> Offsets.of(20, 15, 16, 3, 3));
    assertEquals("requests", order.field());
    assertEquals(
        "answers", assertThrows(Refusal.class, () -> Offsets.of(20, 15, 10, -1, 0)).field());
    assertEquals(
        "report", assertThrows(Refusal.class, () -> Offsets.of(400, 15, 10, 3, 3)).field());
    assertEquals(
        "forward", assertThrows(Refusal.class, () -> Offsets.of(20, 15, 10, 3, null)).field());
    assertEquals(
        "timeZone", assertThrows(Refusal.class, () -> Dossiers.zone("Mars/Olympus")).field());
    assertEquals("timeZone", assertThrows(Refusal.class, () -> Dossiers.zone("+07:00")).field());
  }
}
