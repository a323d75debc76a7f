package org.cvote.crypto.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.Function;
import org.cvote.crypto.encoding.EncodingException;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;

/**
 * The protocol's JSON (docs/protocol.md §1, §13): bytes, points, scalars and hashes as strict
 * lowercase hex; unknown and duplicate fields, missing fields, coerced scalars and trailing content
 * rejected. {@link #fieldPath} turns a Jackson error into the JSON path the API reports in "field".
 */
public final class ProtocolJson {
  private static final ObjectMapper STRICT = build();

  private ProtocolJson() {}

  /** The shared strict mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return STRICT;
  }

  /**
   * Decodes protocol JSON from bytes, which must be UTF-8 (docs/protocol.md §1). Jackson on its own
   * detects UTF-16 and UTF-32 from a byte-order mark or zero bytes, accepts those, and reports a
   * bad UTF-32 character as a plain {@code IOException}; UTF-8 JSON text never contains a zero byte
   * or starts with a byte-order mark, so refusing both leaves one encoding, and every refusal is a
   * {@link JsonProcessingException}.
   */
  public static <T> T decode(byte[] json, Class<T> type) throws JsonProcessingException {
    requireUtf8(json);
    try {
      return STRICT.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // not reachable for UTF-8 input from a byte array; kept so the contract holds whatever
      // Jackson does
      throw new JsonParseException(null, "unreadable JSON: " + e.getClass().getSimpleName(), e);
    }
  }

  public static SimpleModule module() {
    SimpleModule m = new SimpleModule("cvote-protocol");
    m.addSerializer(Point.class, hexSerializer(Point::toHex));
    m.addSerializer(Scalar.class, hexSerializer(Scalar::toHex));
    m.addSerializer(Digest.class, hexSerializer(Digest::toHex));
    m.addSerializer(byte[].class, hexSerializer(Hex::encode));
    m.addDeserializer(Point.class, hexDeserializer(Point::fromHex, "point"));
    m.addDeserializer(Scalar.class, hexDeserializer(Scalar::fromHex, "scalar"));
    m.addDeserializer(Digest.class, hexDeserializer(Digest::fromHex, "hash"));
    m.addDeserializer(byte[].class, hexDeserializer(Hex::decode, "bytes"));
    return m;
  }

  private static ObjectMapper build() {
    JsonFactory factory = JsonFactory.builder().build();
    return JsonMapper.builder(factory)
        .addModule(module())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  private static <T> JsonSerializer<T> hexSerializer(Function<T, String> f) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider sp) throws IOException {
        gen.writeString(f.apply(value));
      }
    };
  }

  private static <T> JsonDeserializer<T> hexDeserializer(Function<String, T> f, String what) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          throw JsonMappingException.from(p, what + " must be a lowercase hex string");
        }
        try {
          return f.apply(p.getText());
        } catch (EncodingException e) {
          throw JsonMappingException.from(p, "invalid " + what + ": " + e.getMessage(), e);
        }
      }
    };
  }

  /**
   * Refuses bytes that Jackson would read as UTF-16/32 (a byte-order mark or a zero byte); see
   * {@link #decode}.
   */
  public static void requireUtf8(byte[] json) throws JsonParseException {
    if (json.length > 0
        && ((json[0] & 0xff) == 0xef || (json[0] & 0xff) == 0xfe || (json[0] & 0xff) == 0xff)) {
      throw new JsonParseException(null, "JSON must be UTF-8 without a byte-order mark");
    }
    for (byte b : json) {
      if (b == 0) {
        throw new JsonParseException(null, "JSON must be UTF-8 (found a zero byte)");
      }
    }
  }

  /** "rows[2].options[0].alpha" for the place a mapping error occurred; "" at the root. */
  public static String fieldPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
