package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.testkit.fixture.ElectionFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cvote-verify --challenged FILE}: Q and K come from the published poll (a record, or the
 * server's poll route), never from the file; the ballot hash recomputed from the revealed
 * ciphertexts ties the file to what the booth showed before the challenge (issue 19 §3).
 */
class ChallengedTest {
  @TempDir static Path tmp;
  static Path record;
  static Path otherRecord;
  static Digest q;
  static Point k;
  static HttpServer http;
  static final AtomicReference<byte[]> POLL_JSON = new AtomicReference<>();
  static final SecureRandom RNG = new SecureRandom();
  static final int[] CHOICE = {0, BallotEncryptor.BLANK, 2};

  @BeforeAll
  static void build() throws Exception {
    record = tmp.resolve("record");
    q = ElectionFixture.write(ElectionFixture.Spec.small().withBallots(2), record).q();
    k =
        Point.fromHex(
            RecordTools.JSON
                .readTree(record.resolve("context.json").toFile())
                .get("jointKey")
                .asText());
    // another poll of the same id: other committee keys, so another Q and K
    otherRecord = tmp.resolve("other");
    var spec = ElectionFixture.Spec.small().withBallots(1);
    ElectionFixture.write(
        new ElectionFixture.Spec(
            spec.pollId(),
            spec.title(),
            spec.subjects(),
            1,
            spec.n(),
            spec.t(),
            spec.decryptors(),
            99),
        otherRecord);
    POLL_JSON.set(pollRoute(record));
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/api/polls/",
        ex -> {
          byte[] body = POLL_JSON.get();
          int status =
              ex.getRequestURI().getPath().equals("/api/polls/" + spec.pollId()) ? 200 : 404;
          ex.sendResponseHeaders(status, status == 200 ? body.length : -1);
          if (status == 200) {
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    http.start();
  }

  @AfterAll
  static void stop() {
    http.stop(0);
  }

  /**
   * What GET /api/polls/{id} serves for the poll of a record: manifest, context with commitments,
   * keys.
   */
  static byte[] pollRoute(Path rec) throws Exception {
    var m = RecordTools.JSON;
    ObjectNode out = m.createObjectNode();
    JsonNode manifest = m.readTree(rec.resolve("manifest.json").toFile());
    out.put("pollId", manifest.get("pollId").asText());
    out.put("status", "OPEN");
    out.set("manifest", manifest);
    ObjectNode ctx = (ObjectNode) m.readTree(rec.resolve("context.json").toFile());
    ArrayNode cs = ctx.putArray("commitments");
    for (JsonNode member : m.readTree(rec.resolve("committee.json").toFile()).get("members")) {
      cs.add(member.get("commitments"));
    }
    out.set("context", ctx);
    out.set("tokenKey", m.readTree(rec.resolve("token-key.json").toFile()));
    out.set("signingKey", m.readTree(rec.resolve("signing-key.json").toFile()));
    return m.writeValueAsBytes(out);
  }

  /** A challenged-ballot file as the booth writes it: {poll, Q, K, ballot, choices, randomness}. */
  static ObjectNode challengedFile(Digest qq, Point kk, BallotEncryptor.Encrypted enc) {
    var m = ProtocolJson.mapper();
    ObjectNode n = m.createObjectNode();
    n.put("poll", ElectionFixture.Spec.small().pollId());
    n.put("Q", qq.toHex());
    n.put("K", kk.toHex());
    n.set("ballot", m.valueToTree(enc.ballot()));
    ArrayNode ch = n.putArray("choices");
    ArrayNode rs = n.putArray("randomness");
    for (int i = 0; i < enc.ballot().rows().size(); i++) {
      ArrayNode c = ch.addArray();
      ArrayNode r = rs.addArray();
      for (int j = 0; j < 3; j++) {
        c.add(enc.choices()[i][j]);
        r.add(enc.randomness()[i][j].toHex());
      }
    }
    return n;
  }

  static BallotEncryptor.Encrypted encrypt(Digest qq, Point kk) {
    String poll = ElectionFixture.Spec.small().pollId();
    return BallotEncryptor.encrypt(
        poll, qq, kk, ElectionFixture.token(ElectionFixture.tokenKey(), poll, RNG), CHOICE, RNG);
  }

  static Path write(String name, ObjectNode n) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, ProtocolJson.mapper().writeValueAsString(n));
    return p;
  }

  @Test
  void theHonestChallengePassesAndPrintsTheFingerprint() throws Exception {
    var enc = encrypt(q, k);
    Digest b = BallotHashes.ballotHash(q, enc.ballot());
    String fp = BallotHashes.trackingCode(b);
    Path f = write("honest.json", challengedFile(q, k, enc));
    RecordTools.Run r =
        RecordTools.run("--challenged", f.toString(), "--record", record.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains(b.toHex()) && r.out().contains(fp), r.out());
    assertTrue(
        r.out().contains("row 1: HIGH")
            && r.out().contains("row 2: blank")
            && r.out().contains("row 3: LOW"),
        r.out());
    // the noted hash, as hex (grouped as the booth shows it) or as the fingerprint (any case)
    String grouped = b.toHex().replaceAll("(.{8})", "$1 ").trim();
    for (String noted :
        new String[] {b.toHex(), grouped, fp, fp.toLowerCase(java.util.Locale.ROOT)}) {
      RecordTools.Run e =
          RecordTools.run(
              "--challenged", f.toString(), "--record", record.toString(), "--expect-hash", noted);
      assertEquals(0, e.exit(), noted + ": " + e.out() + e.err());
    }
    // the same through the server's poll route, and the JSON report
    RecordTools.Run viaPoll =
        RecordTools.run(
            "--challenged", f.toString(), "--poll", base(), "--expect-hash", fp, "--json");
    assertEquals(0, viaPoll.exit(), viaPoll.out() + viaPoll.err());
    assertEquals(b.toHex(), viaPoll.json().get("ballotHash").asText());
    assertEquals(fp, viaPoll.json().get("fingerprint").asText());
    assertTrue(viaPoll.json().get("hashMatches").asBoolean());
    RecordTools.Run fullUrl =
        RecordTools.run(
            "--challenged", f.toString(), "--poll", base() + "/api/polls/" + enc.ballot().poll());
    assertEquals(0, fullUrl.exit(), fullUrl.out() + fullUrl.err());
  }

  @Test
  void aFreshEncryptionOfTheSameChoicesIsCaughtByItsHash() throws Exception {
    // the booth showed B of one encryption, then answered the challenge with a fresh, honest one
    Digest shown = BallotHashes.ballotHash(q, encrypt(q, k).ballot());
    var fresh = encrypt(q, k);
    Path f = write("fresh.json", challengedFile(q, k, fresh));
    RecordTools.Run noted =
        RecordTools.run(
            "--challenged",
            f.toString(),
            "--record",
            record.toString(),
            "--expect-hash",
            BallotHashes.trackingCode(shown));
    assertEquals(1, noted.exit(), noted.out() + noted.err());
    assertTrue(noted.out().contains("NOT the one the booth showed"), noted.out());
    RecordTools.Run hex =
        RecordTools.run(
            "--challenged",
            f.toString(),
            "--poll",
            base(),
            "--expect-hash",
            shown.toHex(),
            "--json");
    assertEquals(1, hex.exit(), hex.out() + hex.err());
    assertEquals(false, hex.json().get("hashMatches").asBoolean());
    assertEquals(
        0,
        hex.json().get("problems").size(),
        "the fresh encryption itself is honest: only its hash betrays it");
  }

  @Test
  void aFileWhoseQBelongsToAnotherPollIsRefused() throws Exception {
    Digest otherQ =
        Digest.fromHex(
            RecordTools.JSON
                .readTree(otherRecord.resolve("context.json").toFile())
                .get("Q")
                .asText());
    Point otherK =
        Point.fromHex(
            RecordTools.JSON
                .readTree(otherRecord.resolve("context.json").toFile())
                .get("jointKey")
                .asText());
    assertTrue(!otherQ.equals(q) && !otherK.equals(k));
    // a consistent file of the other poll (valid against ITS Q and K: the old check, which trusted
    // the file, passed it)
    Path f = write("other-q.json", challengedFile(otherQ, otherK, encrypt(otherQ, otherK)));
    RecordTools.Run own =
        RecordTools.run("--challenged", f.toString(), "--record", otherRecord.toString());
    assertEquals(0, own.exit(), own.out() + own.err());
    for (String[] source : new String[][] {{"--record", record.toString()}, {"--poll", base()}}) {
      RecordTools.Run r =
          RecordTools.run("--challenged", f.toString(), source[0], source[1], "--json");
      assertEquals(1, r.exit(), r.out() + r.err());
      assertTrue(
          r.json().get("problems").get(0).asText().startsWith("Q: the file's Q " + otherQ.toHex()),
          r.out());
    }
    // the file claims this poll's Q and K, but its ciphertexts were made under the other poll's K:
    // the published K decides
    ObjectNode relabelled = challengedFile(q, k, encrypt(otherQ, otherK));
    RecordTools.Run r =
        RecordTools.run(
            "--challenged",
            write("relabelled.json", relabelled).toString(),
            "--record",
            record.toString(),
            "--json");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.json().get("problems").toString().contains("re-encryption of"), r.out());
  }

  @Test
  void qAndKNeverComeFromTheFileAlone() throws Exception {
    Path f = write("alone.json", challengedFile(q, k, encrypt(q, k)));
    RecordTools.Run r = RecordTools.run("--challenged", f.toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("never from the file"), r.err());
    RecordTools.Run bad =
        RecordTools.run(
            "--challenged", f.toString(), "--record", record.toString(), "--expect-hash", "1234");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--expect-hash"), bad.err());
  }

  @Test
  void aServerPollWhoseStatedQDiffersFromItsInputsIsRefused() throws Exception {
    byte[] honest = POLL_JSON.get();
    try {
      ObjectNode n = (ObjectNode) RecordTools.JSON.readTree(honest);
      String otherQ =
          RecordTools.JSON.readTree(otherRecord.resolve("context.json").toFile()).get("Q").asText();
      ((ObjectNode) n.get("context")).put("Q", otherQ);
      POLL_JSON.set(RecordTools.JSON.writeValueAsBytes(n));
      Path f = write("stated.json", challengedFile(q, k, encrypt(q, k)));
      RecordTools.Run r = RecordTools.run("--challenged", f.toString(), "--poll", base());
      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("differs from Q recomputed"), r.err());
    } finally {
      POLL_JSON.set(honest);
    }
  }

  @Test
  void theNotedHashIsReadInEitherForm() {
    // the same value is asserted by the booth's JS test (ballotFingerprint)
    assertEquals(
        "AERU-KZ4J-VPG6-6AJD",
        Challenged.fingerprint(Digest.fromHex("0123456789abcdef0123" + "00".repeat(22))));
    Digest d = Digest.fromHex("00".repeat(31) + "ff");
    assertEquals(d.toHex(), Challenged.expected(d.toHex().toUpperCase(java.util.Locale.ROOT)));
    assertEquals(
        BallotHashes.trackingCode(d),
        Challenged.expected(BallotHashes.trackingCode(d).replace("-", " ")));
    assertTrue(Challenged.matches(Challenged.expected(BallotHashes.trackingCode(d)), d));
    assertThrows(IllegalArgumentException.class, () -> Challenged.expected("0123"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Challenged.expected("01234567890123456")); // 0, 1, 8, 9 are not base32
    assertEquals(
        "http://h:1/api/polls/p%201", PublishedPoll.routeOf("http://h:1/", "p 1").toString());
    assertEquals(
        "http://h:1/api/polls/x",
        PublishedPoll.routeOf("http://h:1/api/polls/x", "other").toString());
    assertThrows(
        IllegalArgumentException.class, () -> PublishedPoll.routeOf("file:///etc/passwd", "p"));
  }

  private static String base() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }
}
