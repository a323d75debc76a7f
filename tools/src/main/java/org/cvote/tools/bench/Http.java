package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The benchmark's HTTP calls: JSON in, status and bytes out. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;
  private final String bearer;

  Http(URI base) {
    this(base, null);
  }

  /** With the secretariat's session token sent on every request (the admin routes need it). */
  Http(URI base, String bearer) {
    this.base = base;
    this.bearer = bearer;
  }

  record Res(int status, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + new String(body, StandardCharsets.UTF_8));
      }
    }
  }

  Res send(String method, String path, byte[] body, String accept) {
    return send(method, path, body, accept, "application/json");
  }

  Res send(String method, String path, byte[] body, String accept, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Res(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A POST of a JSON body on a blocking connection (kept alive and reused by the JDK). */
  Res post(String path, byte[] body) {
    try {
      java.net.HttpURLConnection c =
          (java.net.HttpURLConnection) base.resolve(path).toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(body.length);
      c.setRequestProperty("Content-Type", "application/json");
      c.setConnectTimeout(10_000);
      c.setReadTimeout(120_000);
      try (java.io.OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      try (java.io.InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        return new Res(status, in == null ? new byte[0] : in.readAllBytes());
      }
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + ": " + e.getMessage(), e);
    }
  }

  JsonNode ok(String method, String path, byte[] body) {
    return expect(method, path, body, 200);
  }

  /** The JSON answer of a request that must answer {@code status}; any other status throws. */
  JsonNode expect(String method, String path, byte[] body, int status) {
    Res r = send(method, path, body, null);
    if (r.status() != status) {
      throw new IllegalStateException(
          method
              + " "
              + path
              + " answered "
              + r.status()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.json();
  }

  /**
   * The named counters from one read of the Prometheus text at /observe/metrics (0 for a counter
   * not there yet).
   */
  java.util.Map<String, Double> metrics(String... names) {
    String[] lines =
        new String(
                send("GET", "/observe/metrics", null, "text/plain").body(), StandardCharsets.UTF_8)
            .split("\n");
    java.util.Map<String, Double> out = new java.util.HashMap<>();
    for (String name : names) {
      String prom = name.replace('.', '_');
      out.put(name, 0.0);
      for (String line : lines) {
        if (line.startsWith(prom + "_total")
            || line.startsWith(prom + " ")
            || line.startsWith(prom + "{")) {
          String[] parts = line.trim().split(" ");
          out.put(name, Double.parseDouble(parts[parts.length - 1]));
          break;
        }
      }
    }
    return out;
  }
}
