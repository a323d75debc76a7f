package org.cvote.crypto.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version 2 record the fixture writes has the shapes of docs/protocol.md §16 and its ballots and counts hold. */
class ElectionFixtureV2Test {
    @TempDir
    Path dir;

    @Test
    void writesAVersionTwoRecordWhoseBallotsVerifyAndWhoseCountsAreTheTruth() throws Exception {
        ElectionFixture.Result r = ElectionFixtureV2.write(ElectionFixture.Spec.small(), dir);
        JsonNode manifest = RecordJson.lenient().readTree(Files.readAllBytes(dir.resolve(RecordFiles.MANIFEST)));
        JsonNode tally = RecordJson.lenient().readTree(Files.readAllBytes(dir.resolve(RecordFiles.TALLY)));
        JsonNode context = RecordJson.lenient().readTree(Files.readAllBytes(dir.resolve(RecordFiles.CONTEXT)));
        JsonNode aggregate = RecordJson.lenient().readTree(Files.readAllBytes(dir.resolve(RecordFiles.AGGREGATE)));
        JsonNode decryption = RecordJson.lenient().readTree(Files.readAllBytes(dir.resolve(RecordFiles.DECRYPTION)));
        assertEquals(2, manifest.get("ballotVersion").intValue());
        assertEquals(tally.get("summoned").intValue() + 1, manifest.get("base").intValue(), "B = summoned + 1");
        EncodingV2 enc = new EncodingV2(manifest.get("base").intValue());
        Digest q = Digest.fromHex(context.get("Q").asText());
        assertEquals(r.q(), q);
        BallotV2Verifier v = BallotV2Verifier.create(q, Point.fromHex(context.get("jointKey").asText()),
                manifest.get("pollId").asText(), 3, enc);
        List<String> lines = Files.readAllLines(dir.resolve(RecordFiles.BALLOTS), StandardCharsets.UTF_8);
        assertEquals(12, lines.size());
        Digest prev = BallotHashes.chainStart(q);
        for (int k = 0; k < lines.size(); k++) {
            RecordedBallotV2 b = ProtocolJson.decode(lines.get(k).getBytes(StandardCharsets.UTF_8), RecordedBallotV2.class);
            assertEquals(k + 1, b.index());
            assertEquals(List.of(), v.verify(b.ballot(), new SecureRandom()));
            assertEquals(b.ballot().hash(q), b.hash());
            prev = BallotHashes.chainNext(prev, b.hash());
            assertEquals(prev, b.chain());
        }
        assertEquals(3, aggregate.get("rows").size());
        assertEquals(List.of("subject", "alpha", "beta"), fieldNames(aggregate.get("rows").get(0)));
        assertEquals(2, aggregate.get("version").intValue());
        assertEquals(2 * 3, decryption.get("shares").size(), "one share per member of U and subject");
        assertEquals("s1", decryption.get("shares").get(0).get("label").asText());
        for (int s = 0; s < 3; s++) {
            JsonNode c = tally.get("results").get(s).get("counts");
            assertArrayEquals(r.counts()[s], new long[] {c.get(0).longValue(), c.get(1).longValue(), c.get(2).longValue()});
        }
        assertFalse(manifest.get("pollId").asText().isEmpty());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
