package org.cvote.committee;

/**
 * A refused request or a failed step, with the HTTP status the server should answer with and a
 * stable error code (docs/protocol.md §12: {"error", "message", "field"}).
 */
public class CommitteeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    BAD_REQUEST(400),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    UNAVAILABLE(503);

    public final int status;

    Kind(int status) {
      this.status = status;
    }
  }

  private final Kind kind;
  private final String code;
  private final String field;

  public CommitteeException(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public CommitteeException(Kind kind, String code, String message, String field) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return kind.status;
  }

  /** Stable machine-readable code, e.g. "bad_signature", "wrong_phase". */
  public String code() {
    return code;
  }

  /** The JSON path of the offending field, or null. */
  public String field() {
    return field;
  }
}
