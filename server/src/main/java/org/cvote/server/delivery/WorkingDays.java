package org.cvote.server.delivery;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days for the deadline of 001 §7.1 ("trong thời gian 7 ngày làm việc sau khi kết thúc lấy
 * phiếu tín nhiệm"): Monday to Friday, except the public holidays the secretariat lists.
 */
public record WorkingDays(Set<LocalDate> holidays) {
  public WorkingDays {
    holidays = Set.copyOf(holidays);
  }

  public boolean isWorkingDay(LocalDate d) {
    DayOfWeek w = d.getDayOfWeek();
    return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !holidays.contains(d);
  }

  /**
   * The {@code n}-th working day after {@code from} (the day itself does not count, whatever it
   * is): the last day of a period of n working days "after" an event on {@code from}.
   */
  public LocalDate plus(LocalDate from, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    LocalDate d = from;
    for (int left = n; left > 0; ) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }
}
