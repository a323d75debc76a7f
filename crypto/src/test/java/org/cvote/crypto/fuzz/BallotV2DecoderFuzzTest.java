package org.cvote.crypto.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.json.ProtocolJson;

/**
 * {@link BallotDecoderFuzzTest} for ballot version 2 (docs/protocol.md §16.2–§16.3): bytes → strict
 * decoding → {@link BallotV2Verifier} under {@link FuzzContextV2}'s B. The decoder only ever
 * refuses with a {@link JsonProcessingException}; the verifier never throws; an accepted ballot
 * re-encodes canonically and carried exactly the canonical values. Seeds ({@code
 * BallotV2DecoderFuzzTestInputs/decodeAndVerify/}): valid ballots and the tamper cases of issue 24,
 * written and checked by {@link FuzzSeedsV2Test}.
 */
class BallotV2DecoderFuzzTest {
  private static final ObjectMapper JSON = ProtocolJson.mapper();
  private static final BallotV2Verifier VERIFIER = FuzzContextV2.verifier();
  private static final SecureRandom RNG = new SecureRandom();

  @FuzzTest(maxDuration = "3s")
  void decodeAndVerify(byte[] input) throws IOException {
    BallotV2 ballot;
    try {
      ballot = ProtocolJson.decode(input, BallotV2.class);
    } catch (JsonProcessingException e) {
      return;
    }
    if (ballot == null) {
      return;
    }
    List<BallotVerifier.Problem> structure = VERIFIER.checkStructure(ballot);
    List<BallotVerifier.Problem> all = VERIFIER.verify(ballot, RNG);
    if (!structure.isEmpty()) {
      assertEquals(structure, all, "verify reports the structure problems first");
      return;
    }
    if (!all.isEmpty()) {
      return;
    }
    byte[] canonical = JSON.writeValueAsBytes(ballot);
    BallotV2 again = ProtocolJson.decode(canonical, BallotV2.class);
    assertArrayEquals(
        canonical, JSON.writeValueAsBytes(again), "the canonical encoding is a fixed point");
    assertEquals(ballot.hash(FuzzContextV2.Q), again.hash(FuzzContextV2.Q));
    assertEquals(
        JSON.readTree(input),
        JSON.readTree(canonical),
        "an accepted input carries exactly the canonical values");
    assertEquals(List.of(), VERIFIER.verify(again, RNG), "the re-decoded ballot verifies too");
  }
}
