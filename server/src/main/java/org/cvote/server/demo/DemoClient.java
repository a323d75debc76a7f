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

/** The demo's plain HTTP client for the secretariat and voter routes (JSON in and out, bearer token). */
final class DemoClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String token;

    DemoClient(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    void login(String username, String password) {
        token = call("POST", "/admin/session", json(java.util.Map.of("username", username, "password", password)),
                "application/json", 201).path("token").asText();
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
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5));
        if (contentType != null) b.header("Content-Type", contentType);
        if (token != null && (path.startsWith("/admin") || path.endsWith("/record"))) b.header("Authorization", "Bearer " + token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != expect) {
                throw new DemoException(method + " " + path + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
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
