package org.cvote.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.record.Flag;
import org.cvote.crypto.record.TallyFile;
import org.cvote.server.poll.PollForm;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.Test;

/**
 * Golden figures of the report for hand-worked cases: percentages of collected, half-up, and the
 * flags.
 */
class ReportFiguresTest {

  /**
   * One subject with counts (high, mid, low) out of {@code collected}, as TallyService builds it.
   */
  static Report report(long collected, long[]... counts) {
    List<TallyFile.Result> results = new ArrayList<>();
    List<Report.SubjectRow> rows = new ArrayList<>();
    for (int s = 0; s < counts.length; s++) {
      results.add(TallyFile.Result.of(s + 1, counts[s][0], counts[s][1], counts[s][2], collected));
      rows.add(
          new Report.SubjectRow(
              s + 1,
              "P-" + (s + 1),
              NAMES.get(s % NAMES.size()),
              "Phó Giám đốc Sở",
              "Sở Tài chính"));
    }
    TallyFile t =
        new TallyFile(
            collected + 5, collected + 2, 3, collected + 1, collected, collected, results);
    return new Report(
        "poll-1",
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh",
        "Thanh Hóa",
        LocalDate.of(2026, 11, 23),
        Instant.parse("2026-11-23T08:05:00Z"),
        Instant.parse("2026-11-23T08:47:00Z"),
        List.of(
            new Report.Member(1, "Lê Văn Thịnh"),
            new Report.Member(2, "Phạm Thị Ngọc Ánh"),
            new Report.Member(3, "Đỗ Quang Huy")),
        2,
        t,
        rows);
  }

  static final List<String> NAMES =
      List.of(
          "Nguyễn Thị Hồng Nhung", "Trần Đức Phước", "Lê Quý Đôn", "Phạm Ngọc Ẩn", "Vũ Thị Thủy");

  static JsonNode json(Report r, Lang lang) {
    return Api.JSON.valueToTree(r.json(lang));
  }

  static JsonNode row(Report r) {
    return json(r, Lang.VI).get("results").get(0);
  }

  static List<String> percents(JsonNode row) {
    List<String> out = new ArrayList<>();
    for (JsonNode l : row.get("levels")) {
      out.add(l.get("percent").asText());
    }
    return out;
  }

  @Test
  void threeCollectedTwoLowIsExactlyTwoThirdsAndDismissal() {
    JsonNode row = row(report(3, new long[] {1, 0, 2}));
    assertEquals(3, row.get("valid").asLong());
    assertEquals(List.of("33.33", "0.00", "66.67"), percents(row));
    assertEquals(Flag.TWO_THIRDS_LOW.name(), row.get("flag").asText());
    assertTrue(
        row.get("consequence").asText().contains("miễn nhiệm chức vụ đang đảm nhiệm"),
        row.toString());
  }

  @Test
  void hundredCollectedFiftyOneLowIsOverHalf() {
    JsonNode row = row(report(100, new long[] {30, 19, 51}));
    assertEquals(List.of("30.00", "19.00", "51.00"), percents(row));
    assertEquals(Flag.OVER_HALF_LOW.name(), row.get("flag").asText());
    assertTrue(
        row.get("consequence").asText().contains("đưa ra khỏi quy hoạch các chức vụ cao hơn"),
        row.toString());
  }

  @Test
  void hundredCollectedFiftyLowIsNotFlagged() {
    JsonNode row = row(report(100, new long[] {25, 25, 50}));
    assertEquals(List.of("25.00", "25.00", "50.00"), percents(row));
    assertEquals(Flag.NONE.name(), row.get("flag").asText());
    assertTrue(row.get("consequence").isNull());
    // 66 of 100 is under 2/3, 67 is over: the boundary of the dismissal flag with integers
    assertEquals("OVER_HALF_LOW", row(report(100, new long[] {0, 34, 66})).get("flag").asText());
    assertEquals("TWO_THIRDS_LOW", row(report(100, new long[] {0, 33, 67})).get("flag").asText());
  }

