package org.cvote.server.report;

import org.cvote.crypto.record.Flag;
import org.cvote.crypto.record.TallyFile;

/**
 * The report as a self-contained HTML page (inline CSS, no script); every value from the database
 * is escaped.
 */
public final class ReportHtml {
  private ReportHtml() {}

  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static final String CSS =
      "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;max-width:70em}"
          + "table{border-collapse:collapse;width:100%}th,td{border:1px solid #333;padding:.3em .5em;vertical-align:top}"
          + "td.n{text-align:right;white-space:nowrap}.c{text-align:center}.mat{color:#b00;font-weight:bold}"
          + ".flag-OVER_HALF_LOW{background:#fff3cd}.flag-TWO_THIRDS_LOW{background:#f8d7da}"
          + ".sign{margin-left:auto;width:20em;text-align:center;margin-top:2em}";

  public static String render(Report r, Lang lang) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html><html lang=\"")
        .append(lang.code())
        .append("\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(lang.heading()))
        .append(" — ")
        .append(esc(r.title()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n");
    body(h, r, lang);
    h.append("</body></html>\n");
    return h.toString();
  }

  /** The report's body without the page around it (the person page embeds several). */
  static void body(StringBuilder h, Report r, Lang lang) {
    TallyFile t = r.tally();
    h.append("<section class=\"report\" data-poll=\"").append(esc(r.pollId())).append("\">\n");
    h.append("<p class=\"mat\">").append(esc(lang.confidential())).append("</p>\n");
    if (!r.form().body().isEmpty()) {
      h.append("<p class=\"body\"><b>").append(esc(r.form().body())).append("</b></p>\n");
    }
    h.append("<p style=\"text-align:right\"><i>")
        .append(esc(r.placeDate(lang)))
        .append("</i></p>\n");
    h.append("<h1 class=\"c\">").append(esc(lang.heading())).append("</h1>\n");
    h.append("<p class=\"c\">").append(esc(lang.conference(r.title()))).append("</p>\n");
    h.append("<p>").append(esc(r.intro(lang))).append("</p>\n");
    h.append("<p>").append(esc(lang.committeeMembers())).append(":</p><ol>");
    for (Report.Member m : r.committee()) {
      h.append("<li value=\"").append(m.index()).append("\">").append(esc(m.name()));
      if (m.index() == r.head()) {
        h.append(" (").append(esc(lang.headMark())).append(')');
      }
      h.append("</li>");
    }
    h.append("</ol>\n<p>")
        .append(esc(lang.section1()))
        .append(t.summoned())
        .append(esc(lang.comrades()))
        .append("</p><ul style=\"list-style:none\">")
        .append("<li>")
        .append(esc(lang.present()))
        .append(t.present())
        .append(esc(lang.comrades()))
        .append("</li>")
        .append("<li>")
        .append(esc(lang.absent()))
        .append(t.absentFromStart())
        .append(esc(lang.comrades()))
        .append("</li>")
        .append("<li>")
        .append(esc(lang.presentAtVoting()))
        .append(t.presentAtVoting())
        .append(esc(lang.comrades()))
        .append("</li>")
        .append("<li>")
        .append(esc(lang.issued()))
        .append(t.issued())
        .append(esc(lang.ballotsUnit()))
        .append("</li>")
        .append("<li>")
        .append(esc(lang.collected()))
        .append(t.collected())
        .append(esc(lang.ballotsUnit()))
        .append("</li></ul>\n");
    h.append("<h2>")
        .append(esc(lang.section2()))
        .append("</h2>\n<table><thead><tr>")
        .append("<th rowspan=\"3\">")
        .append(esc(lang.colIndex()))
        .append("</th>")
        .append("<th rowspan=\"3\">")
        .append(esc(lang.colName()))
        .append("</th>")
        .append("<th rowspan=\"3\">")
        .append(esc(lang.colPosition()))
        .append("</th>")
        .append("<th rowspan=\"3\">")
        .append(esc(lang.colValid()))
        .append("</th>")
        .append("<th rowspan=\"3\">")
        .append(esc(lang.colInvalid()))
        .append("</th>")
        .append("<th colspan=\"6\">")
        .append(esc(lang.colLevels()))
        .append("</th></tr><tr>");
    for (int j = 0; j < 3; j++) {
      h.append("<th colspan=\"2\">").append(esc(lang.levelName(j))).append("</th>");
    }
    h.append("</tr><tr>");
    for (int j = 0; j < 3; j++) {
      h.append("<th>")
          .append(esc(lang.colCount()))
          .append("</th><th>")
          .append(esc(lang.colPercent()))
          .append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (Report.SubjectRow s : r.subjects()) {
      TallyFile.Result res = r.result(s.index());
      h.append("<tr class=\"flag-")
          .append(res.flag().name())
          .append("\"><td class=\"n\">")
          .append(s.index())
          .append("</td><td>")
          .append(esc(s.name()))
          .append("</td><td>")
          .append(esc(s.position()))
          .append(", ")
          .append(esc(s.unit()))
          .append("</td><td class=\"n\">")
          .append(res.valid())
          .append("</td><td class=\"n\">")
          .append(t.collected() - res.valid())
          .append("</td>");
      for (int j = 0; j < 3; j++) {
        h.append("<td class=\"n\">")
            .append(res.counts().get(j))
            .append("</td><td class=\"n\">")
            .append(esc(lang.percent(res.percent().get(j))))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n<p><i>").append(esc(lang.percentNote())).append("</i></p>\n");
    h.append("<h2>").append(esc(lang.section3())).append("</h2><ul>\n");
    for (Report.SubjectRow s : r.subjects()) {
      Flag f = r.result(s.index()).flag();
      h.append("<li class=\"flag-")
          .append(f.name())
          .append("\"><b>")
          .append(esc(s.name()))
          .append("</b>: ")
          .append(esc(lang.consequence(f)));
      if (s.twoPlaces()) {
        h.append("<br><i class=\"two-places\">")
            .append(esc(lang.twoPlacesNote(s.place())))
            .append("</i>");
      }
      h.append("</li>\n");
    }
    h.append("</ul>\n");
    if (!r.exempted().isEmpty()) {
      h.append("<h2>").append(esc(lang.exemptedHeading())).append("</h2><ul class=\"exempted\">\n");
      for (Report.Exempted e : r.exempted()) {
        h.append("<li><b>")
            .append(esc(e.name()))
            .append("</b>, ")
            .append(esc(e.position()))
            .append(", ")
            .append(esc(e.unit()))
            .append(": ")
            .append(esc(lang.exemptionReason(e.reason())));
        if (e.since() != null) {
          h.append(" (")
              .append(esc(lang.since()))
              .append(' ')
              .append(esc(Report.dmy(e.since())))
              .append(')');
        }
        h.append("</li>\n");
      }
      h.append("</ul>\n");
    }
    if (!r.observers().isEmpty()) {
      h.append("<p class=\"observers\">").append(esc(lang.observersHeading()));
      for (int i = 0; i < r.observers().size(); i++) {
        Report.Observer o = r.observers().get(i);
        if (i > 0) {
          h.append("; ");
        }
        h.append(esc(o.name()));
        if (!o.body().isEmpty()) {
          h.append(" (").append(esc(o.body())).append(')');
        }
      }
      h.append(".</p>\n");
    }
    h.append("<p><i>").append(esc(lang.copies())).append("</i></p>\n");
    h.append("<div class=\"sign\"><b>")
        .append(esc(lang.signFor()))
        .append("</b><br><b>")
        .append(esc(lang.signHead()))
        .append("</b><br><i>")
        .append(esc(lang.signNote()))
        .append("</i><br><br><br><br><b>")
        .append(esc(r.headName()))
        .append("</b></div>\n</section>\n");
  }
}
