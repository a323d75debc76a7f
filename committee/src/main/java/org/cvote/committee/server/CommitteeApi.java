package org.cvote.committee.server;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CommitPost;
import org.cvote.committee.ceremony.ComplaintPost;
import org.cvote.committee.ceremony.ConfirmPost;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.ceremony.RevealPost;
import org.cvote.committee.ceremony.SharesPost;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.crypto.json.ProtocolJson;

/**
 * The committee routes of committee/API.md as one framework-free function, so any HTTP server
 * (Helidon in the server module, the JDK's in tests) wires them in a few lines: {@code
 * handle(method, pollId, rest, body)} with {@code rest} the path after {@code /api/polls/{id}/}.
 * Errors are {"error","message","field"} with a 4xx status (docs/protocol.md §12); never a 5xx for
 * bad input.
 */
public final class CommitteeApi {
  public record Response(int status, byte[] body) {
    public static final String CONTENT_TYPE = "application/json";
  }

  private final CeremonyCoordinator ceremonies;
  private final DecryptionDesk desk;
  private final TallySource source;

  public CommitteeApi(CeremonyCoordinator ceremonies, DecryptionDesk desk, TallySource source) {
    this.ceremonies = Objects.requireNonNull(ceremonies);
    this.desk = desk;
    this.source = source;
  }

  public Response handle(String method, String pollId, String rest, byte[] body) {
    try {
      return switch (method + " " + rest) {
        case "POST committee/members" ->
            ok(Map.of("fingerprint", ceremonies.register(pollId, read(body, Registration.class))));
        case "GET committee/ceremony" -> ok(ceremonies.view(pollId));
        case "POST committee/ceremony/commit" ->
            done(() -> ceremonies.commit(pollId, read(body, CommitPost.class)));
        case "POST committee/ceremony/reveal" ->
            done(() -> ceremonies.reveal(pollId, read(body, RevealPost.class)));
        case "POST committee/ceremony/shares" ->
            done(() -> ceremonies.shares(pollId, read(body, SharesPost.class)));
        case "POST committee/ceremony/complaints" ->
            done(() -> ceremonies.complain(pollId, read(body, ComplaintPost.class)));
        case "POST committee/ceremony/answers" ->
            done(
                () ->
                    ceremonies.answer(
                        pollId, read(body, org.cvote.committee.ceremony.AnswerPost.class)));
        case "POST committee/ceremony/confirm" ->
            done(() -> ceremonies.confirm(pollId, read(body, ConfirmPost.class)));
        case "GET committee/record" -> ok(ceremonies.committeeRecord(pollId));
        case "GET committee/tally-input" -> ok(source.tallyInput(pollId));
        case "POST committee/decryption" ->
            done(() -> desk.submit(pollId, read(body, PartialDecryption.class)));
        default -> error(404, "no_route", "no route " + method + " /api/polls/{id}/" + rest, null);
      };
    } catch (CommitteeException e) {
      return error(e.status(), e.code(), e.getMessage(), e.field());
    } catch (BadJson e) {
      return error(400, "bad_json", e.getMessage(), e.field);
    } catch (IllegalArgumentException e) {
      return error(400, "bad_request", e.getMessage(), null);
    }
  }

  private static final class BadJson extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String field;

    BadJson(String message, String field) {
      super(message);
      this.field = field;
    }
  }

  private static <T> T read(byte[] body, Class<T> type) {
    T value;
    try {
      ProtocolJson.requireUtf8(body); // Jackson alone would also read UTF-16/32
      value = CommitteeJson.mapper().readValue(body, type);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException) {
        throw new BadJson("body is not JSON", ProtocolJson.fieldPath(e));
      }
      throw new BadJson(
          "invalid " + type.getSimpleName() + ": " + reason(e), ProtocolJson.fieldPath(e));
    } catch (IOException e) {
      throw new BadJson("body is not UTF-8 JSON", null);
    }
    if (value == null) {
      throw new BadJson("body is not a JSON object", null);
    }
    return value;
  }

  /**
   * The codec's own reason ("invalid point: …"), else a generic one: Jackson's text names classes
   * and settings.
   */
  private static String reason(JsonMappingException e) {
    String m = e.getOriginalMessage();
    if (m != null && m.startsWith("invalid ")) {
      return m;
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'";
    }
    if (m != null && (m.startsWith("Missing") || m.startsWith("Null value"))) {
      return "a required field is missing";
    }
    return "missing or wrong type";
  }

  private static Response ok(Object o) {
    try {
      return new Response(200, CommitteeJson.mapper().writeValueAsBytes(o));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Response done(Runnable r) {
    r.run();
    return ok(Map.of("ok", true));
  }

  private static Response error(int status, String code, String message, String field) {
    ObjectNode n = CommitteeJson.mapper().createObjectNode();
    n.put("error", code);
    n.put("message", message == null ? code : message);
    // always present (null when no field is at fault): the error shape is {error, message, field}
    n.put("field", field == null || field.isEmpty() ? null : field);
    return new Response(status, n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
