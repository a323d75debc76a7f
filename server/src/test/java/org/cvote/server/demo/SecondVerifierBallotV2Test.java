package org.cvote.server.demo;

import java.nio.file.Path;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.testkit.fixture.ElectionFixtureV2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent (Python) verifier accepts a ballot version 2 record made by the Java crypto core
 * (docs/protocol.md §16: its own framing of the v2 hashes, its own check of the 4-branch row proof,
 * the packed counts and B = summoned + 1), and its tamper suite catches every v2 change of issue 24
 * — a row encrypting 2 or B + 1, a wrong branch, a relabelled row, a row proved under another B —
 * each by its own check, with a record of no ballot accepted too.
 */
class SecondVerifierBallotV2Test {
  @TempDir Path dir;

  @Test
  void aBallotVersion2RecordIsAcceptedAndEveryChangeIsCaught() throws Exception {
    Path record = dir.resolve("v2");
    ElectionFixtureV2.write(ElectionFixture.Spec.small(), record);
    SecondVerifier.accepts(record);
    SecondVerifier.catchesEveryChange(record);
  }

  @Test
  void aBallotVersion2RecordWithNoBallotIsAccepted() throws Exception {
    Path record = dir.resolve("empty");
    ElectionFixtureV2.write(ElectionFixture.Spec.small().withBallots(0), record);
    SecondVerifier.accepts(record);
  }
}
