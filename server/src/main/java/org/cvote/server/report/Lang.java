package org.cvote.server.report;

import java.util.Locale;
import org.cvote.crypto.record.Flag;

/**
 * The report's wording (Phụ lục 5 in Vietnamese, an English rendering on request with {@code
 * ?lang=en}).
 */
public enum Lang {
  VI,
  EN;

  /** {@code lang=en} gives English; anything else (or nothing) Vietnamese. */
  public static Lang of(String query) {
    return query != null && query.strip().toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
  }

  public String code() {
    return this == VI ? "vi" : "en";
  }

  private String t(String vi, String en) {
    return this == VI ? vi : en;
  }

  public String confidential() {
    return t("MẬT", "CONFIDENTIAL");
  }

  public String heading() {
    return t("BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM", "REPORT OF THE CONFIDENCE VOTE RESULTS");
  }

  public String conference(String title) {
    return t("Tại hội nghị (kỳ họp): ", "At the conference (session): ") + title;
  }

  public String placeDate(String place, int d, int m, int y) {
    return this == VI
        ? place + ", ngày " + d + " tháng " + m + " năm " + y
        : place + ", " + y + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }

  /**
   * The opening sentence of Phụ lục 5: time of the count, place, committee size and head, then
   * "kiểm phiếu tín nhiệm của (voter group) đối với (post) năm (year)". The conference's name is
   * the line above ("Tại hội nghị…"), so it is not repeated here. Without a voter group or post
   * (older polls) the sentence says who in general terms.
   */
  public String intro(
      String from,
      String to,
      String date,
      String place,
      int members,
      String head,
      String voterGroup,
      String post,
      int year) {
    boolean g = voterGroup != null && !voterGroup.isBlank();
    boolean p = post != null && !post.isBlank();
    return this == VI
        ? "Thực hiện nhiệm vụ do hội nghị giao, từ "
            + from
            + " đến "
            + to
            + ", ngày "
            + date
            + ", tại "
            + place
            + ", Ban kiểm phiếu gồm "
            + members
            + " đồng chí, do đồng chí "
            + head
            + " làm Trưởng ban đã tiến hành kiểm phiếu tín nhiệm của "
            + (g ? voterGroup : "các đồng chí dự hội nghị")
            + " đối với "
            + (p ? post + " năm " + year : "các đồng chí có tên dưới đây")
            + "; kết quả cụ thể như sau:"
        : "As entrusted by the conference, from "
            + from
            + " to "
            + to
            + " on "
            + date
            + " at "
            + place
            + ", the counting committee of "
            + members
            + " members, headed by "
            + head
            + ", counted the confidence ballots of "
            + (g ? voterGroup : "the members present")
            + " on "
            + (p ? post + " (" + year + ")" : "the officials named below")
            + "; the results are as follows:";
  }

  public String time(int h, int m) {
    String mm = (m < 10 ? "0" : "") + m;
    return this == VI ? h + " giờ " + mm + " phút" : (h < 10 ? "0" : "") + h + ":" + mm;
  }

  // One style throughout (as the booth and console write it): "Ban kiểm phiếu", "Trưởng ban"; the
  // signature
  // block is in capitals ("T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN") as on the form.
  public String committeeMembers() {
    return t("Thành viên Ban kiểm phiếu", "Members of the counting committee");
  }

  public String headMark() {
    return t("Trưởng ban", "head");
  }

  public String section1() {
    return t(
        "1. Tổng số uỷ viên ban chấp hành (đại biểu): ",
        "1. Total summoned (members, delegates): ");
  }

  public String comrades() {
    return t(" đồng chí.", ".");
  }

  public String ballotsUnit() {
    return t(" phiếu.", " ballots.");
  }

  public String present() {
    return t("- Số có mặt dự hội nghị (kỳ họp): ", "- Present at the conference (session): ");
  }

  public String absent() {
    return t(
        "- Số vắng mặt từ đầu hội nghị (kỳ họp) đến trước thời điểm bỏ phiếu: ",
        "- Absent from the start of the conference until voting: ");
  }

  public String presentAtVoting() {
    return t("- Số có mặt tại thời điểm bỏ phiếu: ", "- Present at the time of voting: ");
  }

  public String issued() {
    return t("- Số phiếu phát ra: ", "- Ballots issued: ");
  }

  public String collected() {
    return t("- Số phiếu thu về: ", "- Ballots collected: ");
  }

  public String section2() {
    return t("2. Kết quả kiểm phiếu", "2. Results of the count");
  }

  public String colIndex() {
    return t("STT", "No.");
  }

  public String colName() {
    return t("Họ và tên", "Full name");
  }

  public String colPosition() {
    return t("Chức vụ, đơn vị công tác", "Position and unit");
  }

  public String colValid() {
    return t("Số phiếu hợp lệ", "Valid ballots");
  }

  /**
   * Ballots collected that are not valid for the subject (row left blank; mục 6.3): collected −
   * valid.
   */
  public String colInvalid() {
    return t("Số phiếu không hợp lệ", "Invalid ballots");
  }

  /**
   * A percentage of tally.json ("62.50") as this language writes it: a decimal comma in Vietnamese
   * (62,50).
   */
  public String percent(String p) {
    return this == VI && p != null ? p.replace('.', ',') : p;
  }

  public String colLevels() {
    return t("Mức độ tín nhiệm", "Level of confidence");
  }

  public String levelName(int level) {
    return switch (level) {
      case 0 -> t("Cao", "High");
      case 1 -> t("Tín nhiệm", "Confidence");
      default -> t("Thấp", "Low");
    };
  }

