package org.cvote.committee;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cvote.crypto.json.ProtocolJson;

/**
 * JSON for committee messages and state: the protocol's strict mapper (hex codecs, unknown and
 * duplicate fields rejected, no coercion, no trailing content), except that absent optional fields
 * are allowed (null) and nulls are not written.
 */
public final class CommitteeJson {
  private static final ObjectMapper MAPPER =
      ProtocolJson.mapper()
          .copy()
          .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private CommitteeJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
