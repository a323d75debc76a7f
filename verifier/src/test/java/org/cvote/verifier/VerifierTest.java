package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.testkit.fixture.ElectionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid record passes, as a directory and as a zip; receipts and challenged ballots are
 * confirmed.
 */
class VerifierTest {
  @TempDir static Path tmp;
  static Path valid;
  static ElectionFixture.Result fixture;

  @BeforeAll
  static void build() {
    valid = tmp.resolve("valid");
    fixture = ElectionFixture.write(ElectionFixture.Spec.small(), valid);
  }

  @Test
  void validRecordPassesEveryCheck() {
    RecordTools.Run r = RecordTools.verifyJson(valid);
    assertEquals(List.of(), r.failed(), r.out());
    assertEquals(0, r.exit(), r.err());
    assertEquals(12, r.json().get("checks").size()); // V1–V11 and V12 (record version 2)
    assertEquals(12, r.json().get("ballots").asInt());
    assertEquals(3, r.json().get("results").size());
    for (var c : r.json().get("checks")) {
      assertTrue(c.get("checked").asLong() > 0, c.toString());
    }
  }

  @Test
  void textReportShowsChecksAndResultsTable() {
    RecordTools.Run r = RecordTools.run(valid.toString(), "--threads", "2");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("V1   PASS"), r.out());
    assertTrue(r.out().contains("V11  PASS"), r.out());
    assertTrue(r.out().contains("Nguyễn Văn An"), r.out());
    assertTrue(r.out().contains("ballots collected (thu về) 12"), r.out());
    assertTrue(r.out().contains("RESULT: every check passed"), r.out());
  }

  @Test
  void zipPasses() {
    Path zip = tmp.resolve("record.zip");
    ElectionFixture.zip(valid, zip);
    RecordTools.Run r = RecordTools.verifyJson(zip);
    assertEquals(0, r.exit(), r.out() + r.err());
  }

  @Test
  void naivePathAgrees() {
    RecordTools.Run r = RecordTools.run(valid.toString(), "--json", "--naive");
    assertEquals(0, r.exit(), r.out() + r.err());
  }

  @Test
  void emptyPollPasses() {
    Path empty = tmp.resolve("empty");
    ElectionFixture.write(ElectionFixture.Spec.small().withBallots(0), empty);
    RecordTools.Run r = RecordTools.verifyJson(empty);
    assertEquals(List.of(), r.failed(), r.out());
    assertEquals(0, r.exit());
    assertEquals("0.00", r.json().get("results").get(0).get("percent").get(0).asText());
  }

  private Path receipt(int k, byte[] signingKey) throws Exception {
    var q = fixture.q();
    var b = fixture.ballotHashes().get(k - 1);
    var t = fixture.chain().get(k - 1);
    byte[] sig = RecordSignature.sign(signingKey, BallotHashes.receipt(q, k, b, t));
    Path p = tmp.resolve("receipt-" + k + "-" + System.nanoTime() + ".json");
    Files.writeString(
        p,
        "{\"index\":"
            + k
            + ",\"ballotHash\":\""
            + b.toHex()
            + "\",\"chain\":\""
            + t.toHex()
            + "\",\"signature\":\""
            + Hex.encode(sig)
            + "\",\"poll\":\""
            + ElectionFixture.Spec.small().pollId()
            + "\",\"trackingCode\":\""
            + BallotHashes.trackingCode(t)
            + "\"}");
    return p;
  }

  @Test
  void receiptIsConfirmed() throws Exception {
    RecordTools.Run r =
        RecordTools.run(
            valid.toString(),
            "--json",
            "--receipt",
            receipt(5, fixture.signingPrivateKey()).toString());
    assertEquals(0, r.exit(), r.out());
    assertEquals(5, r.json().get("receipt").size());
    RecordTools.Run text =
        RecordTools.run(
            valid.toString(), "--receipt", receipt(5, fixture.signingPrivateKey()).toString());
    assertTrue(text.out().contains("OK   in chain"), text.out());
  }

  @Test
  void receiptAsTheApiReturnsItWithoutPollIsConfirmed() throws Exception {
    Path p = receipt(2, fixture.signingPrivateKey());
    Files.writeString(p, Files.readString(p).replaceAll(",\"poll\":\"[^\"]*\"", ""));
    RecordTools.Run r = RecordTools.run(valid.toString(), "--json", "--receipt", p.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    Files.writeString(p, "{\"index\":2}");
    assertEquals(2, RecordTools.run(valid.toString(), "--receipt", p.toString()).exit());
  }

  @Test
  void receiptWithAForeignSignatureOrWrongPlaceFails() throws Exception {
    byte[] other = new byte[32];
    other[0] = 9;
    RecordTools.Run r =
        RecordTools.run(valid.toString(), "--json", "--receipt", receipt(5, other).toString());
    assertEquals(1, r.exit(), r.out());
    Path p = receipt(5, fixture.signingPrivateKey());
    Files.writeString(p, Files.readString(p).replace("\"index\":5", "\"index\":6"));
    RecordTools.Run moved = RecordTools.run(valid.toString(), "--json", "--receipt", p.toString());
    assertEquals(1, moved.exit(), moved.out());
  }

  private Path challenged(boolean tamper) throws Exception {
    var spec = ElectionFixture.Spec.small();
    var rng = new java.security.SecureRandom();
    var k =
        org.cvote.crypto.group.Point.fromHex(
            RecordTools.JSON
                .readTree(valid.resolve("context.json").toFile())
                .get("jointKey")
                .asText());
    var q = fixture.q();
    var enc =
        BallotEncryptor.encrypt(
            spec.pollId(),
            q,
            k,
            ElectionFixture.token(ElectionFixture.tokenKey(), spec.pollId(), rng),
            new int[] {0, BallotEncryptor.BLANK, 2},
            rng);
    var m = ProtocolJson.mapper();
    var n = m.createObjectNode();
    n.put("poll", spec.pollId());
    n.put("Q", q.toHex());
    n.put("K", k.toHex());
    n.set("ballot", m.valueToTree(enc.ballot()));
    var ch = n.putArray("choices");
    var rs = n.putArray("randomness");
    for (int i = 0; i < 3; i++) {
      var c = ch.addArray();
      var r = rs.addArray();
      for (int j = 0; j < 3; j++) {
        c.add(enc.choices()[i][j]);
        r.add(enc.randomness()[i][j].toHex());
      }
    }
    if (tamper) { // claim subject 1 was MID
      ((com.fasterxml.jackson.databind.node.ArrayNode) ch.get(0)).set(0, 0);
      ((com.fasterxml.jackson.databind.node.ArrayNode) ch.get(0)).set(1, 1);
    }
    Path p = tmp.resolve("challenged-" + tamper + ".json");
    Files.writeString(p, m.writeValueAsString(n));
    return p;
  }

  @Test
  void challengedBallotIsReEncrypted() throws Exception {
    RecordTools.Run ok =
        RecordTools.run("--challenged", challenged(false).toString(), "--record", valid.toString());
    assertEquals(0, ok.exit(), ok.out() + ok.err());
    assertTrue(ok.out().contains("row 1: HIGH"), ok.out());
    assertTrue(ok.out().contains("row 2: blank"), ok.out());
    RecordTools.Run bad =
        RecordTools.run(
            "--challenged", challenged(true).toString(), "--record", valid.toString(), "--json");
    assertEquals(1, bad.exit(), bad.out() + bad.err());
    assertTrue(bad.json().get("problems").toString().contains("row 1 option 0"), bad.out());
  }
}
