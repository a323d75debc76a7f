package org.cvote.server.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The web front end: security headers on every response, the static pages bundled into the
 * classpath folder {@code /web} (booth, console, board, how to verify), and the booth's short links
 * {@code /booth/{pollId}} and {@code /vote/{pollId}} (the access code rides in the URL fragment,
 * which browsers never send), and the committee page {@code /committee/{pollId}} (the invitation
 * slip's link, {@code #invite=CODE} in the fragment).
 */
public final class WebUi {
  /** Strict: nothing inline, nothing from elsewhere, never framed. */
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          // the committee page starts its worker from a blob: of bytes it checked against a hash in
          // its own bundle
          + "worker-src 'self' blob:; "
          + "frame-ancestors 'none'";

  private WebUi() {}

  /** Adds the header filter; call before any route is registered. */
  public static void headers(HttpRouting.Builder routing) {
    routing.addFilter(
        (chain, req, res) -> {
          res.header(HeaderNames.create("Content-Security-Policy"), CSP);
          res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
          res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
          res.header(HeaderNames.create("X-Frame-Options"), "DENY");
          res.header(HeaderNames.create("Cross-Origin-Opener-Policy"), "same-origin");
          res.header(
              HeaderNames.create("Permissions-Policy"), "camera=(), microphone=(), geolocation=()");
          chain.proceed();
        });
  }

  /** Mounts the pages; call after the API routes. */
  public static void pages(HttpRouting.Builder routing) {
    routing
        .get("/booth/{id}", WebUi::booth)
        .get("/vote/{id}", WebUi::booth)
        .get("/committee/{id}", (req, res) -> page("web/committee.html", res))
        .register("/", StaticContentService.builder("web").welcomeFileName("index.html").build());
  }

  private static void booth(ServerRequest req, ServerResponse res) {
    page("web/booth.html", res);
  }

  /**
   * A page under a short link ({@code /booth/{poll}}, {@code /committee/{poll}}): the same bytes as
   * the static file.
   */
  private static void page(String path, ServerResponse res) {
    byte[] page = resource(path);
    if (page == null) {
      res.status(Status.NOT_FOUND_404).send();
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.send(page);
  }

  static byte[] resource(String path) {
    try (InputStream in = WebUi.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
