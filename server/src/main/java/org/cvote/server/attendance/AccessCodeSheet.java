package org.cvote.server.attendance;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cvote.server.poll.Poll;

/**
 * A printable HTML sheet, one slip per voter: name, access code and a QR code (zxing) of the booth
 * link carrying the code in the URL fragment, which browsers never send to the server.
 */
public final class AccessCodeSheet {
  private AccessCodeSheet() {}

  public static String html(Poll poll, List<IssuedCode> codes, String publicUrl) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Mã truy cập — ")
        .append(esc(poll.title()))
        .append("</title><style>")
        .append(
            "body{font-family:sans-serif}.slip{display:inline-block;width:45%;border:1px dashed #888;")
        .append("margin:6px;padding:8px;page-break-inside:avoid}.code{font:bold 18px monospace}")
        .append("</style></head><body><h1>")
        .append(esc(poll.title()))
        .append("</h1>");
    for (IssuedCode c : codes) {
      String link = boothLink(publicUrl, poll.id(), c.accessCode());
      sb.append("<div class=\"slip\"><div>")
          .append(c.voter())
          .append(". ")
          .append(esc(c.name()))
          .append("</div>")
          .append(qrSvg(link))
          .append("<div class=\"code\">")
          .append(esc(c.accessCode()))
          .append("</div></div>");
    }
    return sb.append("</body></html>").toString();
  }

  public static String boothLink(String publicUrl, String pollId, String code) {
    return publicUrl
        + "/booth/"
        + URLEncoder.encode(pollId, StandardCharsets.UTF_8)
        + "#code="
        + code;
  }

  public static String qrSvg(String text) {
    BitMatrix m;
    try {
      m =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      2));
    } catch (WriterException e) {
      throw new IllegalStateException("QR encoding failed", e);
    }
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"160\" viewBox=\"0 0 "
        + m.getWidth()
        + " "
        + m.getHeight()
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
