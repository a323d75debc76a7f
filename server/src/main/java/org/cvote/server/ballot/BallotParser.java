package org.cvote.server.ballot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.server.json.JsonProblems;
import org.cvote.server.refusal.Refusal;

/**
 * Parses a ballot with the crypto module's strict protocol mapper: unknown or duplicate fields, bad
 * hex, points off the curve and scalars ≥ q are all refused with the JSON path named; a body that
 * is not UTF-8 JSON text, or not an object, is refused before anything else looks at it.
 */
public final class BallotParser {
  /** Row fields of a version 1 ballot that a version 2 row does not have (§7.1, §16.2). */
  private static final Set<String> V1_ROW = Set.of("options", "rowProof");

  /** Row fields of a version 2 ballot that a version 1 row does not have. */
  private static final Set<String> V2_ROW = Set.of("alpha", "beta", "proof");

  private BallotParser() {}

  /** A version 1 ballot (§7.1); a version 2 one is refused with 400 {@code invalid}. */
  public static Ballot parse(byte[] body) {
    return parse(body, Ballot.class, V2_ROW, 1);
  }

  /**
   * A version 2 ballot (docs/protocol.md §16.2, crypto's strict {@link BallotV2} reader: exactly
   * four entries per proof array, points on the curve, scalars below q); a version 1 one is refused
   * with 400 {@code invalid} naming the field.
   */
  public static BallotV2 parseV2(byte[] body) {
    return parse(body, BallotV2.class, V1_ROW, 2);
  }

  private static <T> T parse(byte[] body, Class<T> type, Set<String> otherRow, int version) {
    if (body.length == 0) {
      throw Refusal.badRequest("malformed_json", "request body is empty", null);
    }
    JsonProblems.requireUtf8(body);
    T ballot;
    try {
      ballot = ProtocolJson.decode(body, type);
    } catch (JsonProcessingException e) {
      Refusal r = JsonProblems.of(e, BallotParser::message);
      String other = r.field() == null ? null : otherVersionField(body, otherRow);
      if (other != null) {
        // a row of the other ballot version: say so, rather than "unknown" or "missing" field
        throw Refusal.invalid(
            other,
            "a ballot version "
                + (3 - version)
                + " row; this poll takes ballot version "
                + version
                + " ballots only (docs/protocol.md §16.9)");
      }
      throw r;
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
   * On the refusal path only: the first row field of the other ballot version ({@code
   * rows[i].options}, {@code rows[i].alpha}, …), or null.
   */
  private static String otherVersionField(byte[] body, Set<String> otherRow) {
    JsonNode rows;
    try {
      rows = ProtocolJson.mapper().readTree(body).get("rows");
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (rows == null || !rows.isArray()) {
      return null;
    }
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      if (!row.isObject()) {
        continue;
      }
      for (java.util.Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (otherRow.contains(name)) {
          return "rows[" + i + "]." + name;
        }
      }
    }
    return null;
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
