package org.cvote.server.dossier;

import static org.cvote.server.report.ReportHtml.esc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.Subject;

/**
 * A written request as the office files it on paper: the Phụ lục 2 form ("Phiếu đặt yêu cầu làm
 * rõ"), dated the Vietnamese way in the poll's time zone, in the voter's name, followed by the
 * person's written answer (báo cáo giải trình) when there is one. Printed from the console and kept
 * in the archive for the managing authority.
 */
public final class RequestForm {
  private RequestForm() {}

  public static String html(Poll poll, Subject person, DossierStore.Request r, ZoneId zone) {
    StringBuilder h =
        new StringBuilder(
                "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Phiếu đặt yêu cầu làm rõ</title>")
            .append(
                "<style>body{font-family:'DejaVu Serif','Times New Roman',serif;max-width:40em;margin:2em auto;line-height:1.5}")
            .append(
                ".r{text-align:right;font-style:italic}.c{text-align:center}.sig{margin-top:2em;text-align:right}")
            .append(
                ".box{white-space:pre-wrap;border-left:3px solid #999;padding-left:1em}</style></head><body>")
            .append("<p class=\"r\">")
            .append(esc(poll.place()))
            .append(", ")
            .append(dated(r.filedAt(), zone))
            .append("</p>")
            .append("<h1 class=\"c\">PHIẾU ĐẶT YÊU CẦU LÀM RÕ</h1>")
            .append("<p class=\"c\"><i>(đối với người được lấy phiếu tín nhiệm)</i></p>")
            .append("<p>Kính gửi: đồng chí <b>")
            .append(esc(person.name()))
            .append("</b>, ")
            .append(esc(person.position()))
            .append(", ")
            .append(esc(person.unit()))
            .append("<br>(qua cơ quan tham mưu về tổ chức, cán bộ)</p>")
            .append("<p>Tôi là: <b>")
            .append(esc(r.voterName()))
            .append("</b><br>Đơn vị công tác: ")
            .append(esc(r.voterUnit()))
            .append("</p><p>Là người ghi phiếu tín nhiệm tại ")
            .append(esc(poll.title()))
            .append(" (ngày ")
            .append(Calendar.VN_DATE.format(poll.date()))
            .append("), sau khi nghiên cứu hồ sơ, tôi đề nghị đồng chí làm rõ nội dung sau:</p>")
            .append("<div class=\"box\">")
            .append(esc(r.content()))
            .append("</div>")
            .append("<p class=\"sig\"><b>NGƯỜI ĐẶT YÊU CẦU</b><br><br>")
            .append(esc(r.voterName()))
            .append("</p>");
    if (r.answered()) {
      h.append("<hr><h2 class=\"c\">BÁO CÁO GIẢI TRÌNH</h2><p class=\"r\">")
          .append(dated(r.answeredAt(), zone))
          .append(
              r.answeredBy().equals("SECRETARIAT")
                  ? " (qua cơ quan tham mưu về tổ chức, cán bộ)"
                  : "")
          .append("</p>")
          .append("<div class=\"box\">")
          .append(esc(r.answer()))
          .append("</div>")
          .append("<p class=\"sig\"><b>NGƯỜI ĐƯỢC LẤY PHIẾU TÍN NHIỆM</b><br><br>")
          .append(esc(person.name()))
          .append("</p>");
    }
    return h.append("<p><small>Mã yêu cầu: ")
        .append(esc(r.id()))
        .append("</small></p></body></html>\n")
        .toString();
  }

  /** "ngày 16 tháng 7 năm 2030", the day in the poll's zone. */
  static String dated(Instant at, ZoneId zone) {
    LocalDate d = at.atZone(zone).toLocalDate();
    return "ngày " + d.getDayOfMonth() + " tháng " + d.getMonthValue() + " năm " + d.getYear();
  }
}
