package org.cvote.tools.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs the v1-against-v2 ballot figures once (printed, never timed-asserted) and checks what does
 * not depend on the machine: every measured ballot verified (the bench throws otherwise), and a
 * version 2 ballot of 5 subjects is at most 55 % of the bytes of a version 1 ballot (one ciphertext
 * and 8 proof points a row instead of 3 and 16).
 */
class BallotV2BenchTest {
  @Test
  void printsTheFiguresAndVersion2IsAboutHalfTheBytes() {
    BallotV2Bench.Figures f = BallotV2Bench.run(5, 60);
    f.print();
    assertTrue(f.bytesV2() * 100 <= f.bytesV1() * 55, f.bytesV2() + " vs " + f.bytesV1());
    assertTrue(f.batchedV1PerS() > 0 && f.batchedV2PerS() > 0);
  }
}
