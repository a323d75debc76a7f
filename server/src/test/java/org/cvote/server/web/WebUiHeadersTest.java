package org.cvote.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * The pages are served, and every response (page, script, API, error) carries the security headers.
 */
@LocalServer
class WebUiHeadersTest {
  static final TestApp APP = TestApp.create();
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  WebUiHeadersTest(URI base) {
    this.base = base;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void secure(HttpResponse<String> r) {
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.startsWith("default-src 'self'"), r.uri() + ": " + csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertTrue(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
    // blob: only for the committee page's hash-checked worker, never for scripts
    assertTrue(csp.contains("script-src 'self';") && csp.contains("worker-src 'self' blob:;"), csp);
    assertEquals(
        "nosniff",
        r.headers().firstValue("X-Content-Type-Options").orElse(null),
        r.uri().toString());
    assertEquals(
        "no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), r.uri().toString());
  }

  @Test
  void pagesAndScriptsAreServedWithSecurityHeaders() throws Exception {
    for (String page :
        new String[] {
          "/",
          "/booth.html",
          "/console.html",
          "/board.html",
          "/verify.html",
          "/booth/p-abc",
          "/vote/p-abc",
          "/css/app.css",
          "/js/booth.js",
          "/js/console.js",
          "/js/board.js",
          "/js/cvote-protocol.js"
        }) {
      HttpResponse<String> r = get(page);
      assertEquals(200, r.statusCode(), page);
      secure(r);
      if (page.startsWith("/booth/") || page.startsWith("/vote/")) {
        assertTrue(r.body().contains("/js/booth.js"), page);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page);
      }
      if (page.endsWith(".html") || page.equals("/") || page.startsWith("/booth/")) {
        assertTrue(
            !r.body().contains("<script>")
                && !r.body().contains(" onclick=")
                && !r.body().contains(" style="),
            page + " has inline script or style");
      }
    }
    secure(get("/api/polls/p-nope"));
    assertEquals(404, get("/api/polls/p-nope").statusCode());
    secure(get("/admin/polls"));
    HttpResponse<String> first = get("/css/app.css");
    String etag = first.headers().firstValue("ETag").orElse(null);
    if (etag != null) {
      HttpResponse<String> again =
          http.send(
              HttpRequest.newBuilder(base.resolve("/css/app.css"))
                  .header("If-None-Match", etag)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(304, again.statusCode(), "a cached page is 304 Not Modified, not an error");
    }
    HttpResponse<String> missing = get("/nope.html");
    assertEquals(404, missing.statusCode(), "a missing file is a 404, not a 500");
    secure(missing);
  }
}
