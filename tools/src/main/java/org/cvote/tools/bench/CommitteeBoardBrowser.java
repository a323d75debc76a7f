package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The browser half of {@link CommitteeBoardBench}: a loopback HTTP server serves the built web
 * pages (the class path's /web, as the cvote server does) and the board file; headless Chromium
 * opens /bench-committee.html, which verifies the board with the committee page's library and
 * worker pool, shows the progress bar and posts its progress and result back here (a long run
 * outlives --dump-dom's virtual time, so the page reports by POST).
 */
final class CommitteeBoardBrowser {
  private static final long TIMEOUT_MINUTES = 30;

  private CommitteeBoardBrowser() {}

  /**
   * The page's result ({seconds, workers, ok, …}), or null (reason printed) when there is no usable
   * run.
   */
  static JsonNode run(Path boardFile, PrintStream log) {
    Path chromium = BrowserRun.chromium();
    if (chromium == null) {
      log.println("committee board: no Chromium found; browser figure = null");
      return null;
    }
    if (CommitteeBoardBrowser.class.getResource("/web/bench-committee.html") == null) {
      log.println(
          "committee board: the built web pages (/web/bench-committee.html) are not on the class path; browser figure = null");
      return null;
    }
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    HttpServer server = null;
    Process p = null;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", ex -> serve(ex, boardFile, result, log));
      server.start();
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/bench-committee.html";
      Path profile = Files.createTempDirectory("cvote-bench-committee-chromium");
      p =
          new ProcessBuilder(
                  chromium.toString(),
                  "--headless=new",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-timer-throttling",
                  "--user-data-dir=" + profile,
                  url)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      log.println("committee board: headless Chromium verifies it (" + url + ")…");
      JsonNode r = result.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (r.has("error")) {
        log.println(
            "committee board: the page failed: "
                + r.get("error").asText()
                + "; browser figure = null");
        return null;
      }
      if (!r.path("ok").asBoolean()) {
        log.println(
            "committee board: the page rejected the board: "
                + r.path("problems")
                + "; browser figure = null");
        return null;
      }
      return r;
    } catch (TimeoutException e) {
      log.println(
          "committee board: no result from the page in "
              + TIMEOUT_MINUTES
              + " min; browser figure = null");
      return null;
    } catch (Exception e) {
      log.println("committee board: " + e + "; browser figure = null");
      return null;
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
      if (server != null) {
        server.stop(0);
      }
    }
  }

  private static void serve(
      HttpExchange ex, Path boardFile, CompletableFuture<JsonNode> result, PrintStream log)
      throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (ex.getRequestMethod().equals("POST")) {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (path.equals("/result")) {
          result.complete(Http.JSON.readTree(body));
        } else if (path.equals("/progress")) {
          log.println("  " + new String(body, StandardCharsets.UTF_8));
        }
        ex.sendResponseHeaders(204, -1);
        return;
      }
      if (path.equals("/committee-board.json")) {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, Files.size(boardFile));
        Files.copy(boardFile, ex.getResponseBody());
        return;
      }
      if (path.contains("..") || !path.startsWith("/")) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      try (InputStream in = CommitteeBoardBrowser.class.getResourceAsStream("/web" + path)) {
        if (in == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        byte[] bytes = in.readAllBytes();
        ex.getResponseHeaders().set("Content-Type", contentType(path));
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
      }
    }
  }

  private static String contentType(String path) {
    if (path.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (path.endsWith(".js")) {
      return "text/javascript; charset=utf-8"; // module scripts and workers need a JS type
    }
    if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (path.endsWith(".json") || path.endsWith(".map")) {
      return "application/json";
    }
    if (path.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }
}
