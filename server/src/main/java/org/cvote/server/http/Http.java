package org.cvote.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cvote.server.json.Json;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.refusal.RetryLater;

/** Request/response plumbing shared by every service: bounded bodies, JSON out, path parameters. */
public final class Http {
  public static final String JSON = "application/json";

  private Http() {}

  /** Reads at most {@code limit} bytes; a larger body is a 413 before it is parsed. */
  public static byte[] body(ServerRequest req, int limit) {
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] buf = in.readNBytes(limit + 1);
      if (buf.length > limit) {
        throw Refusal.tooLarge(limit);
      }
      return buf;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T json(ServerRequest req, int limit, Class<T> type) {
    requireJsonContentType(req);
    return Json.read(body(req, limit), type);
  }

  public static void requireJsonContentType(ServerRequest req) {
    req.headers()
        .contentType()
        .ifPresent(
            ct -> {
              if (!ct.mediaType().text().equalsIgnoreCase(JSON)) {
                throw Refusal.unsupportedMedia(
                    "unsupported_media_type", "expected application/json");
              }
            });
  }

  public static void send(ServerResponse res, int status, Object value) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, JSON + "; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(Json.write(value));
  }

  public static void ok(ServerResponse res, Object value) {
    send(res, 200, value);
  }

  public static void created(ServerResponse res, Object value) {
    send(res, 201, value);
  }

  public static void error(ServerResponse res, Refusal e) {
    if (e instanceof RetryLater r) {
      res.header(io.helidon.http.HeaderNames.RETRY_AFTER, String.valueOf(r.retryAfterSeconds()));
    }
    error(res, status(e.kind()), e.code(), e.getMessage(), e.field());
  }

  /** The §12 error body {@code {"error","message","field"}} with its status. */
  public static void error(
      ServerResponse res, int status, String code, String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    body.put("field", field);
    send(res, status, body);
  }

  /** The one place a domain refusal becomes an HTTP status. */
  public static int status(Refusal.Kind kind) {
    return switch (kind) {
      case BAD_INPUT -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA -> 415;
      case TOO_MANY -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  public static String param(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }

  public static int intParam(ServerRequest req, String name) {
    String v = param(req, name);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw Refusal.notFound(name);
    }
  }

  public static boolean equalsBytes(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }
}
