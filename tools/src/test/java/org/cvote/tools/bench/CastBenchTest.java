package org.cvote.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version 2 cast benchmark against a real server process, with its warm-up spread over two
 * polls (a cap of 25 voters a poll stands in for 10,000 summoned): every cast is accepted (the
 * bench throws otherwise), and the figures exist and are sane (never timed-asserted).
 */
class CastBenchTest {
  @TempDir Path work;

  @Test
  void version2CastsAcrossAWarmupPollAndTheTimedPoll() throws Exception {
    assertEquals(2, CastBench.polls(2, 30, 20, 25).size());
    CastBench.Figures f =
        CastBench.run(
            2, 20, 30, 4, work, new PrintStream(System.out, true, StandardCharsets.UTF_8), 25);
    assertEquals(2, f.version());
    assertEquals(2, f.polls());
    assertEquals(20, f.voters());
    assertTrue(f.castPerSecond() > 0 && f.p50Ms() > 0 && f.p50Ms() <= f.p99Ms(), f.toString());
    assertTrue(f.serverCpuMsPerCast() > 0 && f.castBoundPerSecond() > 0, f.toString());
    // a 5-subject version 2 ballot: 5 rows of 10 points and 8 scalars in hex, and the token
    assertTrue(f.ballotBytes() > 9_000 && f.ballotBytes() < 12_000, "bytes " + f.ballotBytes());
  }
}
