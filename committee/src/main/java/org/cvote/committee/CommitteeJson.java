package org.cvote.committee;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.cvote.crypto.json.ProtocolJson;

/**
 * JSON for committee messages and state: the protocol's strict hex codecs, unknown and duplicate
 * fields rejected, absent optional fields allowed (null), nulls not written.
 */
public final class CommitteeJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(ProtocolJson.module())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private CommitteeJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
