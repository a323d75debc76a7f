package org.cvote.committee.decrypt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.ballot.RecordedLine;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.ContextFile;

/**
 * The JSON of {@link TallyInput} ({@code GET …/committee/tally-input}, committee/API.md): {@code
 * {"manifest", "context", "tokenSpki"?, "board", "signingKey"?, "closing"?}} (the optional fields
 * parse when absent; a member then refuses the input: {@code tokenSpki}, or {@code closing} for
 * either of the other two). A version 2 manifest carries {@code "ballotVersion": 2} and {@code
 * "base"} after its version 1 fields (docs/protocol.md §16.1); the reader takes the version from
 * the manifest alone (crypto's {@link BallotVersion}) and reads every board line as a line of that
 * version, so a line of the other version is refused naming {@code board[k]}. Version 1 inputs keep
 * their bytes.
 */
final class TallyInputJson {
  private static final Set<String> FIELDS =
      Set.of("manifest", "context", "tokenSpki", "board", "signingKey", "closing");

  private TallyInputJson() {}

  static final class Writer extends StdSerializer<TallyInput> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(TallyInput.class);
    }

    @Override
    public void serialize(TallyInput in, JsonGenerator g, SerializerProvider sp)
        throws IOException {
      g.writeStartObject();
      if (in.encoding() == null) {
        sp.defaultSerializeField("manifest", in.manifest(), g);
      } else {
        ObjectNode m = ProtocolJson.mapper().valueToTree(in.manifest());
        m.put(BallotVersion.VERSION_FIELD, EncodingV2.VERSION);
        m.put(BallotVersion.BASE_FIELD, in.encoding().base());
        sp.defaultSerializeField("manifest", m, g);
      }
      sp.defaultSerializeField("context", in.context(), g);
      if (in.tokenSpki() != null) {
        sp.defaultSerializeField("tokenSpki", in.tokenSpki(), g);
      }
      g.writeArrayFieldStart("board");
      for (RecordedLine line : in.lines()) {
        sp.defaultSerializeValue(line, g);
      }
      g.writeEndArray();
      if (in.signingKey() != null) {
        sp.defaultSerializeField("signingKey", in.signingKey(), g);
      }
      if (in.closing() != null) {
        sp.defaultSerializeField("closing", in.closing(), g);
      }
      g.writeEndObject();
    }
  }

  static final class Reader extends StdDeserializer<TallyInput> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(TallyInput.class);
    }

    @Override
    public TallyInput deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode n = ctx.readTree(p);
      if (!n.isObject()) {
        throw JsonMappingException.from(p, "the tally input must be a JSON object");
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!FIELDS.contains(f)) {
          throw JsonMappingException.from(p, "unknown field \"" + f + "\" in the tally input");
        }
      }
      JsonNode mn = required(p, n, "manifest");
      if (!mn.isObject()) {
        throw JsonMappingException.from(p, "manifest: must be a JSON object");
      }
      ObjectNode manifestJson = ((ObjectNode) mn).deepCopy();
      EncodingV2 encoding;
      try {
        encoding = BallotVersion.of(manifestJson).orElse(null);
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, "manifest." + e.getMessage());
      }
      manifestJson.remove(BallotVersion.VERSION_FIELD);
      manifestJson.remove(BallotVersion.BASE_FIELD);
      Manifest manifest = value(p, ctx, manifestJson, Manifest.class, "manifest");
      ContextFile context = value(p, ctx, required(p, n, "context"), ContextFile.class, "context");
      byte[] spki = optional(p, ctx, n, "tokenSpki", byte[].class);
      JsonNode board = required(p, n, "board");
      if (!board.isArray()) {
        throw JsonMappingException.from(p, "board: must be an array of ballot lines");
      }
      Class<? extends RecordedLine> type =
          encoding == null ? RecordedBallot.class : RecordedBallotV2.class;
      List<RecordedLine> lines = new ArrayList<>(board.size());
      for (int k = 0; k < board.size(); k++) {
        lines.add(value(p, ctx, board.get(k), type, "board[" + k + "]"));
      }
      byte[] signingKey = optional(p, ctx, n, "signingKey", byte[].class);
      ClosingStatement closing = optional(p, ctx, n, "closing", ClosingStatement.class);
      try {
        return new TallyInput(manifest, encoding, context, spki, lines, signingKey, closing);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw JsonMappingException.from(p, e.getMessage());
      }
    }

    private static JsonNode required(JsonParser p, JsonNode n, String field)
        throws JsonMappingException {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        throw JsonMappingException.from(p, field + ": missing in the tally input");
      }
      return v;
    }

    private static <T> T optional(
        JsonParser p, DeserializationContext ctx, JsonNode n, String field, Class<T> type)
        throws IOException {
      JsonNode v = n.get(field);
      return v == null || v.isNull() ? null : value(p, ctx, v, type, field);
    }

    private static <T> T value(
        JsonParser p, DeserializationContext ctx, JsonNode v, Class<T> type, String where)
        throws IOException {
      try {
        return ctx.readTreeAsValue(v, type);
      } catch (JsonMappingException e) {
        String path = ProtocolJson.fieldPath(e);
        throw JsonMappingException.from(
            p,
            where
                + (path.isEmpty() ? "" : path.startsWith("[") ? path : "." + path)
                + ": "
                + e.getOriginalMessage(),
            e);
      }
    }
  }
}
