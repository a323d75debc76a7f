package org.cvote.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.refusal.RetryLater;
import org.junit.jupiter.api.Test;

/**
 * The one place a domain refusal becomes an HTTP status: each kind keeps the status the clients saw
 * before the refusal type existed (issue 23), and each factory keeps its kind and code.
 */
final class RefusalStatusTest {
  @Test
  void everyKindHasItsStatus() {
    Map<Refusal.Kind, Integer> want = new EnumMap<>(Refusal.Kind.class);
    want.put(Refusal.Kind.BAD_INPUT, 400);
    want.put(Refusal.Kind.UNAUTHORIZED, 401);
    want.put(Refusal.Kind.FORBIDDEN, 403);
    want.put(Refusal.Kind.NOT_FOUND, 404);
    want.put(Refusal.Kind.CONFLICT, 409);
    want.put(Refusal.Kind.TOO_LARGE, 413);
    want.put(Refusal.Kind.UNSUPPORTED_MEDIA, 415);
    want.put(Refusal.Kind.TOO_MANY, 429);
    want.put(Refusal.Kind.UNAVAILABLE, 503);
    assertEquals(Refusal.Kind.values().length, want.size(), "a new kind needs its status here");
    want.forEach((kind, status) -> assertEquals(status, Http.status(kind), kind.name()));
  }

  @Test
  void factoriesKeepStatusCodeAndField() {
    assertEquals(400, Http.status(Refusal.invalid("year", "x").kind()));
    assertEquals("invalid", Refusal.invalid("year", "x").code());
    assertEquals("year", Refusal.invalid("year", "x").field());
    assertEquals("missing", Refusal.missing("t").code());
    assertEquals(401, Http.status(Refusal.unauthorized("x").kind()));
    assertEquals(403, Http.status(Refusal.forbidden("scope", "x").kind()));
    assertEquals("not_found", Refusal.notFound("poll").code());
    assertEquals("poll not found", Refusal.notFound("poll").getMessage());
    assertEquals(409, Http.status(Refusal.conflict("wrong_state", "x").kind()));
    assertEquals(413, Http.status(Refusal.tooLarge(10).kind()));
    assertEquals("request body exceeds 10 bytes", Refusal.tooLarge(10).getMessage());
    assertEquals(
        429,
        Http.status(
            RetryLater.tooMany("too_many", "x", "accessCode", Duration.ofMillis(1)).kind()));
    assertEquals(503, Http.status(RetryLater.busy("busy", "x", Duration.ofSeconds(2)).kind()));
    assertEquals(
        1,
        RetryLater.tooMany("too_many", "x", null, Duration.ofMillis(1)).retryAfterSeconds(),
        "at least 1 s");
  }
}
