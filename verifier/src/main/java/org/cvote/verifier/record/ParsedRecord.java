package org.cvote.verifier.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.AggregateFileV2;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.crypto.record.RecordJson;
import org.cvote.crypto.record.SigningKeyFile;
import org.cvote.crypto.record.TallyFile;
import org.cvote.crypto.record.TokenKeyFile;
import org.cvote.verifier.report.Report;

/**
 * The record's small files, read and decoded (ballots.ndjson is streamed separately). A file that
 * is not UTF-8 JSON makes the record unreadable (exit 2); a file that is JSON but does not decode
 * (bad hex, a point off the curve, a missing or duplicate field...) is a V1 failure naming the file
 * and field, and its value here is null so the checks that need it report that they could not run.
 */
public final class ParsedRecord {
  /** Syntax only: duplicates allowed here (they are a V1 failure, found when decoding). */
  static final ObjectMapper SYNTAX =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Map<String, byte[]> bytes;
  private final Manifest manifest;
  private final ContextFile context;
  private final CommitteeFile committee;
  private final TokenKeyFile tokenKey;
  private final AggregateFile aggregate;

  /**
   * The manifest's ballot version (docs/protocol.md §16.1): empty = 1, B = 2; null when it has no
   * reading (V1).
   */
  private final java.util.Optional<EncodingV2> encoding;

  /**
   * aggregate.json of a ballot version 2 record (one ciphertext per subject); {@link #aggregate} is
   * then null.
   */
  private final AggregateFileV2 aggregateV2;

  private final DecryptionFile decryption;
  private final TallyFile tally;
  private final SigningKeyFile signingKey;
  private final byte[] recordSig; // raw file bytes

  private ParsedRecord(Map<String, byte[]> bytes, Report report) {
    this.bytes = Collections.unmodifiableMap(bytes);
    this.recordSig = bytes.get(RecordFiles.SIGNATURE);
    ObjectMapper m = RecordJson.lenient();
    this.manifest = decode(m, bytes, RecordFiles.MANIFEST, Manifest.class, report);
    this.context = decode(m, bytes, RecordFiles.CONTEXT, ContextFile.class, report);
    this.committee = decode(m, bytes, RecordFiles.COMMITTEE, CommitteeFile.class, report);
    this.tokenKey = decode(m, bytes, RecordFiles.TOKEN_KEY, TokenKeyFile.class, report);
    this.encoding = ballotVersion(bytes, report);
    boolean v2 = encoding != null && encoding.isPresent();
    this.aggregate =
        v2 ? null : decode(m, bytes, RecordFiles.AGGREGATE, AggregateFile.class, report);
    this.aggregateV2 =
        v2 ? decode(m, bytes, RecordFiles.AGGREGATE, AggregateFileV2.class, report) : null;
    this.decryption = decode(m, bytes, RecordFiles.DECRYPTION, DecryptionFile.class, report);
    this.tally = decode(m, bytes, RecordFiles.TALLY, TallyFile.class, report);
    this.signingKey = decode(m, bytes, RecordFiles.SIGNING_KEY, SigningKeyFile.class, report);
  }

  /**
   * Reads every small file of {@code src}; a file that is not UTF-8 JSON makes the record
   * unreadable, a file that does not decode is a V1 failure in {@code report} and null here.
   */
  public static ParsedRecord read(RecordSource src, Report report)
      throws UnreadableRecordException {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    for (String f : RecordFiles.ALL) {
      if (f.equals(RecordFiles.BALLOTS)) {
        continue;
      }
      byte[] b = src.read(f);
      bytes.put(f, b);
      if (f.equals(RecordFiles.SIGNATURE)) {
        continue;
      }
      String text = utf8(f, b);
      try {
        SYNTAX.readTree(text);
      } catch (JsonProcessingException e) {
        throw new UnreadableRecordException(
            f
                + " is not valid JSON: "
                + e.getOriginalMessage()
                + " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")",
            e);
      }
    }
    return new ParsedRecord(bytes, report);
  }

  /**
   * The raw bytes of each small file read, by record file name (read-only; the arrays are the
   * record's own).
   */
  public Map<String, byte[]> bytes() {
    return bytes;
  }

  public Manifest manifest() {
    return manifest;
  }

  public ContextFile context() {
    return context;
  }

  public CommitteeFile committee() {
    return committee;
  }

  public TokenKeyFile tokenKey() {
    return tokenKey;
  }

  public AggregateFile aggregate() {
    return aggregate;
  }

  /**
   * Empty for ballot version 1, the base B for version 2, null when manifest.json's version fields
   * are broken.
   */
  public java.util.Optional<EncodingV2> encoding() {
    return encoding;
  }

  public AggregateFileV2 aggregateV2() {
    return aggregateV2;
  }

  /**
   * manifest.json's ballotVersion and base (§16.1); null, with a V1 failure, when they have no
   * reading.
   */
  private static java.util.Optional<EncodingV2> ballotVersion(
      Map<String, byte[]> bytes, Report report) {
    try {
      return BallotVersion.of(SYNTAX.readTree(bytes.get(RecordFiles.MANIFEST)));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      report.fail(
          CheckId.V1, RecordFiles.MANIFEST + " " + m.substring(0, Math.max(0, m.indexOf(':'))), m);
    } catch (java.io.IOException e) {
      report.fail(CheckId.V1, RecordFiles.MANIFEST, e.getMessage());
    }
    return null;
  }

  public DecryptionFile decryption() {
    return decryption;
  }

  public TallyFile tally() {
    return tally;
  }

  public SigningKeyFile signingKey() {
    return signingKey;
  }

  /** record.sig's raw bytes (a copy). */
  public byte[] recordSig() {
    return recordSig == null ? null : recordSig.clone();
  }

  public static String utf8(String file, byte[] b) throws UnreadableRecordException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableRecordException(file + " is not UTF-8 text", e);
    }
  }

  private static <T> T decode(
      ObjectMapper m, Map<String, byte[]> bytes, String file, Class<T> type, Report report) {
    report.count(CheckId.V1, 1);
    try {
      return m.readValue(bytes.get(file), type);
    } catch (JsonMappingException e) {
      String path = ProtocolJson.fieldPath(e);
      report.fail(CheckId.V1, file + (path.isEmpty() ? "" : " " + path), describe(e));
    } catch (JsonProcessingException e) {
      report.fail(CheckId.V1, file, describe(e));
    } catch (java.io.IOException e) {
      report.fail(CheckId.V1, file, e.getMessage());
    }
    return null;
  }

  /** The root cause's message, without Jackson's source excerpt. */
  public static String describe(JsonProcessingException e) {
    Throwable t = e;
    while (t.getCause() != null
        && t.getCause() != t
        && !(t.getCause() instanceof JsonProcessingException)) {
      t = t.getCause();
    }
    String msg = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    if (msg == null) {
      msg = e.getOriginalMessage();
    }
    int nl = msg.indexOf('\n');
    return nl >= 0 ? msg.substring(0, nl) : msg;
  }
}
