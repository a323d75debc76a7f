package org.cvote.server.refusal;

import java.time.Duration;

/**
 * A refusal that ends by itself: too many attempts, or the server busy. {@code http/} renders it
 * like every {@link Refusal} plus a {@code Retry-After} header in whole seconds (RFC 9110 §10.2.3),
 * at least 1.
 */
public final class RetryLater extends Refusal {
  private static final long serialVersionUID = 1L;
  private final long retryAfterSeconds;

  private RetryLater(Kind kind, String code, String message, String field, Duration after) {
    super(kind, code, message, field);
    long s = (after.toMillis() + 999) / 1000;
    this.retryAfterSeconds = Math.max(1, s);
  }

  /** 429: this client (or this poll, or this account) has used its attempts for the window. */
  public static RetryLater tooMany(String code, String message, String field, Duration after) {
    return new RetryLater(Kind.TOO_MANY, code, message, field, after);
  }

  /** 503: the server is at its bound for this kind of work; nothing was attempted. */
  public static RetryLater busy(String code, String message, Duration after) {
    return new RetryLater(Kind.UNAVAILABLE, code, message, null, after);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
