package org.cvote.crypto.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.RowProofV2;
import org.cvote.crypto.proof.RowStatementV2;
import org.junit.jupiter.api.Test;

/**
 * The committed seeds of {@link BallotV2DecoderFuzzTest}: {@code valid-*} are valid ballots of
 * {@link FuzzContextV2}; {@code tamper-*} are the v2 tamper cases of issue 24 (a row encrypting 2
 * or B + 1, a wrong branch, a relabelled row, a row proved under another B), each refused naming
 * exactly its row. {@code -Dcvote.fuzz.writeSeeds=true} rewrites them.
 */
class FuzzSeedsV2Test {
  static final Path DIR =
      Path.of(
          "src/test/resources/org/cvote/crypto/fuzz/BallotV2DecoderFuzzTestInputs/decodeAndVerify");

  /** Seed name → the field the verifier must name. */
  static final Map<String, String> TAMPER =
      Map.of(
          "tamper-row-encrypting-2.json", "rows[1].proof",
          "tamper-row-encrypting-B-plus-1.json", "rows[0].proof",
          "tamper-wrong-branch.json", "rows[1].proof",
          "tamper-relabelled-row.json", "rows[0].proof,rows[1].proof",
          "tamper-other-B.json", "rows[0].proof,rows[1].proof");

  @Test
  void validSeedsVerifyAndEveryTamperSeedIsRefusedNamingItsRow() throws IOException {
    if (Boolean.getBoolean("cvote.fuzz.writeSeeds")) {
      write();
    }
    List<Path> seeds;
    try (Stream<Path> s = Files.list(DIR)) {
      seeds = s.sorted().toList();
    }
    int valid = 0;
    int tamper = 0;
    for (Path p : seeds) {
      String name = p.getFileName().toString();
      if (!name.startsWith("valid-") && !name.startsWith("tamper-")) {
        continue;
      }
      BallotV2 b = ProtocolJson.decode(Files.readAllBytes(p), BallotV2.class);
      List<String> fields =
          FuzzContextV2.verifier().verify(b, new SecureRandom()).stream()
              .map(BallotVerifier.Problem::field)
              .toList();
      if (name.startsWith("valid-")) {
        assertEquals(List.of(), fields, name);
        valid++;
      } else {
        assertEquals(List.of(TAMPER.get(name).split(",")), fields, name);
        tamper++;
      }
    }
    assertTrue(valid >= 3, "valid seeds in " + DIR);
    assertEquals(TAMPER.size(), tamper, "every tamper seed present in " + DIR);
  }

  private static Ballot.Token token(SecureRandom rng) {
    byte[] msg = new byte[32 + 14 + 2 + FuzzContextV2.POLL.length() + 32];
    rng.nextBytes(msg);
    byte[] sig = new byte[384];
    rng.nextBytes(sig);
    return new Ballot.Token(msg, sig);
  }

  private static BallotV2 withRow(
      BallotV2 b, int i, long m, int branch, EncodingV2 proofBase, SecureRandom rng) {
    Scalar r = Scalar.random(rng);
    Ciphertext ct = ElGamal.encrypt(FuzzContextV2.K, m, r);
    RowProofV2 p =
        RowProofV2.prove(
            new RowStatementV2(
                FuzzContextV2.Q,
                BallotHashes.tokenHash(b.token().msg()),
                BallotV2.label(i + 1),
                proofBase,
                FuzzContextV2.K,
                ct),
            branch,
            r,
            rng);
    List<BallotV2.Row> rows = new ArrayList<>(b.rows());
    rows.set(i, new BallotV2.Row(i + 1, ct.alpha(), ct.beta(), p));
    return new BallotV2(b.poll(), b.token(), rows);
  }

  private static void write() throws IOException {
    SecureRandom rng = new SecureRandom();
    EncodingV2 enc = FuzzContextV2.ENCODING;
    Files.createDirectories(DIR);
    int[][] choices = {{0, 1}, {2, BallotV2Encryptor.BLANK}, {1, 2}};
    Map<String, BallotV2> out = new TreeMap<>();
    for (int i = 0; i < choices.length; i++) {
      out.put(
          "valid-" + (i + 1) + ".json",
          BallotV2Encryptor.encrypt(
                  FuzzContextV2.POLL,
                  FuzzContextV2.Q,
                  FuzzContextV2.K,
                  enc,
                  token(rng),
                  choices[i],
                  rng)
              .ballot());
    }
    BallotV2 base =
        BallotV2Encryptor.encrypt(
                FuzzContextV2.POLL,
                FuzzContextV2.Q,
                FuzzContextV2.K,
                enc,
                token(rng),
                new int[] {0, 1},
                rng)
            .ballot();
    long b = enc.base();
    out.put("tamper-row-encrypting-2.json", withRow(base, 1, 2, 1, enc, rng));
    out.put("tamper-row-encrypting-B-plus-1.json", withRow(base, 0, b + 1, 2, enc, rng));
    out.put("tamper-wrong-branch.json", withRow(base, 1, b * b, 2, enc, rng));
    BallotV2.Row r0 = base.rows().get(0);
    BallotV2.Row r1 = base.rows().get(1);
    out.put(
        "tamper-relabelled-row.json",
        new BallotV2(
            base.poll(),
            base.token(),
            List.of(
                new BallotV2.Row(1, r1.alpha(), r1.beta(), r1.proof()),
                new BallotV2.Row(2, r0.alpha(), r0.beta(), r0.proof()))));
    out.put(
        "tamper-other-B.json",
        BallotV2Encryptor.encrypt(
                FuzzContextV2.POLL,
                FuzzContextV2.Q,
                FuzzContextV2.K,
                new EncodingV2(enc.base() + 1),
                token(rng),
                new int[] {2, 1},
                rng)
            .ballot());
    for (Map.Entry<String, BallotV2> e : out.entrySet()) {
      Files.write(DIR.resolve(e.getKey()), ProtocolJson.mapper().writeValueAsBytes(e.getValue()));
    }
  }
}
