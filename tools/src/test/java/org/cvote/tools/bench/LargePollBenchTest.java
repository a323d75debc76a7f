package org.cvote.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The large-poll scenario on a tiny version 2 poll, end to end against a real server process: its
 * figures exist and are sane (never timed-asserted), the tally equals the voters' choices and the
 * published record passes the verifier jar when it is built; and the count check refuses a tally
 * that is off by one.
 */
class LargePollBenchTest {
  @TempDir Path work;

  @Test
  void aSmallVersion2PollRunsEndToEndAndItsRecordVerifies() throws Exception {
    Path jar = Path.of("..", "verifier", "target", "cvote-verify.jar");
    LargePollBench.Figures f =
        LargePollBench.run(
            new LargePollBench.Size(4, 2),
            2,
            work,
            Files.exists(jar) ? jar : null,
            new PrintStream(System.out, true, StandardCharsets.UTF_8));
    assertEquals(2, f.version());
    assertTrue(f.countsMatch(), "the tally equals the simulated voters' choices");
    assertTrue(f.burstSeconds() > 0 && f.burstP50Ms() <= f.burstP99Ms());
    assertTrue(f.ballotsFileBytes() > 4L * f.ballotBytes(), "four lines, each a ballot and more");
    assertEquals(2, f.memberDecryptSeconds().length, "t = 2 members decrypt");
    assertTrue(f.boardCheckCliSeconds() > 0 && f.tallySeconds() > 0 && f.publishSeconds() > 0);
    if (f.verifier() != null) {
      assertTrue(f.verifier().passed(), "the verifier jar passes the published record");
    }
  }

  @Test
  void theCountCheckRefusesATallyOffByOne() throws Exception {
    int[][] choices = {{0, BallotEncryptor.BLANK}, {2, 1}, {0, 1}};
    JsonNode right =
        Http.JSON.readTree(
            "{\"results\":[{\"counts\":[2,0,1]},{\"counts\":[0,2,0]}]}"
                .getBytes(StandardCharsets.UTF_8));
    JsonNode wrong =
        Http.JSON.readTree(
            "{\"results\":[{\"counts\":[2,0,1]},{\"counts\":[1,1,0]}]}"
                .getBytes(StandardCharsets.UTF_8));
    JsonNode short_ =
        Http.JSON.readTree("{\"results\":[{\"counts\":[2,0,1]}]}".getBytes(StandardCharsets.UTF_8));
    assertTrue(LargePollBench.matches(right, choices, 2));
    assertFalse(LargePollBench.matches(wrong, choices, 2));
    assertFalse(LargePollBench.matches(short_, choices, 2), "a subject missing");
  }
}
