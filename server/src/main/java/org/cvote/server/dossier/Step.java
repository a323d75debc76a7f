package org.cvote.server.dossier;

import java.util.Locale;
import org.cvote.server.refusal.Refusal;

/**
 * The steps before the vote (docs/dossier.md §1), each with a last day a number of days before the
 * poll date: the person's self-report and declaration, the office sending the dossiers, the voters'
 * written requests, the person's answers, and the office forwarding the answers.
 */
public enum Step {
  REPORT(
      "Người được lấy phiếu gửi báo cáo, bản kê khai tài sản, thu nhập",
      "The person sends the self-report and the declaration"),
  DOSSIER("Văn phòng gửi hồ sơ đến người ghi phiếu", "The office sends the dossiers to the voters"),
  REQUESTS(
      "Người ghi phiếu đặt yêu cầu làm rõ (hạn cuối)", "Last day for the voters' written requests"),
  ANSWERS(
      "Người được lấy phiếu báo cáo giải trình (hạn cuối)", "Last day for the person's answers"),
  FORWARD(
      "Văn phòng gửi báo cáo giải trình đến người đã đặt yêu cầu",
      "The office forwards the answers to the voters who asked");

  private final String vi;
  private final String en;

  Step(String vi, String en) {
    this.vi = vi;
    this.en = en;
  }

  public String vi() {
    return vi;
  }

  public String en() {
    return en;
  }

  public static Step parse(String s, String field) {
    if (s == null || s.isBlank()) {
      throw Refusal.missing(field);
    }
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid(field, "one of REPORT, DOSSIER, REQUESTS, ANSWERS, FORWARD");
    }
  }
}
