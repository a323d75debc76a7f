package org.cvote.server.dossier;

import java.util.List;
import java.util.Map;

/**
 * "Tiêu chí đánh giá": the criteria a voter weighs (the provincial plan's mục 4, "Tiêu chí lấy
 * phiếu tín nhiệm"), shown on the portal and once above the ballot. Vietnamese is the text of the
 * plan; English is a translation.
 */
public final class Criteria {
  private Criteria() {}

  public record Group(String vi, String en, List<String> itemsVi, List<String> itemsEn) {}

  public static final String TITLE_VI = "Tiêu chí đánh giá";
  public static final String TITLE_EN = "Criteria for the assessment";

  public static final List<Group> GROUPS =
      List.of(
          new Group(
              "Phẩm chất chính trị, đạo đức, lối sống, ý thức tổ chức kỷ luật",
              "Political quality, ethics, lifestyle, sense of organisation and discipline",
              List.of(
                  "Lập trường, quan điểm, bản lĩnh chính trị; giữ gìn phẩm chất chính trị, đạo đức, lối sống; tinh thần"
                      + " trách nhiệm, thái độ phục vụ Nhân dân; liêm chính, trung thực, công tâm, khách quan.",
                  "Ý thức tổ chức kỷ luật, chấp hành nguyên tắc tập trung dân chủ, tự phê bình và phê bình; chấp hành sự"
                      + " phân công của tổ chức; khả năng quy tụ, đoàn kết nội bộ.",
                  "Kết quả lãnh đạo, chỉ đạo đấu tranh phòng, chống tham nhũng, tiêu cực; trách nhiệm nêu gương; sự gương"
                      + " mẫu của bản thân và gia đình; giữ mối liên hệ với cấp uỷ nơi cư trú."),
              List.of(
                  "Political stance and resolve; political quality, ethics and lifestyle; responsibility and service"
                      + " to the people; integrity, honesty, impartiality, objectivity.",
                  "Discipline and democratic centralism, self-criticism and criticism; following the organisation's"
                      + " assignments; ability to unite the collective.",
                  "Results in fighting corruption and negative practices; setting an example, with one's family;"
                      + " keeping in touch with the party committee where one lives.")),
          new Group(
              "Kết quả thực hiện chức trách, nhiệm vụ được giao (tính từ đầu nhiệm kỳ đến thời điểm lấy phiếu)",
              "Results in the duties entrusted (from the start of the term to the poll)",
              List.of(
                  "Kết quả lãnh đạo, tham mưu, tổ chức thực hiện chủ trương, chính sách trong lĩnh vực phụ trách; tính"
                      + " năng động, đổi mới, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm.",
                  "Số lượng, chất lượng, hiệu quả thực hiện chức trách, nhiệm vụ; mức độ hoàn thành nhiệm vụ của các đơn vị"
                      + " trực thuộc.",
                  "Kết quả lãnh đạo công tác tổ chức, cán bộ; phòng, chống tham nhũng, tiêu cực; kiểm tra, giám sát; giải"
                      + " quyết đơn, thư khiếu nại, tố cáo."),
              List.of(
                  "Leading and carrying out the policies in one's field; dynamism, innovation, daring to think, act"
                      + " and take responsibility.",
                  "Quantity, quality and effect of the work; how far the units under one's charge completed theirs.",
                  "Leading personnel work; fighting corruption; inspection and supervision; handling complaints and"
                      + " denunciations.")));

  public static Map<String, Object> view() {
    return Map.of("titleVi", TITLE_VI, "titleEn", TITLE_EN, "groups", GROUPS);
  }
}
