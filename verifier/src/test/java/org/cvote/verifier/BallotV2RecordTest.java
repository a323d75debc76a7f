package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.RowProofV2;
import org.cvote.crypto.proof.RowStatementV2;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.crypto.record.RecordJson;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.testkit.fixture.ElectionFixtureV2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java verifier on a ballot version 2 record (docs/protocol.md §16.7): a valid one passes every
 * check (batched and one proof at a time), and each change — the tamper cases of issue 24 among
 * them — fails the check §16.7 assigns to it, with record.sig re-signed so that V11 passes and only
 * the deeper check can catch it.
 */
class BallotV2RecordTest {
  @TempDir static Path tmp;
  static Path valid;
  static ElectionFixture.Result fixture;
  static int base;
  static Point jointKey;

  @BeforeAll
  static void build() throws IOException {
    valid = tmp.resolve("valid");
    fixture = ElectionFixtureV2.write(ElectionFixture.Spec.small(), valid);
    base =
        RecordTools.JSON
            .readTree(valid.resolve(RecordFiles.MANIFEST).toFile())
            .get("base")
            .intValue();
    jointKey =
        Point.fromHex(
            RecordTools.JSON
                .readTree(valid.resolve(RecordFiles.CONTEXT).toFile())
                .get("jointKey")
                .asText());
  }

  @Test
  void aValidVersion2RecordPassesEveryCheckBatchedAndNaive() throws Exception {
    RecordTools.Run r = RecordTools.verifyJson(valid);
    assertEquals(0, r.exit(), r.out() + r.err());
    RecordVerifier.Outcome naive =
        RecordVerifier.verify(valid, RecordVerifier.Options.defaults().naivePath());
    assertTrue(naive.report().passed(), naive.report().toString());
    Path empty = tmp.resolve("empty");
    ElectionFixtureV2.write(ElectionFixture.Spec.small().withBallots(0), empty);
    assertEquals(0, RecordTools.verifyJson(empty).exit());
  }

  record Case(String name, String check, Consumer<Path> change) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Line k's row i replaced by an encryption of m with a proof claiming `branch`, made under base
   * `proofBase`.
   */
  static Consumer<Path> forgedRow(
      int k, int i, LongUnaryOperator m, int branch, int proofBaseDelta) {
    return d ->
        RecordTools.editBallot(
            d,
            k,
            b -> {
              Digest tau = BallotHashes.tokenHash(Hex.decode(b.get("token").get("msg").asText()));
              SecureRandom rng = new SecureRandom();
              Scalar r = Scalar.random(rng);
              Ciphertext ct = ElGamal.encrypt(jointKey, m.applyAsLong(base), r);
              RowProofV2 p =
                  RowProofV2.prove(
                      new RowStatementV2(
                          fixture.q(),
                          tau,
                          BallotV2.label(i + 1),
                          new EncodingV2(base + proofBaseDelta),
                          jointKey,
                          ct),
                      branch,
                      r,
                      rng);
              ((ArrayNode) b.get("rows"))
                  .set(
                      i,
                      RecordJson.strict()
                          .valueToTree(new BallotV2.Row(i + 1, ct.alpha(), ct.beta(), p)));
            });
  }

