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
    void writesTheEmptyPoll() throws Exception {
        ElectionFixture.write(ElectionFixture.Spec.small().withBallots(0), tmp);
        assertEquals("{\"count\":0,\"rows\":[]}", Files.readString(tmp.resolve(RecordFiles.AGGREGATE)));
        assertEquals("{\"members\":[],\"shares\":[]}", Files.readString(tmp.resolve(RecordFiles.DECRYPTION)));
        assertEquals(0, Files.size(tmp.resolve(RecordFiles.BALLOTS)));
    }
}