  @Test
  void percentagesAreOfCollectedWhenRowsWereBlank() {
    // 10 collected, 4 left this row blank: valid 6; percentages of 10, not of 6 (which would be
    // 50/33.33/16.67)
    JsonNode row = row(report(10, new long[] {3, 2, 1}));
    assertEquals(6, row.get("valid").asLong());
    assertEquals(4, row.get("invalid").asLong());
    assertEquals(List.of("30.00", "20.00", "10.00"), percents(row));
    // 6 low of 10 collected is over half even though 6 of 6 valid… and 5 low of 10 with 5 blanks is
    // not
    assertEquals("OVER_HALF_LOW", row(report(10, new long[] {0, 0, 6})).get("flag").asText());
    assertEquals("NONE", row(report(10, new long[] {0, 0, 5})).get("flag").asText());
  }

  @Test
  void roundingAtFiveInTheThirdDecimalGoesUp() {
    // 1/32 = 3.125 % → 3.13; 30/32 = 93.75 %; 1/800 = 0.125 % → 0.13; 7/800 = 0.875 % → 0.88
    assertEquals(
        List.of("3.13", "93.75", "3.13"), percents(row(report(32, new long[] {1, 30, 1}))));
    assertEquals(
        List.of("0.13", "99.00", "0.88"), percents(row(report(800, new long[] {1, 792, 7}))));
    // 2/3 = 66.666… → 66.67, 1/6 = 16.666… → 16.67, 1/7 = 14.2857… → 14.29
    assertEquals(
        List.of("16.67", "16.67", "66.67"), percents(row(report(6, new long[] {1, 1, 4}))));
    assertEquals("14.29", percents(row(report(7, new long[] {1, 6, 0}))).get(0));
  }

  @Test
  void everyFieldOfThePhuLuc5Form() {
    Report r = report(40, new long[] {20, 15, 5}, new long[] {10, 5, 25});
    JsonNode j = json(r, Lang.VI);
    assertEquals("Hội nghị Ban Chấp hành Đảng bộ tỉnh", j.get("conference").asText());
    assertEquals("Thanh Hóa", j.get("place").asText());
    assertEquals("2026-11-23T15:05", j.get("count").get("fromLocal").asText());
    assertEquals("2026-11-23T15:47", j.get("count").get("toLocal").asText());
    assertEquals(3, j.get("committee").get("members").size());
    assertEquals("Phạm Thị Ngọc Ánh", j.get("committee").get("head").get("name").asText());
    JsonNode a = j.get("attendance");
    assertEquals(45, a.get("summoned").asLong());
    assertEquals(42, a.get("present").asLong());
    assertEquals(3, a.get("absentFromStart").asLong());
    assertEquals(41, a.get("presentAtVoting").asLong());
    assertEquals(40, a.get("issued").asLong());
    assertEquals(40, a.get("collected").asLong());
    String intro = j.get("intro").asText();
    assertTrue(
        intro.contains("từ 15 giờ 05 phút đến 15 giờ 47 phút, ngày 23/11/2026, tại Thanh Hóa"),
        intro);
    assertTrue(
        intro.contains(
            "Ban kiểm phiếu gồm 3 đồng chí, do đồng chí Phạm Thị Ngọc Ánh làm Trưởng ban"),
        intro);
    // the conference's name is the line above the sentence; the sentence does not repeat it
    assertFalse(intro.contains("Hội nghị Ban Chấp hành"), intro);
    assertFalse(intro.contains("hội nghị Hội nghị"), intro);
    assertEquals("T/M BAN KIỂM PHIẾU", j.get("signature").asText());
    assertTrue(
        j.get("copies").asText().contains("3 bản (2 bản gửi cấp trên trực tiếp"), j.toString());
    assertTrue(j.get("copies").asText().contains("chế độ mật"));
    assertEquals("Ghi chú: Tỉ lệ % tính trên tổng số phiếu thu về.", j.get("percentNote").asText());
    JsonNode second = j.get("results").get(1);
    assertEquals("Trần Đức Phước", second.get("name").asText());
    assertEquals("Phó Giám đốc Sở", second.get("position").asText());
    assertEquals("Sở Tài chính", second.get("unit").asText());
    assertEquals("P-2", second.get("personId").asText());
    assertEquals("62.50", second.get("levels").get(2).get("percent").asText());
    assertEquals("OVER_HALF_LOW", second.get("flag").asText());
    // English on request, same figures
    JsonNode en = json(r, Lang.EN);
    assertEquals("en", en.get("lang").asText());
    assertTrue(en.get("results").get(1).get("consequence").asText().startsWith("More than 50%"));
    assertEquals("62.50", en.get("results").get(1).get("levels").get(2).get("percent").asText());
  }

