package org.cvote.server.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.util.Csv;
import org.cvote.server.util.Text;

/**
 * Roster CSV (UTF-8): header with {@code name} and optionally {@code unit}; one summoned voter a
 * row.
 */
public final class RosterCsv {
  private RosterCsv() {}

  public static List<RosterStore.NewVoter> parse(String text) {
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
    int name = header.indexOf("name"), unit = header.indexOf("unit");
    if (name < 0) {
      throw Refusal.invalid("csv.header", "the header must name the column name");
    }
    List<RosterStore.NewVoter> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      String line = "line " + (i + 1);
      if (r.size() != header.size()) {
        throw Refusal.invalid("csv." + line, "expected " + header.size() + " columns");
      }
      out.add(
          new RosterStore.NewVoter(
              Text.required(r.get(name), "csv." + line + ".name", 300),
              unit < 0 ? "" : Text.optional(r.get(unit), "csv." + line + ".unit", 500)));
    }
    if (out.isEmpty()) {
      throw Refusal.invalid("csv", "no voters");
    }
    return out;
  }
}
