package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cvote.crypto.record.ElectionFixture;
import org.cvote.crypto.record.RecordFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random byte changes anywhere in a record never crash the verifier: every run ends with exit 1 or 2. */
class RobustnessTest {
    @TempDir
    static Path tmp;
    static Path valid;

    @BeforeAll
    static void build() {
        valid = tmp.resolve("valid");
        ElectionFixture.write(ElectionFixture.Spec.small().withBallots(3), valid);
    }

    @Test
    void randomByteChangesAreFailuresNeverCrashes() throws Exception {
        Random rnd = new Random(Long.getLong("robustness.seed", 2026));
        for (int i = 0; i < Integer.getInteger("robustness.iterations", 60); i++) {
            Path d = tmp.resolve("m" + i);
            ElectionFixture.copy(valid, d);
            String file = RecordFiles.ALL.get(rnd.nextInt(RecordFiles.ALL.size()));
            byte[] b = Files.readAllBytes(d.resolve(file));
            int at = rnd.nextInt(b.length);
            byte[] alphabet = "0123456789abcdefABCDEF{}[],:\" \n-x".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            b[at] = rnd.nextBoolean() ? alphabet[rnd.nextInt(alphabet.length)] : (byte) rnd.nextInt(256);
            Files.write(d.resolve(file), b);
            RecordTools.Run r = RecordTools.run(d.toString(), "--threads", "2", "--chunk", "2");
            String why = file + " byte " + at + ": exit " + r.exit() + "\n" + r.out() + r.err();
            assertTrue(r.exit() == 1 || r.exit() == 2 || (r.exit() == 0 && unchangedMeaning(r)), why);
            assertTrue(!r.err().contains("internal error"), why);
        }
        assertEquals(0, RecordTools.run(valid.toString()).exit());
    }

    /** A change can be a no-op (the same byte drawn); then everything still passes. */
    private static boolean unchangedMeaning(RecordTools.Run r) {
        return r.out().contains("RESULT: every check passed");
    }
}