  @Test
  void htmlEscapesAndCarriesTheForm() {
    List<TallyFile.Result> results = List.of(TallyFile.Result.of(1, 1, 0, 2, 3));
    Report r =
        new Report(
            "p",
            "<script>alert(1)</script>",
            "Hà Nội & \"Huế\"",
            LocalDate.of(2026, 1, 2),
            null,
            null,
            List.of(),
            1,
            new TallyFile(3, 3, 0, 3, 3, 3, results),
            List.of(new Report.SubjectRow(1, "X", "Ngô <b>Bảo</b> Châu", "a'b", "c")));
    String html = ReportHtml.render(r, Lang.VI);
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("<b>Bảo</b>"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("Ngô &lt;b&gt;Bảo&lt;/b&gt; Châu"));
    assertTrue(html.contains("Hà Nội &amp; &quot;Huế&quot;"));
    assertTrue(html.contains("a&#39;b"));
    assertTrue(html.contains("T/M BAN KIỂM PHIẾU"));
    assertTrue(html.contains("66,67"), "a decimal comma in Vietnamese");
    assertTrue(html.contains("chế độ mật"));
  }

  /** The report of {@link #report} with the heading of the form (Phụ lục 5) filled in. */
  static Report withForm(Report r, PollForm f) {
    return new Report(
        r.pollId(),
        r.title(),
        r.place(),
        r.date(),
        r.countFrom(),
        r.countTo(),
        r.committee(),
        r.head(),
        r.tally(),
        r.subjects(),
        f,
        r.exempted(),
        r.observers());
  }

