package org.cvote.server.ballot;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.server.http.ApiException;

import java.io.IOException;

/**
 * Parses a ballot with the crypto module's strict protocol mapper: unknown or duplicate fields,
 * bad hex, points off the curve and scalars ≥ q are all refused with the JSON path named.
 */
public final class BallotParser {
    private BallotParser() {}

    public static Ballot parse(byte[] body) {
        if (body.length == 0) throw ApiException.badRequest("malformed_json", "request body is empty", null);
        try {
            return ProtocolJson.mapper().readValue(body, Ballot.class);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown_field", "unknown field '" + e.getPropertyName() + "'", path(e));
        } catch (JsonMappingException e) {
            throw ApiException.badRequest("invalid", message(e), path(e));
        } catch (JsonParseException e) {
            boolean dup = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
            throw ApiException.badRequest(dup ? "duplicate_key" : "malformed_json", dup ? e.getOriginalMessage() : "malformed JSON", null);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "malformed JSON", null);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "unreadable body", null);
        }
    }

    private static String path(JsonMappingException e) {
        String p = ProtocolJson.fieldPath(e);
        return p.isEmpty() ? null : p;
    }

    /** The crypto module's own reason (e.g. "point is not on the P-256 curve"), never echoing input. */
    private static String message(JsonMappingException e) {
        Throwable c = e.getCause();
        if (c instanceof IllegalArgumentException && c.getMessage() != null) return c.getMessage();
        String m = e.getOriginalMessage();
        if (m != null && m.startsWith("invalid ")) return m;
        return "missing or wrong type";
    }
}
