package org.cvote.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.text.Normalizer;
import java.util.List;
import org.cvote.server.lifecycle.SubjectAdminService;
import org.cvote.server.person.People;
import org.cvote.server.poll.Subject;
import org.cvote.server.poll.SubjectCsv;
import org.cvote.server.poll.SubjectInput;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.RosterCsv;
import org.cvote.server.roster.RosterStore;

/**
 * The roster and subject CSV importers, on the bytes an upload carries: strict UTF-8, RFC 4180
 * parsing, the header and per-row checks, and each subject row's validation, exactly as the import
 * routes run them. The only failure allowed is the documented {@link Refusal} with a 4xx status
 * whose field names the CSV place ({@code csv}, {@code csv.header}, {@code csv.line N[.column]});
 * whatever is accepted is what the store may hold: non-blank NFC names of bounded length without
 * control characters.
 */
class CsvImportFuzzTest {
  private static final People PEOPLE = new People();

  @FuzzTest(maxDuration = "3s")
  void importers(byte[] upload) {
    String text;
    try {
      text = SubjectAdminService.utf8(upload);
    } catch (Refusal e) {
      refusal(e);
      return;
    }
    try {
      List<RosterStore.NewVoter> voters = RosterCsv.parse(text);
      assertFalse(voters.isEmpty(), "an accepted roster has voters");
      for (RosterStore.NewVoter v : voters) {
        storable(v.name(), 300);
        assertNotNull(v.unit());
        assertTrue(v.unit().length() <= 500);
      }
    } catch (Refusal e) {
      refusal(e);
    }
    try {
      List<SubjectInput> rows = SubjectCsv.parse(text);
      for (int i = 0; i < rows.size(); i++) {
        String prefix = "csv.line " + (i + 2) + ".";
        try {
          Subject s = rows.get(i).validate(0, prefix);
          storable(s.name(), 300);
          storable(s.position(), 500);
          storable(s.unit(), 500);
          String person = PEOPLE.normalise(rows.get(i).personId(), prefix + "personId");
          assertTrue(person.length() <= 64, person);
        } catch (Refusal e) {
          refusal(e);
        }
      }
    } catch (Refusal e) {
      refusal(e);
    }
  }

  private static void refusal(Refusal e) {
    assertTrue(
        org.cvote.server.http.Http.status(e.kind()) >= 400
            && org.cvote.server.http.Http.status(e.kind()) < 500,
        "status " + org.cvote.server.http.Http.status(e.kind()));
    assertNotNull(e.code());
    assertNotNull(e.getMessage());
    assertNotNull(e.field(), "a CSV refusal names its place");
    assertTrue(e.field().startsWith("csv"), e.field());
  }

  private static void storable(String s, int max) {
    assertNotNull(s);
    assertFalse(s.isBlank(), "blank");
    assertTrue(s.length() <= max, "length " + s.length());
    assertTrue(Normalizer.isNormalized(s, Normalizer.Form.NFC), "NFC");
    assertTrue(s.chars().noneMatch(Character::isISOControl), "control characters");
  }
}
