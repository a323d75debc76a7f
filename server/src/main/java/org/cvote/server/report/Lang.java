package org.cvote.server.report;

import org.cvote.crypto.record.Flag;

import java.util.Locale;

/** The report's wording (Phụ lục 5 in Vietnamese, an English rendering on request with {@code ?lang=en}). */
public enum Lang {
    VI, EN;

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

    public String confidential() { return t("MẬT", "CONFIDENTIAL"); }
    public String heading() { return t("BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM", "REPORT OF THE CONFIDENCE VOTE RESULTS"); }
    public String conference(String title) { return t("Tại hội nghị (kỳ họp): ", "At the conference (session): ") + title; }

    public String placeDate(String place, int d, int m, int y) {
        return this == VI ? place + ", ngày " + d + " tháng " + m + " năm " + y
                : place + ", " + y + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
    }

    /** The opening sentence of Phụ lục 5: time of the count, place, committee size and head. */
    public String intro(String from, String to, String date, String place, int members, String head, String title) {
        return this == VI
                ? "Thực hiện nhiệm vụ do hội nghị giao, từ " + from + " đến " + to + ", ngày " + date + ", tại " + place
                  + ", Ban Kiểm phiếu gồm " + members + " đồng chí, do đồng chí " + head
                  + " làm Trưởng Ban đã tiến hành kiểm phiếu tín nhiệm của hội nghị " + title
                  + " đối với các đồng chí có tên dưới đây; kết quả cụ thể như sau:"
                : "As entrusted by the conference, from " + from + " to " + to + " on " + date + " at " + place
                  + ", the counting committee of " + members + " members, headed by " + head
                  + ", counted the confidence ballots of the conference " + title
                  + " on the officials named below; the results are as follows:";
    }

    public String time(int h, int m) {
        String mm = (m < 10 ? "0" : "") + m;
        return this == VI ? h + " giờ " + mm + " phút" : (h < 10 ? "0" : "") + h + ":" + mm;
    }

    public String committeeMembers() { return t("Thành viên Ban Kiểm phiếu", "Members of the counting committee"); }
    public String headMark() { return t("Trưởng Ban", "head"); }
    public String section1() { return t("1. Tổng số uỷ viên ban chấp hành (đại biểu): ", "1. Total summoned (members, delegates): "); }
    public String comrades() { return t(" đồng chí.", "."); }
    public String ballotsUnit() { return t(" phiếu.", " ballots."); }
    public String present() { return t("- Số có mặt dự hội nghị (kỳ họp): ", "- Present at the conference (session): "); }
    public String absent() {
        return t("- Số vắng mặt từ đầu hội nghị (kỳ họp) đến trước thời điểm bỏ phiếu: ",
                "- Absent from the start of the conference until voting: ");
    }
    public String presentAtVoting() { return t("- Số có mặt tại thời điểm bỏ phiếu: ", "- Present at the time of voting: "); }
    public String issued() { return t("- Số phiếu phát ra: ", "- Ballots issued: "); }
    public String collected() { return t("- Số phiếu thu về: ", "- Ballots collected: "); }
    public String section2() { return t("2. Kết quả kiểm phiếu", "2. Results of the count"); }
    public String colIndex() { return t("STT", "No."); }
    public String colName() { return t("Họ và tên", "Full name"); }
    public String colPosition() { return t("Chức vụ, đơn vị công tác", "Position and unit"); }
    public String colValid() { return t("Số phiếu hợp lệ", "Valid ballots"); }
    public String colLevels() { return t("Mức độ tín nhiệm", "Level of confidence"); }
    public String levelName(int level) {
        return switch (level) {
            case 0 -> t("Cao", "High");
            case 1 -> t("Tín nhiệm", "Confidence");
            default -> t("Thấp", "Low");
        };
    }
    public String colCount() { return t("Số phiếu", "Ballots"); }
    public String colPercent() { return t("Tỉ lệ %", "%"); }
    public String percentNote() { return t("Ghi chú: Tỉ lệ % tính trên tổng số phiếu thu về.", "Note: percentages are of the ballots collected."); }
    public String section3() { return t("3. Hệ quả đối với người được lấy phiếu tín nhiệm", "3. Consequences for the officials rated"); }

    /** The wording of the plans (mục 9.2, 9.3) for each flag. */
    public String consequence(Flag f) {
        return switch (f) {
            case OVER_HALF_LOW -> t("Có trên 50% nhưng dưới 2/3 số phiếu tín nhiệm thấp: cấp có thẩm quyền quản lý cán bộ đưa ra khỏi "
                            + "quy hoạch các chức vụ cao hơn; xem xét cho thôi giữ chức vụ đang đảm nhiệm, bố trí công tác khác "
                            + "hoặc cho từ chức hoặc tiến hành bỏ phiếu tín nhiệm theo quy định.",
                    "More than 50% but less than 2/3 low confidence: the managing authority removes the official from the "
                            + "planning for higher posts, and considers relieving them of the current post, reassigning them, "
                            + "their resignation, or a formal vote of confidence as prescribed.");
            case TWO_THIRDS_LOW -> t("Có từ 2/3 số phiếu tín nhiệm thấp trở lên: cấp có thẩm quyền quản lý cán bộ thực hiện miễn nhiệm "
                            + "chức vụ đang đảm nhiệm và bố trí công tác khác (thấp hơn) mà không chờ đến hết nhiệm kỳ, hết thời "
                            + "hạn bổ nhiệm.",
                    "2/3 or more low confidence: the managing authority dismisses the official from the current post and "
                            + "assigns other (lower) work, without waiting for the end of the term or of the appointment.");
            case NONE -> t("Không có trên 50% số phiếu tín nhiệm thấp.", "Not more than 50% low confidence.");
        };
    }

    public String copies() {
        return t("Báo cáo (biên bản kiểm phiếu) được lập thành 3 bản (2 bản gửi cấp trên trực tiếp; 1 bản lưu cùng với số phiếu "
                        + "được kiểm tại địa phương, cơ quan, đơn vị) và quản lý theo chế độ mật.",
                "This report (the counting minutes) is made in 3 copies (2 sent to the level directly above; 1 kept with the "
                        + "ballots counted at the locality, agency or unit) and is handled as confidential.");
    }
    public String signFor() { return t("T/M BAN KIỂM PHIẾU", "ON BEHALF OF THE COUNTING COMMITTEE"); }
    public String signHead() { return t("TRƯỞNG BAN", "HEAD"); }
    public String signNote() { return t("(Ký, ghi rõ họ tên)", "(Signature and full name)"); }
    public String notCounted() { return t("(chưa kiểm phiếu)", "(not counted)"); }
}
