package org.cvote.server.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.util.Csv;

/**
 * Subjects from CSV (UTF-8): a header row naming {@code name, position, unit} and optionally {@code
 * retiring, electedThisYear, appointedThisYear} (yes/no, true/false, 1/0, có/không, x or empty)
 * with {@code exemptSince} (YYYY-MM-DD: the announcement, election or appointment; 001 II.1), and
 * the person's id ({@code personId}, {@code nationalId} or {@code staffCode}; generated when the
 * column or cell is empty) and the place's priority among the person's two places ({@code
 * placePriority}: 1, 2 or empty).
 */
public final class SubjectCsv {
  private SubjectCsv() {}

  public static List<SubjectInput> parse(String text) {
    List<List<String>> rows;
    try {
      rows = Csv.parse(text);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("csv", e.getMessage());
    }
    if (rows.isEmpty()) {
      throw Refusal.invalid("csv", "empty file");
    }
    List<String> header =
        rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    int name = header.indexOf("name"),
        position = header.indexOf("position"),
        unit = header.indexOf("unit");
    int retiring = header.indexOf("retiring"), appointed = header.indexOf("appointedthisyear");
    int priority = header.indexOf("placepriority");
    int elected = header.indexOf("electedthisyear"), since = header.indexOf("exemptsince");
    int person = header.indexOf("personid");
    if (person < 0) {
      person = header.indexOf("nationalid");
    }
    if (person < 0) {
      person = header.indexOf("staffcode");
    }
    if (name < 0 || position < 0 || unit < 0) {
      throw Refusal.invalid("csv.header", "the header must name the columns name, position, unit");
    }
    List<SubjectInput> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      String line = "line " + (i + 1);
      if (r.size() != header.size()) {
        throw Refusal.invalid("csv." + line, "expected " + header.size() + " columns");
      }
      out.add(
          new SubjectInput(
              r.get(name),
              r.get(position),
              r.get(unit),
              flag(r, retiring, line),
              flag(r, appointed, line),
              person < 0 ? null : r.get(person),
              priority(r, priority, line),
              flag(r, elected, line),
              since < 0 ? null : r.get(since)));
    }
    return out;
  }

  /** The optional {@code placePriority} column: empty, 1 or 2 (001 II.1). */
  private static Integer priority(List<String> row, int col, String line) {
    if (col < 0) {
      return null;
    }
    String v = row.get(col).strip();
    return switch (v) {
      case "" -> null;
      case "1" -> 1;
      case "2" -> 2;
      default ->
          throw Refusal.invalid(
              "csv." + line + ".placePriority", "expected 1, 2 or empty, got '" + v + "'");
    };
  }

  private static Boolean flag(List<String> row, int col, String line) {
    if (col < 0) {
      return false;
    }
    String v = row.get(col).strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "", "no", "false", "0", "không" -> false;
      case "yes", "true", "1", "x", "có" -> true;
      default -> throw Refusal.invalid("csv." + line, "expected yes/no, got '" + v + "'");
    };
  }
}
