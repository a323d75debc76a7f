package org.cvote.crypto.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.cvote.crypto.json.ProtocolJson;

/**
 * JSON of the record files. Ballot lines are strict ({@link ProtocolJson#mapper()}); the other
 * files may carry extra fields (§13), so they are read with {@link #lenient()}, which is the strict
 * mapper (duplicate keys, bad hex, missing fields still rejected) with only unknown fields allowed.
 */
public final class RecordJson {
  private static final ObjectMapper LENIENT =
      ProtocolJson.mapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RecordJson() {}

  public static ObjectMapper lenient() {
    return LENIENT;
  }

  public static ObjectMapper strict() {
    return ProtocolJson.mapper();
  }

  /** A file's bytes: compact UTF-8 JSON with the contract's field order. */
  public static byte[] write(Object value) {
    try {
      return ProtocolJson.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** One ballots.ndjson line without its newline. */
  public static String line(Object value) {
    return new String(write(value), StandardCharsets.UTF_8);
  }
}
