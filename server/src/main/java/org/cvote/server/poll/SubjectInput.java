package org.cvote.server.poll;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.util.Text;

/**
 * A subject as the secretariat enters it. A person who has announced retirement, or was elected or
 * appointed in the year of the vote, is not rated (docs/domain.md §8; 001 II.1, 003): such an entry
 * is kept as an {@link Exemption} with its reason and date instead of being refused, and the report
 * lists it. {@code personId} (national id or staff code) identifies the person across polls; one is
 * generated when absent. {@code placePriority} (1 or 2) is this place's rank among the person's two
 * places (001 II.1); by default the first place entered is 1 and the second 2.
 */
public record SubjectInput(
    String name,
    String position,
    String unit,
    Boolean retiring,
    Boolean appointedThisYear,
    String personId,
    Integer placePriority,
    Boolean electedThisYear,
    String exemptSince) {

  public SubjectInput(
      String name, String position, String unit, Boolean retiring, Boolean appointedThisYear) {
    this(name, position, unit, retiring, appointedThisYear, null, null, null, null);
  }

  public SubjectInput(
      String name,
      String position,
      String unit,
      Boolean retiring,
      Boolean appointedThisYear,
      String personId) {
    this(name, position, unit, retiring, appointedThisYear, personId, null, null, null);
  }

  /** The NFC-normalised subject, or a 400 naming the field (prefixed for CSV rows). */
  public Subject validate(int index, String prefix) {
    return new Subject(
        index,
        Text.required(name, prefix + "name", 300),
        Text.required(position, prefix + "position", 500),
        Text.required(unit, prefix + "unit", 500));
  }

  /**
   * Why this person is not rated, if they are not (001 II.1): RETIREMENT ({@code retiring}),
   * NEWLY_ELECTED ({@code electedThisYear}) or NEWLY_APPOINTED ({@code appointedThisYear}), with
   * {@code exemptSince} (YYYY-MM-DD, optional): the announcement, election or appointment. An
   * election or appointment dated in another year than the vote's is no exemption (400 naming
   * {@code exemptSince}); an announcement after the vote neither.
   */
  public Optional<Exemption.Reason> exemption(LocalDate pollDate, String prefix) {
    int flags =
        (Boolean.TRUE.equals(retiring) ? 1 : 0)
            + (Boolean.TRUE.equals(electedThisYear) ? 1 : 0)
            + (Boolean.TRUE.equals(appointedThisYear) ? 1 : 0);
    if (flags == 0) {
      if (exemptSince != null && !exemptSince.isBlank()) {
        throw Refusal.invalid(
            prefix + "exemptSince",
            "a date without a reason (retiring, electedThisYear, appointedThisYear)");
      }
      return Optional.empty();
    }
    if (flags > 1) {
      throw Refusal.invalid(
          prefix + "retiring", "give one reason: retiring, electedThisYear or appointedThisYear");
    }
    Exemption.Reason r =
        Boolean.TRUE.equals(retiring)
            ? Exemption.Reason.RETIREMENT
            : Boolean.TRUE.equals(electedThisYear)
                ? Exemption.Reason.NEWLY_ELECTED
                : Exemption.Reason.NEWLY_APPOINTED;
    LocalDate since = since(prefix);
    if (since != null
        && r != Exemption.Reason.RETIREMENT
        && since.getYear() != pollDate.getYear()) {
      throw Refusal.invalid(
          prefix + "exemptSince",
          "elected or appointed in "
              + since.getYear()
              + ", not in the year of the vote ("
              + pollDate.getYear()
              + "): the person is rated (001 II.1)");
    }
    if (since != null && since.isAfter(pollDate)) {
      throw Refusal.invalid(prefix + "exemptSince", "after the vote (" + pollDate + ")");
    }
    return Optional.of(r);
  }

  public LocalDate since(String prefix) {
    if (exemptSince == null || exemptSince.isBlank()) {
      return null;
    }
    LocalDate d;
    try {
      d = LocalDate.parse(exemptSince.strip());
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(prefix + "exemptSince", "expected YYYY-MM-DD");
    }
    // what a SQL DATE holds (Derby: years 1–9999); year 0 parses but is not stored as given
    if (d.getYear() < 1 || d.getYear() > 9999) {
      throw Refusal.invalid(prefix + "exemptSince", "expected a year from 0001 to 9999");
    }
    return d;
  }
}
