package org.cvote.server.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.cvote.server.refusal.Refusal;

/**
 * Strict JSON: unknown fields, duplicate keys, trailing tokens and type coercions are refused, so
 * one request has exactly one meaning. Errors name the JSON path of the offending field.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .withCoercionConfig(
              LogicalType.Textual,
              cfg ->
                  cfg.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Integer,
              cfg ->
                  cfg.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Boolean,
              cfg ->
                  cfg.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
          .build();

  private Json() {}

  /** Parses a request body into {@code type}, turning every failure into a 400 naming the field. */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw Refusal.badRequest("malformed_json", "request body is empty", null);
    }
    JsonProblems.requireUtf8(body);
    T value;
    try {
      value = MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw JsonProblems.of(e, m -> "wrong type or shape");
    } catch (IOException e) {
      throw Refusal.badRequest("malformed_json", "unreadable body", null);
    }
    if (value == null) {
      throw Refusal.badRequest("invalid", "the body must be a JSON object, not null", null);
    }
    return value;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass(), e);
    }
  }

  /** Parses JSON the server wrote itself (stored context, keysets); a failure is a server bug. */
  public static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  /** The same for UTF-8 JSON bytes the server stored. */
  public static com.fasterxml.jackson.databind.JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  public static <T> T trusted(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
