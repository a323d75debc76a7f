package org.cvote.crypto.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.json.ProtocolJson;

/**
 * Bytes → {@link ProtocolJson#decode} → {@link BallotVerifier} (structure and every proof), as the
 * server does with a cast body. The only exception the decoder may throw is a {@link
 * JsonProcessingException} (a mapping error names the JSON path); the verifier never throws, it
 * lists problems. A ballot it accepts re-encodes to canonical bytes that decode to the same values
 * and hash (B) to the same ballot hash, and the input held exactly those values (no second encoding
 * of any of them was accepted).
 *
 * <p>Seeds: {@code
 * src/test/resources/org/cvote/crypto/fuzz/BallotDecoderFuzzTestInputs/decodeAndVerify/}, valid
 * ballots for {@link FuzzContext} written by {@link FuzzSeedsTest}. Plain builds replay them and
 * fuzz for a few seconds; {@code JAZZER_FUZZ=1} fuzzes longer (docs/security.md).
 */
class BallotDecoderFuzzTest {
  private static final ObjectMapper JSON = ProtocolJson.mapper();
  private static final BallotVerifier VERIFIER = FuzzContext.verifier();
  private static final SecureRandom RNG = new SecureRandom();

  @FuzzTest(maxDuration = "3s")
  void decodeAndVerify(byte[] input) throws IOException {
    Ballot ballot;
    try {
      ballot = ProtocolJson.decode(input, Ballot.class);
    } catch (JsonProcessingException e) {
      return; // the documented refusal: not JSON, or JSON that is not a ballot
    }
    if (ballot == null) {
      return; // the JSON literal null
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
    Ballot again = ProtocolJson.decode(canonical, Ballot.class);
    assertArrayEquals(
        canonical, JSON.writeValueAsBytes(again), "the canonical encoding is a fixed point");
    assertEquals(
        BallotHashes.ballotHash(FuzzContext.Q, ballot),
        BallotHashes.ballotHash(FuzzContext.Q, again));
    assertEquals(
        JSON.readTree(input),
        JSON.readTree(canonical),
        "an accepted input carries exactly the canonical values");
    assertEquals(List.of(), VERIFIER.verify(again, RNG), "the re-decoded ballot verifies too");
  }
}
