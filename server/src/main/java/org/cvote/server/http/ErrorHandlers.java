package org.cvote.server.http;

import io.helidon.webserver.http.HttpRouting;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Maps exceptions to the §12 error shape. A client never sees a stack trace; an unexpected
 * exception becomes a 500 with no detail (logged with its type only, since messages may carry input).
 */
public final class ErrorHandlers {
    private static final Logger LOG = System.getLogger(ErrorHandlers.class.getName());

    private ErrorHandlers() {}

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> Http.error(res, e));
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(Level.ERROR, "internal error on " + req.prologue().method().text() + " "
                    + req.matchingPattern().orElse("?"), e);
            Http.error(res, new ApiException(500, "internal", "internal error", null));
        });
    }
}
