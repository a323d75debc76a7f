package org.cvote.server.refusal;

import java.util.Objects;

/**
 * A request the domain refuses, said in domain terms: what kind of refusal, a stable machine code,
 * the input field it concerns (or null) and a message for the person. Domain code throws it; only
 * {@code http/} turns the kind into a status and the {@code {"error","message","field"}} body, so
 * no domain class speaks HTTP. Anything that is not a Refusal is a server bug and is logged, never
 * echoed.
 */
public class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Why the request was refused; each kind has exactly one HTTP status, chosen in {@code http/}.
   */
  public enum Kind {
    /** The input is malformed, missing or out of range. */
    BAD_INPUT,
    /** No valid session or credential. */
    UNAUTHORIZED,
    /** Authenticated (or identified) but not allowed. */
    FORBIDDEN,
    /** The thing named does not exist (or is not shown to this caller). */
    NOT_FOUND,
    /** The request is valid but not in this state of the poll or record. */
    CONFLICT,
    /** The body is larger than the route accepts. */
    TOO_LARGE,
    /** The body is not of the media type the route accepts. */
    UNSUPPORTED_MEDIA,
    /** The caller has used its attempts for the window ({@link RetryLater}). */
    TOO_MANY,
    /** The server cannot take this work now (shutting down, at its bound). */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private final String field;

  public Refusal(Kind kind, String code, String message, String field) {
    super(message, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public static Refusal badRequest(String code, String message, String field) {
    return new Refusal(Kind.BAD_INPUT, code, message, field);
  }

  public static Refusal invalid(String field, String message) {
    return new Refusal(Kind.BAD_INPUT, "invalid", message, field);
  }

  public static Refusal missing(String field) {
    return new Refusal(Kind.BAD_INPUT, "missing", "required field is missing", field);
  }

  public static Refusal unauthorized(String message) {
    return new Refusal(Kind.UNAUTHORIZED, "unauthorized", message, null);
  }

  public static Refusal forbidden(String code, String message) {
    return new Refusal(Kind.FORBIDDEN, code, message, null);
  }

  public static Refusal forbidden(String code, String message, String field) {
    return new Refusal(Kind.FORBIDDEN, code, message, field);
  }

  public static Refusal notFound(String what) {
    return new Refusal(Kind.NOT_FOUND, "not_found", what + " not found", null);
  }

  public static Refusal conflict(String code, String message) {
    return new Refusal(Kind.CONFLICT, code, message, null);
  }

  public static Refusal conflict(String code, String message, String field) {
    return new Refusal(Kind.CONFLICT, code, message, field);
  }

  public static Refusal tooLarge(long limit) {
    return new Refusal(
        Kind.TOO_LARGE, "too_large", "request body exceeds " + limit + " bytes", null);
  }

  public static Refusal tooLarge(String message, String field) {
    return new Refusal(Kind.TOO_LARGE, "too_large", message, field);
  }

  public static Refusal unsupportedMedia(String code, String message) {
    return new Refusal(Kind.UNSUPPORTED_MEDIA, code, message, null);
  }

  public static Refusal unavailable(String code, String message) {
    return new Refusal(Kind.UNAVAILABLE, code, message, null);
  }
}
