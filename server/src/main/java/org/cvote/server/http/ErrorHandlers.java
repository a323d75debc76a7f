package org.cvote.server.http;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.cvote.server.refusal.Refusal;

/**
 * Maps exceptions to the §12 error shape. A client never sees a stack trace; an unexpected
 * exception becomes a 500 with no detail (logged with its type only, since messages may carry
 * input).
 */
public final class ErrorHandlers {
  private static final Logger LOG = System.getLogger(ErrorHandlers.class.getName());

  private ErrorHandlers() {}

  public static void register(HttpRouting.Builder routing) {
    routing.error(Refusal.class, (req, res, e) -> Http.error(res, e));
    // Helidon's own 4xx (no route, method not allowed, bad request line...) keep their status.
    routing.error(
        HttpException.class,
        (req, res, e) -> {
          int code = e.status().code();
          if (code < 400) {
            // the static pages' conditional GET (If-None-Match → 304 Not Modified) is not an error
            res.status(e.status()).send();
          } else if (code >= 400 && code < 500) {
            String error =
                code == 404 ? "not_found" : code == 405 ? "method_not_allowed" : "bad_request";
            Http.error(res, code, error, e.status().reasonPhrase(), null);
          } else {
            LOG.log(
                Level.ERROR, "server error " + code + " on " + req.prologue().method().text(), e);
            Http.error(res, 500, "internal", "internal error", null);
          }
        });
    routing.error(
        Exception.class,
        (req, res, e) -> {
          LOG.log(
              Level.ERROR,
              "internal error on "
                  + req.prologue().method().text()
                  + " "
                  + req.matchingPattern().orElse("?"),
              e);
          Http.error(res, 500, "internal", "internal error", null);
        });
  }
}
