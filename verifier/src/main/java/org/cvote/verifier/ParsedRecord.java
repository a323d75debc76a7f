package org.cvote.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
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

/**
 * The record's small files, read and decoded (ballots.ndjson is streamed separately). A file that is not
 * UTF-8 JSON makes the record unreadable (exit 2); a file that is JSON but does not decode (bad hex, a point
 * off the curve, a missing or duplicate field...) is a V1 failure naming the file and field, and its value
 * here is null so the checks that need it report that they could not run.
 */
public final class ParsedRecord {
    /** Syntax only: duplicates allowed here (they are a V1 failure, found when decoding). */
    static final ObjectMapper SYNTAX = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public final Map<String, byte[]> bytes = new LinkedHashMap<>();
    public Manifest manifest;
    public ContextFile context;
    public CommitteeFile committee;
    public TokenKeyFile tokenKey;
    public AggregateFile aggregate;
    /**
     * The manifest's ballot version (docs/protocol.md §16.1): empty for version 1, the base B for version 2; null when
     * manifest.json or its version fields are broken (a V1 failure).
     */
    public java.util.Optional<EncodingV2> encoding;
    /** aggregate.json of a ballot version 2 record (one ciphertext per subject); {@link #aggregate} is then null. */
    public AggregateFileV2 aggregateV2;
    public DecryptionFile decryption;
    public TallyFile tally;
    public SigningKeyFile signingKey;
    public byte[] recordSig; // raw file bytes

    static ParsedRecord read(RecordSource src, Report report) throws UnreadableRecordException {
        ParsedRecord r = new ParsedRecord();
        for (String f : RecordFiles.ALL) {
            if (f.equals(RecordFiles.BALLOTS)) {
                continue;
            }
            byte[] b = src.read(f);
            r.bytes.put(f, b);
            if (f.equals(RecordFiles.SIGNATURE)) {
                r.recordSig = b;
                continue;
            }
            String text = utf8(f, b);
            try {
                SYNTAX.readTree(text);
            } catch (JsonProcessingException e) {
                throw new UnreadableRecordException(f + " is not valid JSON: " + e.getOriginalMessage()
                        + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
            }
        }
        ObjectMapper m = RecordJson.lenient();
        r.manifest = decode(m, r, RecordFiles.MANIFEST, Manifest.class, report);
        r.context = decode(m, r, RecordFiles.CONTEXT, ContextFile.class, report);
        r.committee = decode(m, r, RecordFiles.COMMITTEE, CommitteeFile.class, report);
        r.tokenKey = decode(m, r, RecordFiles.TOKEN_KEY, TokenKeyFile.class, report);
        r.encoding = ballotVersion(r, report);
        if (r.encoding != null && r.encoding.isPresent()) {
            r.aggregateV2 = decode(m, r, RecordFiles.AGGREGATE, AggregateFileV2.class, report);
        } else {
            r.aggregate = decode(m, r, RecordFiles.AGGREGATE, AggregateFile.class, report);
        }
        r.decryption = decode(m, r, RecordFiles.DECRYPTION, DecryptionFile.class, report);
        r.tally = decode(m, r, RecordFiles.TALLY, TallyFile.class, report);
        r.signingKey = decode(m, r, RecordFiles.SIGNING_KEY, SigningKeyFile.class, report);
        return r;
    }

    /** manifest.json's ballotVersion and base (§16.1); null, with a V1 failure, when they have no reading. */
    private static java.util.Optional<EncodingV2> ballotVersion(ParsedRecord r, Report report) {
        try {
            return BallotVersion.of(SYNTAX.readTree(r.bytes.get(RecordFiles.MANIFEST)));
        } catch (IllegalArgumentException e) {
            report.fail(CheckId.V1, RecordFiles.MANIFEST + " " + e.getMessage().substring(0, e.getMessage().indexOf(':')), e.getMessage());
        } catch (java.io.IOException e) {
            report.fail(CheckId.V1, RecordFiles.MANIFEST, e.getMessage());
        }
        return null;
    }

    static String utf8(String file, byte[] b) throws UnreadableRecordException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableRecordException(file + " is not UTF-8 text", e);
        }
    }

    private static <T> T decode(ObjectMapper m, ParsedRecord r, String file, Class<T> type, Report report) {
        report.count(CheckId.V1, 1);
        try {
            return m.readValue(r.bytes.get(file), type);
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
    static String describe(JsonProcessingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t.getCause() instanceof JsonProcessingException)) {
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
