package org.cvote.server.dossier;

import java.util.List;
import org.cvote.server.attendance.AccessCodeSheet;
import org.cvote.server.poll.Poll;

/**
 * The voters' portal links as the office hands them out: printable slips (name, unit, QR code of
 * the link, drawn like the access-code slips) or a CSV list for e-mail. The key rides in the URL
 * fragment, which browsers never send to the server, so it does not reach access logs or proxies.
 */
public final class PortalSlips {
  private PortalSlips() {}

  public record Slip(int voter, String name, String unit, String url) {}

  public static String link(String publicUrl, String key) {
    return publicUrl + "/portal.html#k=" + key;
  }

  public static String html(Poll poll, List<Slip> slips) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đường dẫn nghiên cứu hồ sơ — ")
        .append(esc(poll.title()))
        .append("</title><style>")
        .append(
            "body{font-family:sans-serif}.slip{display:inline-block;width:45%;border:1px dashed #888;")
        .append(
            "margin:6px;padding:8px;page-break-inside:avoid}.url{font:11px monospace;word-break:break-all}")
        .append("</style></head><body><h1>")
        .append(esc(poll.title()))
        .append("</h1>")
        .append(
            "<p>Đường dẫn riêng để nghiên cứu hồ sơ người được lấy phiếu tín nhiệm và đặt yêu cầu làm rõ. ")
        .append(
            "Không phải mã truy cập bỏ phiếu. / Your personal link to the dossiers and written requests; ")
        .append("it is not the access code for voting.</p>");
    for (Slip s : slips) {
      sb.append("<div class=\"slip\"><div>")
          .append(s.voter())
          .append(". ")
          .append(esc(s.name()))
          .append(" — ")
          .append(esc(s.unit()))
          .append("</div>")
          .append(AccessCodeSheet.qrSvg(s.url()))
          .append("<div class=\"url\">")
          .append(esc(s.url()))
          .append("</div></div>");
    }
    return sb.append("</body></html>").toString();
  }

  public static String csv(List<Slip> slips) {
    StringBuilder sb = new StringBuilder("voter,name,unit,url\r\n");
    for (Slip s : slips) {
      sb.append(s.voter())
          .append(',')
          .append(cell(s.name()))
          .append(',')
          .append(cell(s.unit()))
          .append(',')
          .append(cell(s.url()))
          .append("\r\n");
    }
    return sb.toString();
  }

  /** Always quoted; a cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
  static String cell(String v) {
    String s = v.isEmpty() || "=+-@\t\r".indexOf(v.charAt(0)) < 0 ? v : "'" + v;
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
