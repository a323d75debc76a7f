package org.cvote.server.dossier;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.cvote.server.refusal.Refusal;

/**
 * A dossier file as uploaded: the body of a {@code PUT} sent as {@code application/pdf}, checked
 * before anything is stored: the declared type, the size cap and the PDF signature {@code %PDF-} in
 * the first bytes. Every refusal is a 4xx naming the field (report or declaration).
 */
public record PdfUpload(byte[] bytes) {
  /**
   * Below the server's own request cap (4 MiB, application.yaml), so the refusal here is the one
   * that names the field.
   */
  public static final int MAX_BYTES = 4_000_000;

  private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  public static PdfUpload read(ServerRequest req, Kind kind) {
    String type = req.headers().contentType().map(t -> t.mediaType().text()).orElse("");
    if (!type.equalsIgnoreCase("application/pdf")) {
      throw new Refusal(
          Refusal.Kind.UNSUPPORTED_MEDIA,
          "not_pdf",
          kind.field()
              + ": send the file as application/pdf (got "
              + (type.isEmpty() ? "no type" : type)
              + ")",
          kind.field());
    }
    byte[] b;
    if (!req.content().hasEntity()) {
      throw Refusal.missing(kind.field());
    }
    try (InputStream in = req.content().inputStream()) {
      b = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(b, kind);
  }

  public static PdfUpload of(byte[] b, Kind kind) {
    if (b.length == 0) {
      throw Refusal.missing(kind.field());
    }
    if (b.length > MAX_BYTES) {
      throw new Refusal(
          Refusal.Kind.TOO_LARGE,
          "too_large",
          kind.field() + ": a dossier file is at most " + MAX_BYTES + " bytes",
          kind.field());
    }
    if (b.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)) {
      throw Refusal.invalid(
          kind.field(), kind.field() + ": the file is not a PDF (it does not begin with %PDF-)");
    }
    return new PdfUpload(b);
  }
}
