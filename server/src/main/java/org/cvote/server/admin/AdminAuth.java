package org.cvote.server.admin;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import org.cvote.server.refusal.Refusal;

/** Resolves the bearer token of an admin request to its user, or refuses with 401. */
public final class AdminAuth {
  private final Sessions sessions;

  public AdminAuth(Sessions sessions) {
    this.sessions = sessions;
  }

  public String require(ServerRequest req) {
    String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw Refusal.unauthorized("a bearer session token is required");
    }
    String token = header.substring(7).strip();
    return sessions
        .resolve(token)
        .orElseThrow(() -> Refusal.unauthorized("session unknown or expired"));
  }

  /**
   * The user of the request's bearer session, read on {@code c}: for checks inside a transaction.
   */
  public java.util.Optional<String> user(java.sql.Connection c, ServerRequest req)
      throws java.sql.SQLException {
    String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return java.util.Optional.empty();
    }
    return sessions.resolve(c, header.substring(7).strip());
  }

  /**
   * A route filter: refuses (401) without a live session, else records the actor for the handler.
   */
  public void filter(ServerRequest req, io.helidon.webserver.http.ServerResponse res) {
    // Several admin services share a prefix; the session is resolved once per request.
    if (req.context().get(ACTOR, String.class).isEmpty()) {
      req.context().register(ACTOR, require(req));
    }
    res.next();
  }

  /** The authenticated secretariat user of a request that went through {@link #filter}. */
  public static String actor(ServerRequest req) {
    return req.context()
        .get(ACTOR, String.class)
        .orElseThrow(() -> Refusal.unauthorized("not authenticated"));
  }

  private static final String ACTOR = "cvote.actor";

  public static String bearer(ServerRequest req) {
    String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
    return header.length() > 7 ? header.substring(7).strip() : "";
  }
}
