package org.cvote.server.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.server.refusal.Refusal;

/**
 * Turns what Jackson says about a request body into the API's 400 {@code {error, message, field}},
 * the same way for the ballot and every other JSON route: {@code malformed_json} for text that is
 * not JSON (also when databind wraps the parser's error, which it does for anything found inside an
 * object), {@code duplicate_key}, {@code unknown_field}, {@code missing} and {@code invalid}, each
 * naming the JSON path. Messages never quote the input.
 */
public final class JsonProblems {
  private JsonProblems() {}

  /**
   * JSON on the wire is UTF-8 (RFC 8259 §8.1). Jackson would quietly detect UTF-16 or UTF-32 (from
   * a byte-order mark or zero bytes) and accept the same ballot in several byte forms; UTF-8 text
   * never contains a zero byte, so refusing those and any byte-order mark leaves exactly one form.
   */
  public static void requireUtf8(byte[] body) {
    if (body.length > 0
        && ((body[0] & 0xff) == 0xef || (body[0] & 0xff) == 0xfe || (body[0] & 0xff) == 0xff)) {
      throw Refusal.badRequest(
          "malformed_json", "the body must be UTF-8 JSON without a byte-order mark", null);
    }
    for (byte b : body) {
      if (b == 0) {
        throw Refusal.badRequest(
            "malformed_json", "the body must be UTF-8 JSON (it contains a zero byte)", null);
      }
    }
  }

  /** {@code reason} gives the message of a value that parsed as JSON but does not fit its field. */
  public static Refusal of(
      JsonProcessingException e, Function<JsonMappingException, String> reason) {
    if (e instanceof UnrecognizedPropertyException u) {
      return Refusal.badRequest(
          "unknown_field", "unknown field '" + clip(u.getPropertyName()) + "'", mappingPath(u));
    }
    JsonProcessingException syntax = syntaxCause(e);
    if (syntax != null) {
      // the more specific of where the parser stood and where databind was
      String field = parserPath(syntax);
      String mapped = e instanceof JsonMappingException m ? mappingPath(m) : null;
      if (field == null || (mapped != null && mapped.length() > field.length())) {
        field = mapped;
      }
      String original = syntax.getOriginalMessage();
      if (original != null && original.startsWith("Duplicate field")) {
        return Refusal.badRequest("duplicate_key", "duplicate key", field);
      }
      if (syntax instanceof StreamConstraintsException) {
        return Refusal.badRequest(
            "malformed_json", "JSON nested too deeply or a value too long", field);
      }
      JsonLocation at = syntax.getLocation();
      String where =
          at == null || at.getLineNr() < 0
              ? ""
              : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return Refusal.badRequest("malformed_json", "malformed JSON" + where, field);
    }
    if (e instanceof JsonMappingException m) {
      String original = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
      // databind has no exception type of its own for these two: its messages are the only signal
      if (m instanceof InvalidNullException
          || original.startsWith("Missing creator property")
          || original.startsWith("Missing required creator property")
          || original.startsWith("Null value for creator property")) {
        return Refusal.missing(mappingPath(m));
      }
      if (original.startsWith("Trailing token")) {
        return Refusal.badRequest("malformed_json", "content after the JSON value", null);
      }
      return Refusal.badRequest("invalid", reason.apply(m), mappingPath(m));
    }
    return Refusal.badRequest("malformed_json", "malformed JSON", null);
  }

  /**
   * The parser's own error (not JSON, duplicate key, nesting limit), also when databind wrapped it.
   */
  private static JsonProcessingException syntaxCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // a number out of range for its field is well-formed JSON with a wrong value: "invalid", not
      // syntax
      if (t instanceof InputCoercionException) {
        return null;
      }
      if (t instanceof JsonProcessingException j && !(t instanceof JsonMappingException)) {
        return j;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  static String mappingPath(JsonMappingException e) {
    String p = ProtocolJson.fieldPath(e);
    return p.isEmpty() ? null : p;
  }

  /** Where the parser stood when it failed: {@code rows[0].options[0].alpha}. */
  static String parserPath(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser p)) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.add("." + c.getCurrentName());
      } else if (c.inArray()) {
        parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    Collections.reverse(parts);
    String s = String.join("", parts);
    if (s.startsWith(".")) {
      s = s.substring(1);
    }
    return s.isEmpty() ? null : clip(s);
  }

  private static String clip(String s) {
    return s == null || s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
