package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.testkit.fixture.ElectionFixtureV2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cvote-verify --challenged FILE --record DIR} on a ballot version 2 challenged ballot
 * (docs/protocol.md §16.8): Q, K and B from the published record; a changed value, a B other than
 * the manifest's, or a version 1 poll fail.
 */
class ChallengedV2Test {
  @TempDir static Path tmp;
  static Path record;
  static Path v1Record;
  static String pollId;
  static Digest q;
  static Point k;
  static EncodingV2 enc;
  static final int[] CHOICE = {0, BallotV2Encryptor.BLANK, 1}; // HIGH, blank, MID

  @BeforeAll
  static void build() throws Exception {
    record = tmp.resolve("v2");
    q = ElectionFixtureV2.write(ElectionFixture.Spec.small().withBallots(2), record).q();
    var m = RecordTools.JSON;
    k = Point.fromHex(m.readTree(record.resolve("context.json").toFile()).get("jointKey").asText());
    enc =
        new EncodingV2(m.readTree(record.resolve("manifest.json").toFile()).get("base").intValue());
    pollId = m.readTree(record.resolve("manifest.json").toFile()).get("pollId").asText();
    v1Record = tmp.resolve("v1");
    ElectionFixture.write(ElectionFixture.Spec.small().withBallots(1), v1Record);
  }

  /** What the booth writes for a challenge: the file of §16.8, optionally changed. */
  static Path file(String name, Consumer<ObjectNode> change) throws Exception {
    SecureRandom rng = new SecureRandom();
    byte[] msg = new byte[32 + 14 + 2 + pollId.length() + 32];
    rng.nextBytes(msg);
    var e =
        BallotV2Encryptor.encrypt(
            pollId, q, k, enc, new Ballot.Token(msg, new byte[384]), CHOICE, rng);
    ObjectNode n = ProtocolJson.mapper().createObjectNode();
    n.put("poll", pollId).put("Q", q.toHex()).put("K", k.toHex()).put("B", enc.base());
    n.set("ballot", ProtocolJson.mapper().valueToTree(e.ballot()));
    ArrayNode values = n.putArray("values");
    ArrayNode rs = n.putArray("randomness");
    for (int i = 0; i < CHOICE.length; i++) {
      values.add(enc.value(CHOICE[i]));
      rs.add(e.randomness()[i].toHex());
    }
    change.accept(n);
    Path f = tmp.resolve(name + ".json");
    Files.write(f, ProtocolJson.mapper().writeValueAsBytes(n));
    return f;
  }

  @Test
  void anHonestChallengeChecksAndNamesTheLevels() throws Exception {
    RecordTools.Run r =
        RecordTools.run(
            "--challenged", file("honest", n -> {}).toString(), "--record", record.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(
        r.out().contains("row 1: HIGH")
            && r.out().contains("row 2: blank")
            && r.out().contains("row 3: MID"),
        r.out());
  }

  @Test
  void aChangedValueAnotherBOrAVersion1PollFail() throws Exception {
    Path changed = file("changed", n -> ((ArrayNode) n.get("values")).set(2, enc.value(2)));
    RecordTools.Run r =
        RecordTools.run("--challenged", changed.toString(), "--record", record.toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("row 3"), r.out());
    Path notAValue = file("not-a-value", n -> ((ArrayNode) n.get("values")).set(0, 2));
    assertEquals(
        1,
        RecordTools.run("--challenged", notAValue.toString(), "--record", record.toString())
            .exit());
    Path otherB = file("other-b", n -> n.put("B", enc.base() + 1));
    RecordTools.Run rb =
        RecordTools.run("--challenged", otherB.toString(), "--record", record.toString());
    assertEquals(1, rb.exit(), rb.out());
    assertTrue(rb.out().contains("B"), rb.out());
    RecordTools.Run v1 =
        RecordTools.run(
            "--challenged", file("v1-poll", n -> {}).toString(), "--record", v1Record.toString());
    assertEquals(1, v1.exit(), v1.out());
  }

  @Test
  void aVersion1ChallengeOfAVersion2PollFails() throws Exception {
    // downgrade: a booth showing a version 1 ballot for a version 2 poll, under the poll's real Q
    // and K (so its
    // proofs and re-encryptions hold), must not pass the audit
    SecureRandom rng = new SecureRandom();
    var e1 =
        org.cvote.crypto.ballot.BallotEncryptor.encrypt(
            pollId,
            q,
            k,
            ElectionFixture.token(ElectionFixture.tokenKey(), pollId, rng),
            new int[] {0, BallotV2Encryptor.BLANK, 1},
            rng);
    ObjectNode n = ProtocolJson.mapper().createObjectNode();
    n.put("poll", pollId).put("Q", q.toHex()).put("K", k.toHex());
    n.set("ballot", ProtocolJson.mapper().valueToTree(e1.ballot()));
    ArrayNode ch = n.putArray("choices");
    ArrayNode rs = n.putArray("randomness");
    for (int i = 0; i < e1.ballot().rows().size(); i++) {
      ArrayNode c = ch.addArray();
      ArrayNode r = rs.addArray();
      for (int j = 0; j < 3; j++) {
        c.add(e1.choices()[i][j]);
        r.add(e1.randomness()[i][j].toHex());
      }
    }
    Path f = tmp.resolve("v1-of-v2-poll.json");
    Files.write(f, ProtocolJson.mapper().writeValueAsBytes(n));
    RecordTools.Run r =
        RecordTools.run("--challenged", f.toString(), "--record", record.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("ballot version 2"), r.out());
  }
}
