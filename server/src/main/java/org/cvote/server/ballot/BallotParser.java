package org.cvote.server.ballot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.server.json.JsonProblems;
import org.cvote.server.refusal.Refusal;

/**
 * Parses a ballot with the crypto module's strict protocol mapper: unknown or duplicate fields, bad
 * hex, points off the curve and scalars ≥ q are all refused with the JSON path named; a body that
 * is not UTF-8 JSON text, or not an object, is refused before anything else looks at it.
 */
public final class BallotParser {
  private BallotParser() {}

  public static Ballot parse(byte[] body) {
    if (body.length == 0) {
      throw Refusal.badRequest("malformed_json", "request body is empty", null);
    }
    JsonProblems.requireUtf8(body);
    Ballot ballot;
    try {
      ballot = ProtocolJson.decode(body, Ballot.class);
    } catch (JsonProcessingException e) {
      throw JsonProblems.of(e, BallotParser::message);
    } catch (IOException e) {
      throw Refusal.badRequest("malformed_json", "unreadable body", null);
    }
    // "null" is valid JSON that databind maps to no object at all
    if (ballot == null) {
      throw Refusal.badRequest("invalid", "the ballot must be a JSON object, not null", null);
    }
    return ballot;
  }

  /**
   * The crypto module's own reason (e.g. "point is not on the P-256 curve"), never echoing input.
   */
  private static String message(JsonMappingException e) {
    Throwable c = e.getCause();
    if (c instanceof IllegalArgumentException && c.getMessage() != null) {
      return c.getMessage();
    }
    String m = e.getOriginalMessage();
    if (m != null && m.startsWith("invalid ")) {
      return m;
    }
    return "wrong type or shape";
  }
}
