package org.cvote.crypto.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.context.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElectionFixtureTest {
    @TempDir
    Path tmp;

    @Test
    void writesAReadableSignedRecord() throws Exception {
        ElectionFixture.Result r = ElectionFixture.write(ElectionFixture.Spec.small(), tmp);
        for (String f : RecordFiles.ALL) {
            assertTrue(Files.exists(tmp.resolve(f)), f);
        }
        Manifest m = RecordJson.lenient().readValue(tmp.resolve(RecordFiles.MANIFEST).toFile(), Manifest.class);
        assertEquals(m.hash(), RecordJson.lenient().readValue(tmp.resolve(RecordFiles.CONTEXT).toFile(), ContextFile.class).manifestHash());
        List<String> lines = Files.readAllLines(tmp.resolve(RecordFiles.BALLOTS));
        assertEquals(12, lines.size());
        RecordedBallot b = RecordJson.strict().readValue(lines.get(0), RecordedBallot.class);
        assertEquals(1, b.index());
        assertEquals(r.chain().get(0), b.chain());
        TallyFile t = RecordJson.lenient().readValue(tmp.resolve(RecordFiles.TALLY).toFile(), TallyFile.class);
        assertEquals(12, t.collected());
        List<byte[]> files = new java.util.ArrayList<>();
        for (String f : RecordFiles.SIGNED) {
            files.add(Files.readAllBytes(tmp.resolve(f)));
        }
        assertTrue(RecordSignature.verify(r.signingPublicKey(), RecordSignature.digestOfFiles(files),
                RecordSignature.parse(Files.readAllBytes(tmp.resolve(RecordFiles.SIGNATURE)))));
    }

    @Test
    void recordWriterRefusesBallotsOutOfOrder() throws Exception {
        Path src = tmp.resolve("src");
        ElectionFixture.write(ElectionFixture.Spec.small().withBallots(2), src);
        RecordedBallot second = RecordJson.strict().readValue(Files.readAllLines(src.resolve(RecordFiles.BALLOTS)).get(1),
                RecordedBallot.class);
        try (RecordWriter w = RecordWriter.create(tmp.resolve("out"))) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> w.ballot(second));
        }
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        RecordWriter.zip(src, zip);
        try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.toByteArray()))) {
            int n = 0;
            while (z.getNextEntry() != null) {
                n++;
            }
            assertEquals(10, n);
        }
    }

    @Test
    void writesTheEmptyPoll() throws Exception {
        ElectionFixture.write(ElectionFixture.Spec.small().withBallots(0), tmp);
        // version 2: the version 1 fields first, byte for byte, then the closing statement of the empty board (N = 0, T_0)
        String agg = Files.readString(tmp.resolve(RecordFiles.AGGREGATE));
        assertTrue(agg.startsWith("{\"count\":0,\"rows\":[],\"version\":2,\"closing\":{\"poll\":\"poll-2026-hdnd\",\"Q\":\""), agg);
        var cs = RecordJson.strict().treeToValue(RecordJson.lenient().readTree(agg).get("closing"), ClosingStatement.class);
        assertEquals(0, cs.count());
        assertEquals(org.cvote.crypto.ballot.BallotHashes.chainStart(cs.q()), cs.head());
        assertEquals("{\"members\":[],\"shares\":[],\"partials\":[]}", Files.readString(tmp.resolve(RecordFiles.DECRYPTION)));
        assertEquals(0, Files.size(tmp.resolve(RecordFiles.BALLOTS)));
    }
}
