package org.cvote.crypto.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.json.ProtocolJson;
import org.junit.jupiter.api.Test;

/**
 * The committed seeds of {@link BallotDecoderFuzzTest} are valid ballots of {@link FuzzContext} (so
 * the fuzzer starts from inputs that reach every proof). {@code -Dcvote.fuzz.writeSeeds=true}
 * rewrites them.
 */
class FuzzSeedsTest {
  static final Path DIR =
      Path.of(
          "src/test/resources/org/cvote/crypto/fuzz/BallotDecoderFuzzTestInputs/decodeAndVerify");

  @Test
  void seedsAreValidBallots() throws IOException {
    if (Boolean.getBoolean("cvote.fuzz.writeSeeds")) {
      write();
    }
    List<Path> seeds;
    try (Stream<Path> s = Files.list(DIR)) {
      seeds = s.filter(p -> p.getFileName().toString().startsWith("valid-")).sorted().toList();
    }
    assertTrue(seeds.size() >= 3, "valid seeds present in " + DIR);
    for (Path p : seeds) {
      Ballot b = ProtocolJson.mapper().readValue(Files.readAllBytes(p), Ballot.class);
      assertEquals(List.of(), FuzzContext.verifier().verify(b, new SecureRandom()), p.toString());
    }
  }

  private static void write() throws IOException {
    SecureRandom rng = new SecureRandom();
    Files.createDirectories(DIR);
    int[][] choices = {{0, 1}, {2, BallotEncryptor.BLANK}, {1, 2}};
    for (int i = 0; i < choices.length; i++) {
      byte[] msg = new byte[32 + 14 + 2 + FuzzContext.POLL.length() + 32];
      rng.nextBytes(msg);
      byte[] sig = new byte[384];
      rng.nextBytes(sig);
      Ballot b =
          BallotEncryptor.encrypt(
                  FuzzContext.POLL,
                  FuzzContext.Q,
                  FuzzContext.K,
                  new Ballot.Token(msg, sig),
                  choices[i],
                  rng)
              .ballot();
      Files.write(
          DIR.resolve("valid-" + (i + 1) + ".json"), ProtocolJson.mapper().writeValueAsBytes(b));
    }
  }
}
