package org.cvote.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A tiny HTTP client for tests: JSON in, status and JSON out. */
public final class Api {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public Api(URI base) {
    this.base = base;
  }

  /** An answer; {@code retryAfter} is the Retry-After header, or null. */
  public record Res(int status, byte[] raw, String contentType, String retryAfter) {
    public Res(int status, byte[] raw, String contentType) {
      this(status, raw, contentType, null);
    }

    /**
     * Retry-After in seconds; fails the test when the header is absent or not a number of seconds.
     */
    public long retryAfterSeconds() {
      if (retryAfter == null || !retryAfter.matches("[0-9]+")) {
        throw new AssertionError("no Retry-After seconds: " + this);
      }
      return Long.parseLong(retryAfter);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(raw);
      } catch (Exception e) {
        throw new AssertionError(
            "not JSON (" + status + "): " + new String(raw, StandardCharsets.UTF_8));
      }
    }

    public String text() {
      return new String(raw, StandardCharsets.UTF_8);
    }

    public String error() {
      return json().path("error").asText(null);
    }

    public String field() {
      JsonNode f = json().path("field");
      return f.isNull() || f.isMissingNode() ? null : f.asText();
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  public Res send(String method, String path, byte[] body, String contentType, String token) {
    return send(method, path, body, contentType, token, Map.of());
  }

  /** With extra request headers (e.g. X-Forwarded-For as a reverse proxy sets it). */
  public Res send(
      String method,
      String path,
      byte[] body,
      String contentType,
      String token,
      Map<String, String> headers) {
    try {
      return attempt(method, path, body, contentType, token, headers)
          .orElseThrow(
              () -> new AssertionError("request failed: " + method + " " + path + " (no reply)"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("request interrupted: " + method + " " + path, e);
    }
  }

  /**
   * Sends like {@link #send}, but a request that got no reply at all (connection refused or reset:
   * the server is down or died mid-request) is an empty result, so crash tests can tell "no answer"
   * from an answer.
   */
  public java.util.Optional<Res> attempt(
      String method, String path, byte[] body, String contentType, String token)
      throws InterruptedException {
    return attempt(method, path, body, contentType, token, Map.of());
  }

  private java.util.Optional<Res> attempt(
      String method,
      String path,
      byte[] body,
      String contentType,
      String token,
      Map<String, String> headers)
      throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    headers.forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return java.util.Optional.of(
          new Res(
              r.statusCode(),
              r.body(),
              r.headers().firstValue("content-type").orElse(""),
              r.headers().firstValue("retry-after").orElse(null)));
    } catch (java.io.IOException e) {
      return java.util.Optional.empty();
    }
  }

  public Res post(String path, Object body, String token) {
    return send("POST", path, bytes(body), "application/json", token);
  }

  public Res post(String path, Object body, String token, Map<String, String> headers) {
    return send("POST", path, bytes(body), "application/json", token, headers);
  }

  public Res postRaw(String path, String body, String contentType, String token) {
    return send("POST", path, body.getBytes(StandardCharsets.UTF_8), contentType, token);
  }

  public Res put(String path, Object body, String token) {
    return send("PUT", path, bytes(body), "application/json", token);
  }

  public Res get(String path, String token) {
    return send("GET", path, null, null, token);
  }

  public Res delete(String path, String token) {
    return send("DELETE", path, null, null, token);
  }

  public String login(String user, String password) {
    Res r = post("/admin/session", Map.of("username", user, "password", password), null);
    if (r.status() != 201) {
      throw new AssertionError("login failed: " + r);
    }
    return r.json().get("token").asText();
  }

  private static byte[] bytes(Object body) {
    if (body == null) {
      return null;
    }
    if (body instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