  static Stream<Arguments> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("a row encrypting 2", "V5", forgedRow(2, 1, b -> 2, 1, 0)));
    c.add(new Case("a row encrypting B + 1", "V5", forgedRow(3, 0, b -> b + 1, 2, 0)));
    c.add(new Case("a wrong branch (B² proved as B)", "V5", forgedRow(4, 2, b -> b * b, 2, 0)));
    c.add(
        new Case(
            "a row proved under B + 1, not the manifest's B",
            "V5",
            forgedRow(5, 1, b -> b + 1, 2, 1)));
    c.add(
        new Case(
            "a relabelled row (rows 1 and 2 swapped, renumbered)",
            "V5",
            d ->
                RecordTools.editBallot(
                    d,
                    6,
                    b -> {
                      ArrayNode rows = (ArrayNode) b.get("rows");
                      ObjectNode r0 = rows.get(0).deepCopy();
                      ObjectNode r1 = rows.get(1).deepCopy();
                      rows.set(0, r1.put("subject", 1));
                      rows.set(1, r0.put("subject", 2));
                    })));
    c.add(
        new Case(
            "row responses swapped",
            "V5",
            d ->
                RecordTools.editBallot(
                    d,
                    7,
                    b -> {
                      ArrayNode v = (ArrayNode) b.get("rows").get(2).get("proof").get("v");
                      String x = v.get(0).asText();
                      v.set(0, v.get(1));
                      v.add(x);
                      v.remove(1);
                    })));
    c.add(
        new Case(
            "a version 1 row in a version 2 ballot",
            "V1",
            d ->
                RecordTools.editBallot(
                    d,
                    2,
                    b ->
                        ((ObjectNode) b.get("rows").get(0))
                            .set("options", RecordTools.JSON.createArrayNode()))));
    c.add(
        new Case(
            "a row proof of 3 branches",
            "V1",
            d ->
                RecordTools.editBallot(
                    d,
                    3,
                    b -> {
                      for (String f : List.of("a", "b", "c", "v")) {
                        ((ArrayNode) b.get("rows").get(0).get("proof").get(f)).remove(3);
                      }
                    })));
    c.add(
        new Case(
            "ballotVersion 3",
            "V1",
            d -> RecordTools.edit(d, RecordFiles.MANIFEST, m -> m.put("ballotVersion", 3))));
    c.add(
        new Case(
            "ballotVersion removed, base kept",
            "V1",
            d -> RecordTools.edit(d, RecordFiles.MANIFEST, m -> m.remove("ballotVersion"))));
    c.add(
        new Case(
            "base changed in the manifest",
            "V2",
            d -> RecordTools.edit(d, RecordFiles.MANIFEST, m -> m.put("base", base + 1))));
    c.add(
        new Case(
            "summoned raised: B is no longer summoned + 1",
            "V10",
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> {
                      t.put("summoned", t.get("summoned").longValue() + 1);
                      t.put("absentFromStart", t.get("absentFromStart").longValue() + 1);
                    })));
    c.add(
        new Case(
            "aggregate alpha of another subject",
            "V7",
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.AGGREGATE,
                    a ->
                        ((ObjectNode) a.get("rows").get(0))
                            .put("alpha", a.get("rows").get(1).get("alpha").asText()))));
    c.add(
        new Case(
            "a share labelled as version 1",
            "V8",
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.DECRYPTION,
                    x -> ((ObjectNode) x.get("shares").get(0)).put("label", "s1/o0"))));
    c.add(
        new Case(
            "a MID count moved to LOW (valid unchanged)",
            "V9",
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> {
                      ArrayNode cs = (ArrayNode) t.get("results").get(1).get("counts");
                      int from = cs.get(1).longValue() > 0 ? 1 : 0;
                      cs.set(from, cs.get(from).longValue() - 1);
                      cs.set(2, cs.get(2).longValue() + 1);
                    })));
    // strictness (review of issue 24): a subject number that is not a JSON integer, though it
    // compares equal to one
    c.add(
        new Case(
            "row subject 1.0 (a float)",
            "V1",
            d ->
                RecordTools.editBallot(
                    d, 2, b -> ((ObjectNode) b.get("rows").get(0)).put("subject", 1.0))));
    c.add(
        new Case(
            "row subject true",
            "V1",
            d ->
                RecordTools.editBallot(
                    d, 2, b -> ((ObjectNode) b.get("rows").get(0)).put("subject", true))));
    c.add(
        new Case(
            "aggregate row subject true",
            "V1",
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.AGGREGATE,
                    a -> ((ObjectNode) a.get("rows").get(0)).put("subject", true))));
    // the packing has one reading only with every digit in 0..N: HIGH + B and MID − 1 pack to the
    // same value
    c.add(
        new Case(
            "counts re-split with a negative digit (HIGH + B, MID − 1)",
            "V9",
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> {
                      ArrayNode cs = (ArrayNode) t.get("results").get(0).get("counts");
                      cs.set(0, cs.get(0).longValue() + base);
                      cs.set(1, cs.get(1).longValue() - 1);
                    })));
    // review of issue 24: two counts near Long.MAX_VALUE wrap their sum to 0 ≤ N; V9 must fail
    // (not crash the verifier in pack())
    c.add(
        new Case(
            "counts whose sum overflows a long (MAX, MAX, 2)",
            "V9",
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> {
                      ArrayNode cs = (ArrayNode) t.get("results").get(0).get("counts");
                      cs.set(0, Long.MAX_VALUE);
                      cs.set(1, Long.MAX_VALUE);
                      cs.set(2, 2L);
                    })));
    c.add(
        new Case(
            "record version removed (closing kept)",
            "V1",
            d -> RecordTools.edit(d, RecordFiles.AGGREGATE, a -> a.remove("version"))));
    return c.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void detected(Case c) {
    Path d = tmp.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-"));
    ElectionFixture.copy(valid, d);
    c.change().accept(d);
    ElectionFixture.sign(d, fixture.signingPrivateKey());
    RecordTools.Run r = RecordTools.verifyJson(d);
    String why = c.name() + " → " + r.failed() + "\n" + r.out() + r.err();
    assertEquals(1, r.exit(), why);
    assertTrue(r.failed().contains(c.check()), why);
    assertFalse(
        r.failed().contains("V11"), "re-signed: V11 passes, a deeper check catches it. " + why);
  }

  @Test
  void anHonestRowReProvedStillPasses() {
    // the forging helper is sound: a fresh encryption of B (MID) with its own branch passes V5
    // (only V6–V9 see the change)
    Path d = tmp.resolve("honest-row");
    ElectionFixture.copy(valid, d);
    forgedRow(2, 1, b -> b, 2, 0).accept(d);
    ElectionFixture.sign(d, fixture.signingPrivateKey());
    RecordTools.Run r = RecordTools.verifyJson(d);
    assertFalse(r.failed().contains("V5"), r.out());
    assertTrue(r.failed().contains("V6"), r.out());
    try {
      assertTrue(Files.size(d.resolve(RecordFiles.BALLOTS)) > 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
