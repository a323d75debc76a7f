package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The browser half of {@link CommitteeBoardBench}: a loopback HTTP server ({@link WebPages}) serves
 * the built web pages and the board file; headless Chromium opens /bench-committee.html, which
 * verifies the board with the committee page's library and worker pool, shows the progress bar and
 * posts its progress and result back here (a long run outlives --dump-dom's virtual time, so the
 * page reports by POST).
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
    if (!WebPages.available("/bench-committee.html")) {
      log.println(
          "committee board: the built web pages (/web/bench-committee.html) are not on the class path; browser figure = null");
      return null;
    }
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    Process p = null;
    try (WebPages pages =
        WebPages.start(
            Map.of(
                "/result",
                ex -> post(ex, body -> result.complete(Http.JSON.readTree(body))),
                "/progress",
                ex ->
                    post(ex, body -> log.println("  " + new String(body, StandardCharsets.UTF_8))),
                "/committee-board.json",
                ex -> board(ex, boardFile)))) {
      String url = pages.base().resolve("/bench-committee.html").toString();
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
    }
  }

  private interface Body {
    void accept(byte[] body) throws IOException;
  }

  private static void post(HttpExchange ex, Body then) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      then.accept(ex.getRequestBody().readAllBytes());
      ex.sendResponseHeaders(204, -1);
    }
  }

  private static void board(HttpExchange ex, Path boardFile) throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, Files.size(boardFile));
      Files.copy(boardFile, ex.getResponseBody());
    }
  }
}
