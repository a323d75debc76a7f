package org.cvote.server.ceremony;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cvote.server.attendance.AccessCodeSheet;
import org.cvote.server.poll.Poll;

/**
 * Printable committee invitation slips, one per elected member, like the access-code slips: name,
 * the one-time code, the command for the member's tool, and a QR code of the join link. The link
 * carries the code in the URL fragment ({@code /committee/{poll}#invite=CODE}), which browsers
 * never send to the server.
 */
public final class InvitationSheet {
  private InvitationSheet() {}

  public static String joinLink(String publicUrl, String pollId, String code) {
    return publicUrl
        + "/committee/"
        + URLEncoder.encode(pollId, StandardCharsets.UTF_8)
        + "#invite="
        + code;
  }

  public static String command(String publicUrl, String pollId, String code) {
    return "cvote-committee join --invite " + code + " " + publicUrl + " " + pollId;
  }

  public static String html(Poll poll, List<CommitteeInvitations.Issued> issued, String publicUrl) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Phiếu mời Ban kiểm phiếu — ")
        .append(esc(poll.title()))
        .append("</title><style>")
        .append(
            "body{font-family:sans-serif}.slip{display:inline-block;width:45%;border:1px dashed #888;")
        .append(
            "margin:6px;padding:8px;page-break-inside:avoid}.code{font:bold 18px monospace}.cmd{font:11px monospace}")
        .append("</style></head><body><h1>")
        .append(esc(poll.title()))
        .append("</h1>");
    for (CommitteeInvitations.Issued i : issued) {
      sb.append("<div class=\"slip invitation\" data-invitation=\"")
          .append(i.number())
          .append("\">")
          .append("<div>Phiếu mời tham gia Ban kiểm phiếu / Counting committee invitation</div>")
          .append("<div><strong>")
          .append(i.number())
          .append(". ")
          .append(esc(i.name()))
          .append("</strong></div>")
          .append(AccessCodeSheet.qrSvg(joinLink(publicUrl, poll.id(), i.code())))
          .append("<div class=\"code\">")
          .append(esc(i.code()))
          .append("</div>")
          .append("<div class=\"cmd\">")
          .append(esc(command(publicUrl, poll.id(), i.code())))
          .append("</div>")
          .append(
              "<div>Dùng một lần; đọc to dấu vân tay khoá khi đăng ký. / One use only; read your key fingerprint aloud.</div>")
          .append("</div>");
    }
    return sb.append("</body></html>").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
