package org.cvote.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cvote.server.json.Json;

/**
 * Errors the web server answers before any route runs (a body over {@code max-payload-size}, a
 * request line or headers it cannot parse): the same {@code {error, message, field}} JSON as every
 * route, instead of Helidon's plain text. The message is the status phrase only; Helidon's own text
 * may quote the request.
 */
public final class TransportErrors {
  private TransportErrors() {}

  public static DirectHandlers handlers() {
    DirectHandlers.Builder b = DirectHandlers.builder();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      b.addHandler(type, TransportErrors::handle);
    }
    return b.build();
  }

  private static DirectHandler.TransportResponse handle(
      DirectHandler.TransportRequest req,
      DirectHandler.EventType type,
      Status status,
      io.helidon.http.ServerResponseHeaders headers,
      String message) {
    int code = status.code();
    String error =
        switch (code) {
          case 413 -> "too_large";
          case 414 -> "uri_too_long";
          case 431 -> "headers_too_large";
          case 505 -> "http_version_not_supported";
          default -> code >= 500 ? "internal" : "bad_request";
        };
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put(
        "message",
        code == 413 ? "request body is larger than the server accepts" : status.reasonPhrase());
    body.put("field", null);
    headers.set(HeaderNames.CONTENT_TYPE, Http.JSON + "; charset=utf-8");
    headers.set(HeaderNames.CACHE_CONTROL, "no-store");
    return DirectHandler.TransportResponse.builder()
        .status(status)
        .headers(headers)
        .entity(Json.write(body))
        .keepAlive(type.keepAlive())
        .build();
  }
}