  @Test
  void theFormsHeadingInvalidCountsPercentagesAndWording() throws Exception {
    Report r =
        withForm(
            report(40, new long[] {20, 15, 5}, new long[] {10, 5, 25}, new long[] {1, 2, 3}),
            new PollForm(
                "Đảng bộ tỉnh Thanh Hóa",
                "Ban Chấp hành Đảng bộ tỉnh",
                "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy",
                2026));
    JsonNode j = json(r, Lang.VI);
    assertEquals("Đảng bộ tỉnh Thanh Hóa", j.get("body").asText());
    assertEquals(2026, j.get("year").asInt());
    assertTrue(
        j.get("intro")
            .asText()
            .endsWith(
                "đã tiến hành kiểm phiếu tín nhiệm của Ban Chấp hành Đảng bộ tỉnh đối với "
                    + "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy năm 2026; kết quả cụ thể như sau:"),
        j.get("intro").asText());
    JsonNode second = j.get("results").get(1);
    // the machine value stays as tally.json has it; the text is Vietnamese
    assertEquals("62.50", second.get("levels").get(2).get("percent").asText());
    assertEquals("62,50", second.get("levels").get(2).get("percentText").asText());
    assertEquals(
        "62.50",
        json(r, Lang.EN).get("results").get(1).get("levels").get(2).get("percentText").asText());
    assertEquals(
        "Có trên 50% nhưng dưới 2/3 số phiếu tín nhiệm thấp", second.get("flagLabel").asText());
    assertEquals(
        "Số phiếu tín nhiệm thấp không quá 50%", j.get("results").get(0).get("flagLabel").asText());
    assertEquals(34, j.get("results").get(2).get("invalid").asLong());

    String html = ReportHtml.render(r, Lang.VI);
    assertTrue(html.contains("<b>Đảng bộ tỉnh Thanh Hóa</b>"), html);
    assertTrue(html.contains("Số phiếu không hợp lệ"), html);
    assertTrue(
        html.contains("<td class=\"n\">6</td><td class=\"n\">34</td>"),
        "valid 6, invalid 34 of 40: " + html);
    assertTrue(html.contains("62,50") && !html.contains("62.50"), html);
    assertTrue(html.contains("Số phiếu tín nhiệm thấp không quá 50%."), html);
    assertFalse(html.contains("Không có trên 50%"), html);
    assertFalse(
        html.contains("Ban Kiểm phiếu") || html.contains("Trưởng Ban"),
        "one capitalisation: " + html);
    String en = ReportHtml.render(r, Lang.EN);
    assertTrue(en.contains("62.50") && !en.contains("62,50"), en);
    assertTrue(en.contains("Invalid ballots"));

    String pdf = ReportPdfTest.text(ReportPdf.render(r, Lang.VI));
    assertTrue(
        pdf.contains("Số phiếu không hợp lệ")
            || pdf.replaceAll("\\s+", " ").contains("Số phiếu không hợp lệ"),
        pdf);
    assertTrue(pdf.contains("62,50") && !pdf.contains("62.50"), pdf);
    assertTrue(pdf.contains("Đảng bộ tỉnh Thanh Hóa"), pdf);
  }

  @Test
  void theYearOfTheFormIsTheVotesOwn() {
    LocalDate d = LocalDate.of(2026, 11, 23);
    assertEquals(2026, PollForm.of(null, null, null, null, d).year());
    assertEquals(2025, PollForm.of("", "", "", 2025, d).year());
    org.cvote.server.refusal.Refusal e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.cvote.server.refusal.Refusal.class, () -> PollForm.of("", "", "", 2020, d));
    assertEquals("year", e.field());
  }

  @Test
  void aPersonRatedInTwoPlacesHasNoFinalConsequenceAndTheNote() throws Exception {
    Report base = report(40, new long[] {5, 5, 30}, new long[] {20, 15, 5});
    List<Report.SubjectRow> rows = new ArrayList<>(base.subjects());
    Report.SubjectRow s = rows.get(0);
    rows.set(
        0, new Report.SubjectRow(s.index(), s.personId(), s.name(), s.position(), s.unit(), 2));
    Report r =
        new Report(
            base.pollId(),
            base.title(),
            base.place(),
            base.date(),
            base.countFrom(),
            base.countTo(),
            base.committee(),
            base.head(),
            base.tally(),
            rows);
    JsonNode j = json(r, Lang.VI);
    JsonNode first = j.get("results").get(0);
    assertEquals("TWO_THIRDS_LOW", first.get("flag").asText(), "the figures are unchanged");
    assertFalse(first.get("final").asBoolean());
    assertEquals(2, first.get("place").asInt());
    assertTrue(first.get("twoPlacesNote").asText().contains("nơi thứ 2"), first.toString());
    assertTrue(j.get("results").get(1).get("final").asBoolean());
    assertTrue(j.get("results").get(1).get("twoPlacesNote").isNull());
    String note = "xem xét tổng thể kết quả phiếu tín nhiệm ở từng nơi (mục 9.4)";
    assertTrue(ReportHtml.render(r, Lang.VI).contains(note));
    assertTrue(ReportPdfTest.text(ReportPdf.render(r, Lang.VI)).replace("\n", " ").contains(note));
    assertFalse(ReportHtml.render(base, Lang.VI).contains(note), "one place: no note");
  }
}
