package org.cvote.server.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.Subject;
import org.cvote.server.poll.Visibility;
import org.junit.jupiter.api.Test;

/**
 * The Phụ lục 2 form: dated in the poll's zone, the voter's words escaped, the answer below the
 * request.
 */
class RequestFormTest {
  private static final Poll POLL =
      new Poll(
          "p-1",
          "Hội nghị Ban Chấp hành",
          "Tây Ninh",
          LocalDate.of(2030, 7, 26),
          Visibility.PUBLIC,
          PollStatus.DRAFT,
          null,
          Instant.EPOCH,
          null,
          null);
  private static final Subject AN =
      new Subject(1, "Nguyễn Văn An", "Giám đốc Sở", "Sở Công Thương");

  @Test
  void dateIsTheDayInThePollsZoneAndTheTextIsEscaped() {
    // 17:30 UTC on 16 July is already 17 July in Hà Nội
    DossierStore.Request r =
        new DossierStore.Request(
            "ab12",
            "p-1",
            "X",
            2,
            "Lê <b>Cường</b>",
            "Phòng & Ban",
            "<script>alert(1)</script>\nDòng hai",
            Instant.parse("2030-07-16T17:30:00Z"),
            null,
            null,
            null);
    String html = RequestForm.html(POLL, AN, r, ZoneId.of("Asia/Ho_Chi_Minh"));
    assertTrue(html.contains("Tây Ninh, ngày 17 tháng 7 năm 2030"), html);
    assertFalse(
        html.contains("<script>") || html.contains("<b>Cường</b>"),
        "the voter's words are text, not markup");
    assertTrue(html.contains("&lt;script&gt;") && html.contains("Phòng &amp; Ban"));
    assertFalse(html.contains("BÁO CÁO GIẢI TRÌNH"), "no answer yet");
    assertEquals("ngày 16 tháng 7 năm 2030", RequestForm.dated(r.filedAt(), ZoneId.of("Etc/UTC")));
  }

  @Test
  void theAnswerFollowsWithWhoGaveIt() {
    DossierStore.Request r =
        new DossierStore.Request(
            "ab12",
            "p-1",
            "X",
            2,
            "Lê Văn Cường",
            "Phòng Kế hoạch",
            "Nội dung",
            Instant.parse("2030-07-10T03:00:00Z"),
            "Giải trình: đã hoàn thành.",
            "SECRETARIAT",
            Instant.parse("2030-07-20T03:00:00Z"));
    String html = RequestForm.html(POLL, AN, r, Calendar.DEFAULT_ZONE);
    assertTrue(html.indexOf("PHIẾU ĐẶT YÊU CẦU LÀM RÕ") < html.indexOf("BÁO CÁO GIẢI TRÌNH"));
    assertTrue(
        html.contains("ngày 20 tháng 7 năm 2030 (qua cơ quan tham mưu về tổ chức, cán bộ)"), html);
    assertTrue(html.contains("Giải trình: đã hoàn thành."));
  }
}
