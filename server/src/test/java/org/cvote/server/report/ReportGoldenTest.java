package org.cvote.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.cvote.server.poll.PollForm;
import org.junit.jupiter.api.Test;

/**
 * The Vietnamese PDF of a fixed poll, as text (PDFBox's text stripper), compared line by line with
 * a reviewed copy ({@code src/test/resources/report/golden-vi.txt}). A wording or layout change
 * shows here as the first line that differs; after reviewing the new text, copy {@code
 * target/golden-vi.actual.txt} over the expected file.
 */
class ReportGoldenTest {
  /**
   * Three subjects (under half low; over half; two thirds, with 4 rows left blank), the second
   * rated in two places (this one second), one person not rated (retirement announced), two
   * observers of the superior level.
   */
  static Report fixed() {
    Report base =
        ReportFiguresTest.report(
            40, new long[] {20, 15, 5}, new long[] {10, 5, 25}, new long[] {1, 8, 27});
    List<Report.SubjectRow> rows = new java.util.ArrayList<>(base.subjects());
    Report.SubjectRow s = rows.get(1);
    rows.set(
        1, new Report.SubjectRow(s.index(), s.personId(), s.name(), s.position(), s.unit(), 2));
    return new Report(
        base.pollId(),
        base.title(),
        base.place(),
        base.date(),
        base.countFrom(),
        base.countTo(),
        base.committee(),
        base.head(),
        base.tally(),
        rows,
        new PollForm(
            "Đảng bộ tỉnh Thanh Hóa",
            "Ban Chấp hành Đảng bộ tỉnh",
            "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy",
            2026),
        List.of(
            new Report.Exempted(
                "P-9",
                "Hà Văn Minh",
                "Phó Giám đốc Sở",
                "Sở Nội vụ",
                "RETIREMENT",
                LocalDate.of(2026, 10, 1))),
        List.of(
            new Report.Observer("Phan Đình Trạc", "Ban Tổ chức Trung ương"),
            new Report.Observer("Mai Văn Chính", "")));
  }

  @Test
  void vietnamesePdfTextMatchesTheReviewedCopy() throws Exception {
    String actual = ReportPdfTest.text(ReportPdf.render(fixed(), Lang.VI)).replace("\r\n", "\n");
    Files.writeString(Path.of("target", "golden-vi.actual.txt"), actual, StandardCharsets.UTF_8);
    String expected;
    try (InputStream in = ReportGoldenTest.class.getResourceAsStream("/report/golden-vi.txt")) {
      assertNotNull(in, "missing /report/golden-vi.txt");
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> e = expected.lines().map(String::stripTrailing).toList();
    List<String> a = actual.lines().map(String::stripTrailing).toList();
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      assertEquals(
          e.get(i),
          a.get(i),
          "line " + (i + 1) + " of the report's text (actual in target/golden-vi.actual.txt)");
    }
    assertEquals(e.size(), a.size(), "number of lines (actual in target/golden-vi.actual.txt)");
  }
}
