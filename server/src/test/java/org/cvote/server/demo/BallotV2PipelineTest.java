package org.cvote.server.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * A ballot version 2 poll through the real HTTP routes after the close (docs/protocol.md §16.6):
 * ceremony and members over HTTP (the committee's classes), v2 ballots cast with crypto's {@link
 * BallotV2Encryptor}, close, each member's tool reads the v2 tally input and posts one share per
 * subject, tally, publication; the record is record version 2 with one aggregate per subject and
 * {@code s<i>} shares, the Java verifier and the Python second verifier accept it and its counts
 * are the voters'; a tampered v2 record fails.
 */
@LocalServer
class BallotV2PipelineTest {
  static final TestApp APP = TestApp.create();
  static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  private final URI uri;
  private final Api api;

  BallotV2PipelineTest(URI uri) {
    this.uri = uri;
    this.api = new Api(uri);
  }

  @Test
  void aVersion2PollIsDecryptedTalliedAndPublishedAsAVerifiableRecord() throws Exception {
    int subjects = 3;
    int ballots = 14;
    DemoRunner d =
        new DemoRunner(uri, "admin", APP.adminPassword, QUIET)
            .ballotVersion(2)
            .setUp(DemoRunner.Options.of(subjects, ballots, 4, 3));
    JsonNode pub = api.get("/api/polls/" + d.pollId(), null).json();
    EncodingV2 enc = BallotVersion.of(pub.path("manifest")).orElseThrow();
    assertEquals(61, enc.base(), "B = summoned + 1 (60 summoned)");
    Digest q = Digest.fromHex(pub.path("context").path("Q").asText());
    Point k = Point.fromHex(pub.path("context").path("jointKey").asText());
    SecureRandom rng = new SecureRandom();
    // real tokens from the server; each voter's choices encrypted as a version 2 ballot
    for (DemoRunner.PreparedBallot p : d.prepare(ballots)) {
      BallotV2 b =
          BallotV2Encryptor.encrypt(d.pollId(), q, k, enc, p.token(), p.choices(), rng).ballot();
      DemoRunner.PreparedBallot v2 =
          new DemoRunner.PreparedBallot(
              p.token(), p.choices(), ProtocolJson.mapper().writeValueAsBytes(b));
      DemoRunner.CastAnswer a = d.cast(v2, 0);
      assertEquals(200, a.status(), a.body().toString());
      d.counted(v2);
    }
    d.close();
    // what a member's tool downloads: the v2 board with the manifest's version and B
    TallyInput in = d.committeeClient().tallyInput(d.pollId());
    assertTrue(in.isV2());
    assertEquals(enc, in.encoding());
    assertEquals(ballots, in.boardV2().size());
    for (int m : List.of(1, 2, 4)) {
      d.decrypt(m);
    }
    JsonNode tally = d.tally(null).path("tally");
    assertEquals(ballots, tally.path("collected").asInt());
    d.publish();
    Path out = Files.createTempDirectory("cvote-record-v2");
    d.download(out);
    d.downloadReport(out); // the counting report is built from tally.json, as for version 1
    assertTrue(Files.size(out.resolve("report.pdf")) > 1000);
    assertTrue(Files.readString(out.resolve("report.html")).contains(d.pollId()));

    JsonNode manifest = read(out, "manifest.json");
    assertEquals(2, manifest.path("ballotVersion").asInt());
    assertEquals(61, manifest.path("base").asInt());
    JsonNode agg = read(out, "aggregate.json");
    assertEquals(2, agg.path("version").asInt());
    assertEquals(subjects, agg.path("rows").size());
    assertEquals(
        List.of("subject", "alpha", "beta"), names(agg.path("rows").get(0)), "one ciphertext");
    assertEquals(ballots, agg.path("closing").path("count").asInt());
    JsonNode dec = read(out, "decryption.json");
    assertEquals(List.of(1, 2, 4), ints(dec.path("members")));
    assertEquals(3 * subjects, dec.path("shares").size());
    assertEquals("s1", dec.path("shares").get(0).path("label").asText());
    assertEquals("s3", dec.path("shares").get(subjects - 1).path("label").asText());
    assertEquals(3, dec.path("partials").size());
    JsonNode firstLine =
        Api.JSON.readTree(Files.readAllLines(out.resolve("ballots.ndjson")).get(0));
    assertEquals(4, firstLine.path("rows").get(0).path("proof").path("a").size());

    assertEquals(0, PipelineTest.verify(out));
    assertEquals(0, PipelineTest.verify(out.resolve("record.zip")));
    SecondVerifier.accepts(out);
    long[][] counts = PipelineTest.counts(out, subjects);
    for (int s = 0; s < subjects; s++) {
      assertArrayEquals(d.truth()[s], counts[s], "subject " + (s + 1));
    }

    // tampering: a count moved from HIGH to MID in tally.json fails (V9: the packed value differs)
    Path moved = copy(out);
    ObjectNode t = (ObjectNode) read(moved, "tally.json");
    ArrayNode c = (ArrayNode) t.path("results").get(0).path("counts");
    long high = c.get(0).asLong();
    long mid = c.get(1).asLong();
    c.set(0, high > 0 ? high - 1 : high + 1);
    c.set(1, high > 0 ? mid + 1 : mid);
    write(moved, "tally.json", t);
    String movedReport = verifierOutput(moved);
    assertTrue(movedReport.contains("V9   FAIL"), movedReport);
    // a share relabelled s1 → s1/o0 (a version 1 label) fails
    Path relabelled = copy(out);
    ObjectNode dj = (ObjectNode) read(relabelled, "decryption.json");
    ((ObjectNode) dj.path("shares").get(0)).put("label", "s1/o0");
    write(relabelled, "decryption.json", dj);
    String relabelReport = verifierOutput(relabelled);
    assertTrue(relabelReport.contains("V8   FAIL"), relabelReport);
  }

  /**
   * {@code bin/cvote demo --auto --ballot-version 2}'s path: the demo's own v2 ballots, its members
   * decrypting over HTTP, the tally and the record, which both verifiers accept with the voters'
   * counts.
   */
  @Test
  void theDemoRunsAVersion2PollToAVerifiedRecord() throws Exception {
    Path out = Files.createTempDirectory("cvote-demo-v2");
    DemoRunner d =
        new DemoRunner(uri, "admin", APP.adminPassword, QUIET)
            .ballotVersion(2)
            .setUp(DemoRunner.Options.of(4, 20, 3, 2));
    JsonNode tally = d.runAuto(20, out);
    assertTrue(d.summary(tally));
    assertEquals(2, read(out, "manifest.json").path("ballotVersion").asInt());
    assertEquals(0, PipelineTest.verify(out));
    SecondVerifier.accepts(out);
    long[][] counts = PipelineTest.counts(out, 4);
    for (int s = 0; s < 4; s++) {
      assertArrayEquals(d.truth()[s], counts[s], "subject " + (s + 1));
    }
  }

  /** The Java verifier's report on a record that must fail (exit ≠ 0). */
  private static String verifierOutput(Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertNotEquals(0, org.cvote.verifier.Main.run(new String[] {dir.toString()}, ps, ps));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode read(Path dir, String file) throws Exception {
    return Api.JSON.readTree(Files.readAllBytes(dir.resolve(file)));
  }

  private static void write(Path dir, String file, JsonNode n) throws Exception {
    Files.write(dir.resolve(file), Api.JSON.writeValueAsBytes(n));
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<Integer> ints(JsonNode a) {
    List<Integer> out = new java.util.ArrayList<>();
    a.forEach(x -> out.add(x.asInt()));
    return out;
  }

  /** A copy of the record's files (not the zip) to tamper with. */
  private static Path copy(Path dir) throws Exception {
    Path to = Files.createTempDirectory("cvote-record-v2-tampered");
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        if (!f.getFileName().toString().endsWith(".zip")
            && !f.getFileName().toString().startsWith("report")) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
    return to;
  }
}
