package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol (CDP): one page, commands sent as JSON over
 * the page's loopback WebSocket and answered by id. What {@code --dump-dom} cannot do: set the CPU
 * throttling ({@code Emulation.setCPUThrottlingRate}, the "mid-range phone" of issue 24) and call
 * the page's functions one figure at a time. No dependency beyond the JDK's WebSocket client.
 */
final class Cdp implements AutoCloseable {
  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private Cdp(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts Chromium on a blank page with a fresh profile and connects to that page. */
  static Cdp launch(Path chromium) throws Exception {
    Path profile = Files.createTempDirectory("cvote-bench-cdp");
    Process p =
        new ProcessBuilder(
                chromium.toString(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-timer-throttling",
                "--disable-extensions",
                "--no-first-run",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", // Chromium picks a free port and writes it to the
                // profile
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      int port = port(profile.resolve("DevToolsActivePort"), p);
      HttpClient http = HttpClient.newHttpClient();
      String ws = null;
      for (int i = 0; i < 100 && ws == null; i++) {
        JsonNode targets =
            Http.JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/json/list"))
                            .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                    .body());
        for (JsonNode t : targets) {
          if ("page".equals(t.path("type").asText()) && t.has("webSocketDebuggerUrl")) {
            ws = t.path("webSocketDebuggerUrl").asText();
            break;
          }
        }
        if (ws == null) {
          Thread.sleep(100);
        }
      }
      if (ws == null) {
        throw new IllegalStateException("Chromium shows no page target");
      }
      Listener listener = new Listener();
      WebSocket socket =
          http.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(URI.create(ws), listener)
              .get(30, TimeUnit.SECONDS);
      Cdp cdp = new Cdp(p, profile, socket);
      listener.cdp = cdp;
      return cdp;
    } catch (Exception e) {
      p.destroyForcibly();
      deleteTree(profile);
      throw e;
    }
  }

  /** The debugging port Chromium wrote into DevToolsActivePort (first line). */
  private static int port(Path file, Process p) throws Exception {
    for (int i = 0; i < 300; i++) {
      if (!p.isAlive()) {
        throw new IllegalStateException("Chromium ended at start (exit " + p.exitValue() + ")");
      }
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() >= 2) {
          return Integer.parseInt(lines.get(0).trim());
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Chromium did not open its debugging port in 30 s");
  }

  /** Sends one command and waits for its answer's {@code result}; an {@code error} throws. */
  JsonNode send(String method, ObjectNode params, Duration timeout) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = Http.JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", params == null ? Http.JSON.createObjectNode() : params);
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      synchronized (socket) { // one outstanding sendText at a time (WebSocket's rule)
        socket.sendText(Http.JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
      }
      JsonNode r = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r.has("error")) {
        throw new IllegalStateException(method + ": " + r.get("error"));
      }
      return r.path("result");
    } finally {
      pending.remove(id);
    }
  }

  /**
   * Evaluates a JavaScript expression in the page, awaiting a promise, and returns its value (by
   * value, as JSON); an exception in the page throws with its text.
   */
  JsonNode evaluate(String expression, Duration timeout) throws Exception {
    ObjectNode params = Http.JSON.createObjectNode();
    params.put("expression", expression);
    params.put("awaitPromise", true);
    params.put("returnByValue", true);
    JsonNode r = send("Runtime.evaluate", params, timeout);
    if (r.has("exceptionDetails")) {
      JsonNode d = r.get("exceptionDetails");
      throw new IllegalStateException(
          "the page threw: "
              + d.path("exception").path("description").asText(d.path("text").asText()));
    }
    return r.path("result").path("value");
  }

  /** Opens {@code url} and waits until {@code readyExpression} is true in it. */
  void open(URI url, String readyExpression, Duration timeout) throws Exception {
    ObjectNode params = Http.JSON.createObjectNode();
    params.put("url", url.toString());
    send("Page.navigate", params, Duration.ofSeconds(30));
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (evaluate("!!(" + readyExpression + ")", Duration.ofSeconds(10)).asBoolean()) {
          return;
        }
      } catch (IllegalStateException e) {
        // the old document is being replaced: ask again
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(url + " was not ready in " + timeout.toSeconds() + " s");
  }

  /** CPU throttling of the page's renderer: 1 is none, 4 is four times slower. */
  void throttle(double rate) throws Exception {
    ObjectNode params = Http.JSON.createObjectNode();
    params.put("rate", rate);
    send("Emulation.setCPUThrottlingRate", params, Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    socket.abort();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary profile left behind is harmless
    }
  }

  /** Joins a message's fragments and hands answers (messages with an id) to their waiter. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private volatile Cdp cdp;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String msg = text.toString();
        text.setLength(0);
        try {
          JsonNode m = Http.JSON.readTree(msg);
          Cdp c = cdp;
          if (m.has("id") && c != null) {
            CompletableFuture<JsonNode> f = c.pending.get(m.get("id").asInt());
            if (f != null) {
              f.complete(m);
            }
          }
        } catch (IOException e) {
          // not JSON: not an answer of ours
        }
      }
      ws.request(1);
      return null;
    }
  }
}
