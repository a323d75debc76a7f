package org.cvote.server.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.cvote.crypto.record.Flag;
import org.cvote.crypto.record.TallyFile;

/**
 * The report as a PDF (A4 landscape) with DejaVu Sans embedded from the classpath ({@code
 * /fonts/}), so every Vietnamese diacritic renders and extracts as typed. A small line/table layout
 * with page breaks.
 */
public final class ReportPdf {
  private static final float MARGIN = 40;
  private static final float SIZE = 10;
  private static final float LEAD = 1.3f;

  private final PDDocument doc;
  private final PDType0Font regular;
  private final PDType0Font bold;
  private final Map<Integer, Boolean> glyphs = new HashMap<>();
  private PDPageContentStream cs;
  private PDRectangle box;
  private float y;

  private ReportPdf(PDDocument doc) throws IOException {
    this.doc = doc;
    this.regular = font(doc, "/fonts/DejaVuSans.ttf");
    this.bold = font(doc, "/fonts/DejaVuSans-Bold.ttf");
  }

  private static PDType0Font font(PDDocument doc, String path) throws IOException {
    try (InputStream in = ReportPdf.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing font " + path);
      }
      return PDType0Font.load(doc, in);
    }
  }

  public static byte[] render(Report r, Lang lang) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(lang.heading() + " — " + r.title());
      info.setSubject(r.pollId());
      info.setCreator("cvote");
      ReportPdf p = new ReportPdf(doc);
      p.write(r, lang);
      p.finishPage();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(Report r, Lang lang) throws IOException {
    newPage();
    TallyFile t = r.tally();
    line(lang.confidential(), bold, SIZE + 1, Align.LEFT);
    if (!r.form().body().isEmpty()) {
      line(r.form().body(), bold, SIZE, Align.LEFT);
    }
    line(r.placeDate(lang), regular, SIZE, Align.RIGHT);
    gap(6);
    line(lang.heading(), bold, SIZE + 4, Align.CENTER);
    line(lang.conference(r.title()), regular, SIZE + 1, Align.CENTER);
    gap(8);
    paragraph(r.intro(lang), regular, SIZE);
    gap(2);
    StringBuilder members = new StringBuilder(lang.committeeMembers()).append(": ");
    for (int i = 0; i < r.committee().size(); i++) {
      Report.Member m = r.committee().get(i);
      if (i > 0) {
        members.append("; ");
      }
      members.append(m.index()).append(". ").append(m.name());
      if (m.index() == r.head()) {
        members.append(" (").append(lang.headMark()).append(')');
      }
    }
    paragraph(members.toString(), regular, SIZE);
    gap(4);
    paragraph(lang.section1() + t.summoned() + lang.comrades(), bold, SIZE);
    paragraph(lang.present() + t.present() + lang.comrades(), regular, SIZE);
    paragraph(lang.absent() + t.absentFromStart() + lang.comrades(), regular, SIZE);
    paragraph(lang.presentAtVoting() + t.presentAtVoting() + lang.comrades(), regular, SIZE);
    paragraph(lang.issued() + t.issued() + lang.ballotsUnit(), regular, SIZE);
    paragraph(lang.collected() + t.collected() + lang.ballotsUnit(), regular, SIZE);
    gap(6);
    paragraph(lang.section2(), bold, SIZE);
    gap(2);
    table(r, lang);
    gap(2);
    paragraph(lang.percentNote(), regular, SIZE - 1);
    gap(6);
    paragraph(lang.section3(), bold, SIZE);
    for (Report.SubjectRow s : r.subjects()) {
      Flag f = r.result(s.index()).flag();
      paragraph(
          s.index() + ". " + s.name() + ": " + lang.consequence(f),
          f == Flag.NONE ? regular : bold,
          SIZE - 1);
      if (s.twoPlaces()) {
        paragraph(lang.twoPlacesNote(s.place()), regular, SIZE - 1);
      }
    }
    if (!r.exempted().isEmpty()) {
      gap(6);
      paragraph(lang.exemptedHeading(), bold, SIZE);
      for (Report.Exempted e : r.exempted()) {
        paragraph(
            "- "
                + e.name()
                + ", "
                + e.position()
                + ", "
                + e.unit()
                + ": "
                + lang.exemptionReason(e.reason())
                + (e.since() == null
                    ? ""
                    : " (" + lang.since() + " " + Report.dmy(e.since()) + ")"),
            regular,
            SIZE - 1);
      }
    }
    if (!r.observers().isEmpty()) {
      gap(6);
      StringBuilder o = new StringBuilder(lang.observersHeading());
      for (int i = 0; i < r.observers().size(); i++) {
        Report.Observer ob = r.observers().get(i);
        if (i > 0) {
          o.append("; ");
        }
        o.append(ob.name());
        if (!ob.body().isEmpty()) {
          o.append(" (").append(ob.body()).append(')');
        }
      }
      paragraph(o.append('.').toString(), regular, SIZE - 1);
    }
    gap(6);
    // the note on the left, the signature block on the right, kept together on one page
    ensure(4 * SIZE * LEAD + 6 + 26);
    float top = y;
    paragraph(lang.copies(), regular, SIZE - 1, (box.getWidth() - 2 * MARGIN) * 0.55f);
    float below = y;
    y = top;
    signature(lang.signFor(), bold);
    signature(lang.signHead(), bold);
    signature(lang.signNote(), regular);
    gap(26);
    signature(r.headName(), bold);
    y = Math.min(y, below);
  }

  // ---- table: STT | name | position, unit | valid | invalid | (count, %) × 3

  private static final int LEFT_COLUMNS = 5;
  private static final float[] WEIGHTS = {
    0.045f, 0.16f, 0.235f, 0.07f, 0.07f, 0.07f, 0.0667f, 0.07f, 0.0667f, 0.07f, 0.0667f
  };

  private void table(Report r, Lang lang) throws IOException {
    float width = box.getWidth() - 2 * MARGIN;
    float[] w = new float[WEIGHTS.length];
    float sum = 0;
    for (float f : WEIGHTS) {
      sum += f;
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = width * WEIGHTS[i] / sum;
    }
    header(lang, w);
    float size = SIZE - 1;
    for (Report.SubjectRow s : r.subjects()) {
      TallyFile.Result res = r.result(s.index());
      String[] cells = {
        String.valueOf(s.index()),
        s.name(),
        s.position() + ", " + s.unit(),
        String.valueOf(res.valid()),
        String.valueOf(r.tally().collected() - res.valid()),
        String.valueOf(res.counts().get(0)),
        lang.percent(res.percent().get(0)),
        String.valueOf(res.counts().get(1)),
        lang.percent(res.percent().get(1)),
        String.valueOf(res.counts().get(2)),
        lang.percent(res.percent().get(2))
      };
      List<List<String>> wrapped = new ArrayList<>();
      int lines = 1;
      for (int i = 0; i < cells.length; i++) {
        List<String> l = wrap(cells[i], regular, size, w[i] - 6);
        wrapped.add(l);
        lines = Math.max(lines, l.size());
      }
      float h = lines * size * LEAD + 6;
      if (y - h < MARGIN) {
        newPage();
        header(lang, w);
      }
      float x = MARGIN;
      for (int i = 0; i < cells.length; i++) {
        cs.addRect(x, y - h, w[i], h);
        float ty = y - 3 - size;
        for (String l : wrapped.get(i)) {
          boolean right = i == 0 || i >= 3;
          float tx = right ? x + w[i] - 3 - width(l, regular, size) : x + 3;
          text(l, regular, size, tx, ty);
          ty -= size * LEAD;
        }
        x += w[i];
      }
      cs.stroke();
      y -= h;
    }
  }

  private void header(Lang lang, float[] w) throws IOException {
    float size = SIZE - 1;
    float rowH = size * LEAD + 6;
    float h = 3 * rowH;
    ensure(h + 3 * rowH);
    float x = MARGIN;
    String[] left = {
      lang.colIndex(), lang.colName(), lang.colPosition(), lang.colValid(), lang.colInvalid()
    };
    for (int i = 0; i < LEFT_COLUMNS; i++) {
      cs.addRect(x, y - h, w[i], h);
      List<String> l = wrap(left[i], bold, size, w[i] - 6);
      float ty = y - 3 - size;
      for (String s : l) {
        text(s, bold, size, x + (w[i] - width(s, bold, size)) / 2, ty);
        ty -= size * LEAD;
      }
      x += w[i];
    }
    float levelsW = 0;
    for (int i = LEFT_COLUMNS; i < w.length; i++) {
      levelsW += w[i];
    }
    cs.addRect(x, y - rowH, levelsW, rowH);
    centered(lang.colLevels(), bold, size, x, levelsW, y);
    float lx = x;
    for (int j = 0; j < 3; j++) {
      int a = LEFT_COLUMNS + 2 * j, b = a + 1;
      float cw = w[a] + w[b];
      cs.addRect(lx, y - 2 * rowH, cw, rowH);
      centered(lang.levelName(j), bold, size, lx, cw, y - rowH);
      cs.addRect(lx, y - 3 * rowH, w[a], rowH);
      centered(lang.colCount(), bold, size - 1, lx, w[a], y - 2 * rowH);
      cs.addRect(lx + w[a], y - 3 * rowH, w[b], rowH);
      centered(lang.colPercent(), bold, size - 1, lx + w[a], w[b], y - 2 * rowH);
      lx += cw;
    }
    cs.stroke();
    y -= h;
  }

  private void centered(String s, PDType0Font f, float size, float x, float w, float top)
      throws IOException {
    text(s, f, size, x + (w - width(s, f, size)) / 2, top - 3 - size);
  }

  // ---- lines and pages

  private enum Align {
    LEFT,
    CENTER,
    RIGHT
  }

  private void line(String s, PDType0Font f, float size, Align a) throws IOException {
    ensure(size * LEAD);
    float w = width(s, f, size);
    float x =
        switch (a) {
          case LEFT -> MARGIN;
          case CENTER -> (box.getWidth() - w) / 2;
          case RIGHT -> box.getWidth() - MARGIN - w;
        };
    y -= size * LEAD;
    text(s, f, size, x, y);
  }

  private void signature(String s, PDType0Font f) throws IOException {
    ensure(SIZE * LEAD);
    float center = box.getWidth() - MARGIN - 130;
    y -= SIZE * LEAD;
    text(s, f, SIZE, center - width(s, f, SIZE) / 2, y);
  }

  private void paragraph(String s, PDType0Font f, float size) throws IOException {
    paragraph(s, f, size, box.getWidth() - 2 * MARGIN);
  }

  private void paragraph(String s, PDType0Font f, float size, float width) throws IOException {
    for (String l : wrap(s, f, size, width)) {
      ensure(size * LEAD);
      y -= size * LEAD;
      text(l, f, size, MARGIN, y);
    }
  }

  private void gap(float h) {
    y -= h;
  }

  private void ensure(float h) throws IOException {
    if (y - h < MARGIN) {
      newPage();
    }
  }

  private void newPage() throws IOException {
    finishPage();
    box = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    PDPage page = new PDPage(box);
    doc.addPage(page);
    cs = new PDPageContentStream(doc, page);
    cs.setLineWidth(0.6f);
    y = box.getHeight() - MARGIN;
  }

  private void finishPage() throws IOException {
    if (cs != null) {
      cs.close();
      cs = null;
    }
  }

  private void text(String s, PDType0Font f, float size, float x, float y) throws IOException {
    cs.beginText();
    cs.setFont(f, size);
    cs.newLineAtOffset(x, y);
    cs.showText(safe(s));
    cs.endText();
  }

  private float width(String s, PDType0Font f, float size) throws IOException {
    return f.getStringWidth(safe(s)) / 1000f * size;
  }

  /**
   * Greedy word wrap; a word longer than the width is cut. Text is made safe for the font first.
   */
  private List<String> wrap(String text, PDType0Font f, float size, float max) throws IOException {
    String s = safe(text);
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String word : s.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      String next = cur.isEmpty() ? word : cur + " " + word;
      if (width(next, f, size) <= max) {
        cur.setLength(0);
        cur.append(next);
        continue;
      }
      if (!cur.isEmpty()) {
        out.add(cur.toString());
      }
      cur.setLength(0);
      while (width(word, f, size) > max && word.length() > 1) {
        int k = word.length() - 1;
        while (k > 1 && width(word.substring(0, k), f, size) > max) {
          k--;
        }
        out.add(word.substring(0, k));
        word = word.substring(k);
      }
      cur.append(word);
    }
    if (!cur.isEmpty() || out.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }

  /**
   * NFC, control characters as spaces, and any character the font lacks as '?', so showText never
   * fails.
   */
  private String safe(String text) {
    String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                b.append(' ');
              } else if (glyphs.computeIfAbsent(cp, this::encodable)) {
                b.appendCodePoint(cp);
              } else {
                b.append('?');
              }
            });
    return b.toString();
  }

  private boolean encodable(int cp) {
    try {
      regular.encode(new String(Character.toChars(cp)));
      bold.encode(new String(Character.toChars(cp)));
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
