package org.cvote.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's plain HTTP client for the secretariat and voter routes (JSON in and out, bearer
 * token). Given several nodes of one deployment it sends each request to the next one in turn, as a
 * round-robin reverse proxy would.
 */
final class DemoClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final List<URI> nodes;
  private final AtomicInteger turn = new AtomicInteger();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private volatile String token;

  DemoClient(URI base) {
    this(List.of(base));
  }

  DemoClient(List<URI> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no server node");
    }
    this.nodes = List.copyOf(nodes);
  }

  URI base() {
    return nodes.get(0);
  }

  /** A status and body, whatever the status. */
  record Answer(int status, byte[] body) {}

  /**
   * Sends to node {@code node} (an index into the nodes) and returns the answer without judging its
   * status.
   */
  Answer exchange(int node, String method, String path, byte[] body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(nodes.get(Math.floorMod(node, nodes.size())).resolve(path))
            .timeout(Duration.ofMinutes(5));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null && (path.startsWith("/admin") || path.endsWith("/record"))) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach " + nodes.get(Math.floorMod(node, nodes.size())) + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted");
    }
  }

  void login(String username, String password) {
    token =
        call(
                "POST",
                "/admin/session",
                json(java.util.Map.of("username", username, "password", password)),
                "application/json",
                201)
            .path("token")
            .asText();
  }

  static byte[] json(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode post(String path, Object body) {
    return call("POST", path, body == null ? null : json(body), "application/json", 200);
  }

  JsonNode get(String path) {
    return call("GET", path, null, null, 200);
  }

  byte[] raw(String method, String path, byte[] body, String contentType, int expect) {
    Answer r = exchange(turn.getAndIncrement(), method, path, body, contentType);
    if (r.status() != expect) {
      throw new DemoException(
          method
              + " "
              + path
              + " answered "
              + r.status()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body();
  }

  JsonNode call(String method, String path, byte[] body, String contentType, int expect) {
    byte[] out = raw(method, path, body, contentType, expect);
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new DemoException(method + " " + path + ": answer is not JSON");
    }
  }

  static final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoException(String message) {
      super(message);
    }
  }
}