  public String colCount() {
    return t("Số phiếu", "Ballots");
  }

  public String colPercent() {
    return t("Tỉ lệ %", "%");
  }

  public String percentNote() {
    return t(
        "Ghi chú: Tỉ lệ % tính trên tổng số phiếu thu về.",
        "Note: percentages are of the ballots collected.");
  }

  public String section3() {
    return t(
        "3. Hệ quả đối với người được lấy phiếu tín nhiệm",
        "3. Consequences for the officials rated");
  }

  /** The wording of the plans (mục 9.2, 9.3) for each flag. */
  public String consequence(Flag f) {
    return switch (f) {
      case OVER_HALF_LOW ->
          t(
              "Có trên 50% nhưng dưới 2/3 số phiếu tín nhiệm thấp: cấp có thẩm quyền quản lý cán bộ đưa ra khỏi "
                  + "quy hoạch các chức vụ cao hơn; xem xét cho thôi giữ chức vụ đang đảm nhiệm, bố trí công tác khác "
                  + "hoặc cho từ chức hoặc tiến hành bỏ phiếu tín nhiệm theo quy định.",
              "More than 50% but less than 2/3 low confidence: the managing authority removes the official from the "
                  + "planning for higher posts, and considers relieving them of the current post, reassigning them, "
                  + "their resignation, or a formal vote of confidence as prescribed.");
      case TWO_THIRDS_LOW ->
          t(
              "Có từ 2/3 số phiếu tín nhiệm thấp trở lên: cấp có thẩm quyền quản lý cán bộ thực hiện miễn nhiệm "
                  + "chức vụ đang đảm nhiệm và bố trí công tác khác (thấp hơn) mà không chờ đến hết nhiệm kỳ, hết thời "
                  + "hạn bổ nhiệm.",
              "2/3 or more low confidence: the managing authority dismisses the official from the current post and "
                  + "assigns other (lower) work, without waiting for the end of the term or of the appointment.");
      case NONE -> t("Số phiếu tín nhiệm thấp không quá 50%.", "Low confidence not more than 50%.");
    };
  }

  /** The flag in the report's words, short (the console's results table, the side-by-side view). */
  public String flagLabel(Flag f) {
    return switch (f) {
      case NONE -> t("Số phiếu tín nhiệm thấp không quá 50%", "Low confidence not more than 50%");
      case OVER_HALF_LOW ->
          t(
              "Có trên 50% nhưng dưới 2/3 số phiếu tín nhiệm thấp",
              "More than 50% but less than 2/3 low confidence");
      case TWO_THIRDS_LOW ->
          t("Có từ 2/3 số phiếu tín nhiệm thấp trở lên", "2/3 or more low confidence");
    };
  }

  /** 001 §9.4 for a person rated in two places; {@code place} is this place's priority (1 or 2). */
  public String twoPlacesNote(int place) {
    return this == VI
        ? "Được lấy phiếu tín nhiệm ở 2 nơi (đây là nơi thứ "
            + place
            + "): việc đánh giá tín nhiệm do cấp có thẩm quyền "
            + "quyết định trên cơ sở xem xét tổng thể kết quả phiếu tín nhiệm ở từng nơi (mục 9.4); hệ quả nêu trên chưa "
            + "phải là kết luận cuối cùng."
        : "Rated in 2 places (this is place "
            + place
            + "): the competent authority decides on the basis of the results "
            + "in both places taken together (§9.4); the consequence above is not final.";
  }

  public String exemptedHeading() {
    return t(
        "4. Những đồng chí không thực hiện lấy phiếu tín nhiệm (mục II.1)",
        "4. Officials not rated (II.1)");
  }

  /** The reason of an exemption code (RETIREMENT, NEWLY_ELECTED, NEWLY_APPOINTED). */
  public String exemptionReason(String code) {
    return switch (code) {
      case "RETIREMENT" ->
          t("Đã có thông báo nghỉ công tác chờ nghỉ hưu", "Has announced retirement");
      case "NEWLY_ELECTED" ->
          t("Được bầu cử trong năm lấy phiếu", "Elected in the year of the vote");
      case "NEWLY_APPOINTED" ->
          t("Được bổ nhiệm trong năm lấy phiếu", "Appointed in the year of the vote");
      default -> code;
    };
  }

  public String since() {
    return t("từ ngày", "since");
  }

  public String observersHeading() {
    return t(
        "Đại diện cấp trên dự và giám sát hoạt động của Ban kiểm phiếu (mục III.1): ",
        "Representatives of the superior level attending and supervising the count (III.1): ");
  }

  public String copies() {
    return t(
        "Báo cáo (biên bản kiểm phiếu) được lập thành 3 bản (2 bản gửi cấp trên trực tiếp; 1 bản lưu cùng với số phiếu "
            + "được kiểm tại địa phương, cơ quan, đơn vị) và quản lý theo chế độ mật.",
        "This report (the counting minutes) is made in 3 copies (2 sent to the level directly above; 1 kept with the "
            + "ballots counted at the locality, agency or unit) and is handled as confidential.");
  }

  public String signFor() {
    return t("T/M BAN KIỂM PHIẾU", "ON BEHALF OF THE COUNTING COMMITTEE");
  }

  public String signHead() {
    return t("TRƯỞNG BAN", "HEAD");
  }

  public String signNote() {
    return t("(Ký, ghi rõ họ tên)", "(Signature and full name)");
  }

  public String notCounted() {
    return t("(chưa kiểm phiếu)", "(not counted)");
  }
}
