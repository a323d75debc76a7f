package org.cvote.server.http;

/**
 * A client-visible failure: always rendered as {@code {"error","message","field"}} with a 4xx status.
 * Anything that is not an ApiException is a server bug and is logged, never echoed.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() { return status; }
    public String code() { return code; }
    public String field() { return field; }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field);
    }
    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid", message, field);
    }
    public static ApiException missing(String field) {
        return new ApiException(400, "missing", "required field is missing", field);
    }
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null);
    }
    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message, null);
    }
    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found", null);
    }
    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message, null);
    }
    public static ApiException conflict(String code, String message, String field) {
        return new ApiException(409, code, message, field);
    }
    public static ApiException tooLarge(long limit) {
        return new ApiException(413, "too_large", "request body exceeds " + limit + " bytes", null);
    }
}
