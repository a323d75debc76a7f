package org.cvote.crypto.record;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What record version 2 adds, as extra fields of files that allow them (docs/protocol.md §9.5):
 * aggregate.json gains {@code "version": 2} and {@code "closing"} (the signed closing statement);
 * decryption.json gains {@code "partials"} (each member of U's signature over its partial
 * decryption of that board). Every field of version 1 keeps its bytes and its place, so M, Q, B_k,
 * T_k and record.sig's eight-file input are unchanged; a record without {@code "version"} is
 * version 1.
 */
public record ClosingRecord(ClosingStatement statement, List<PartialSignature> partials) {
  public static final int VERSION = 2;
  public static final String VERSION_FIELD = "version";
  public static final String CLOSING_FIELD = "closing";
  public static final String PARTIALS_FIELD = "partials";

  public ClosingRecord {
    Objects.requireNonNull(statement, "closing statement");
    partials = List.copyOf(Objects.requireNonNull(partials, "partials"));
  }

  /** aggregate.json of version 2: the version 1 fields, then "version" and "closing". */
  public ObjectNode aggregateJson(AggregateFile aggregate) {
    ObjectNode n = RecordJson.strict().valueToTree(Objects.requireNonNull(aggregate, "aggregate"));
    n.put(VERSION_FIELD, VERSION);
    n.set(CLOSING_FIELD, RecordJson.strict().valueToTree(statement));
    return n;
  }

  /**
   * aggregate.json of a ballot version 2 record (docs/protocol.md §16.6): its fields, then
   * "version" and "closing".
   */
  public ObjectNode aggregateJson(AggregateFileV2 aggregate) {
    ObjectNode n = RecordJson.strict().valueToTree(Objects.requireNonNull(aggregate, "aggregate"));
    n.put(VERSION_FIELD, VERSION);
    n.set(CLOSING_FIELD, RecordJson.strict().valueToTree(statement));
    return n;
  }

  /**
   * decryption.json of version 2: the version 1 fields, then "partials" (one per member of U, in
   * U's order).
   */
  public ObjectNode decryptionJson(DecryptionFile decryption) {
    ObjectNode n =
        RecordJson.strict().valueToTree(Objects.requireNonNull(decryption, "decryption"));
    ArrayNode a = n.putArray(PARTIALS_FIELD);
    for (PartialSignature p : partials) {
      a.add(RecordJson.strict().valueToTree(p));
    }
    return n;
  }
}
