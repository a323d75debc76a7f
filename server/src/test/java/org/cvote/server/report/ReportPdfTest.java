package org.cvote.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.text.Normalizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PDF embeds DejaVu Sans: Vietnamese names extract exactly as typed, and the page renders (not
 * blank).
 */
class ReportPdfTest {
  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return Normalizer.normalize(new PDFTextStripper().getText(doc), Normalizer.Form.NFC);
    }
  }

  @Test
  void namesWithDiacriticsExtractAndThePageRenders() throws Exception {
    Report r =
        ReportFiguresTest.report(
            40,
            new long[] {20, 15, 5},
            new long[] {10, 5, 25},
            new long[] {1, 12, 27},
            new long[] {30, 5, 5},
            new long[] {14, 14, 12});
    byte[] pdf = ReportPdf.render(r, Lang.VI);
    assertTrue(pdf.length > 1000 && new String(pdf, 0, 5).equals("%PDF-"));
    String text = text(pdf);
    for (String name : ReportFiguresTest.NAMES) {
      assertTrue(text.contains(name), name + " in:\n" + text);
    }
    for (String s :
        new String[] {
          "BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM",
          "T/M BAN KIỂM PHIẾU",
          "Phạm Thị Ngọc Ánh",
          "Số vắng mặt từ đầu hội nghị (kỳ họp) đến trước thời điểm bỏ phiếu: 3 đồng chí.",
          "Số phiếu thu về: 40 phiếu.",
          "chế độ mật",
          "67,50",
          "62,50"
        }) {
      assertTrue(text.contains(s), s + " in:\n" + text);
    }
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      // the font is embedded (a subset of DejaVu Sans), not a standard 14 font
      PDFont font =
          doc.getPage(0)
              .getResources()
              .getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
      assertTrue(font.getName().contains("DejaVuSans"), font.getName());
      assertTrue(font.isEmbedded());
      BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(0, 50);
      long dark = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          int rgb = img.getRGB(x, y);
          int lum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
          if (lum < 3 * 128) {
            dark++;
          }
        }
      }
      assertTrue(dark > 2000, "page looks blank: " + dark + " dark pixels");
    }
  }

  @Test
  void englishAndManySubjectsBreakPages() throws Exception {
    long[][] many = new long[60][];
    for (int i = 0; i < many.length; i++) {
      many[i] = new long[] {i % 7, 10, 30 - i % 7};
    }
    Report r = ReportFiguresTest.report(40, many);
    byte[] pdf = ReportPdf.render(r, Lang.EN);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertTrue(doc.getNumberOfPages() > 1);
    }
    String text = text(pdf);
    assertTrue(text.contains("REPORT OF THE CONFIDENCE VOTE RESULTS"));
    assertTrue(text.contains("Vũ Thị Thủy"));
    assertEquals(60, text.split("Phó Giám đốc Sở", -1).length - 1, text);
  }
}
