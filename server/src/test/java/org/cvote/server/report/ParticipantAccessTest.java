package org.cvote.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cvote.server.demo.DemoRunner;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 §1: a participants-only poll's record and results open to a voter's signed receipt, the
 * secretariat's session (and, for results, the other credentials of {@link ResultsAccess}), and to
 * nothing printed on the board.
 */
@LocalServer
class ParticipantAccessTest {
  static final TestApp APP = TestApp.create();
  static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  private final URI uri;
  private final Api api;
  private final String admin;

  ParticipantAccessTest(URI uri) {
    this.uri = uri;
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  /** A receipt in the wire form {@code k.B_k.T_k.signature}. */
  static String wire(JsonNode r) {
    return r.get("index").asInt()
        + "."
        + r.get("ballotHash").asText()
        + "."
        + r.get("chain").asText()
        + "."
        + r.get("signature").asText();
  }

  private DemoRunner published(String visibility, int ballots) throws Exception {
    DemoRunner d =
        new DemoRunner(uri, "admin", APP.adminPassword, QUIET)
            .visibility(visibility)
            .setUp(DemoRunner.Options.of(1, ballots, 3, 2));
    d.runAuto(ballots, Files.createTempDirectory("cvote-participants"));
    return d;
  }

  private Api.Res withReceipt(String path, String receipt) {
    return api.send("GET", path, null, null, null, Map.of("X-Cvote-Receipt", receipt));
  }

  @Test
  void onlyASignedReceiptOrTheSessionOpensTheRecordAndTheResults() throws Exception {
    DemoRunner members = published("PARTICIPANTS", 3);
    DemoRunner other = published("PUBLIC", 1);
    String id = members.pollId();
    String record = "/api/polls/" + id + "/record", results = "/api/polls/" + id + "/results";
    JsonNode mine = members.receipts().get(0);
    JsonNode board = api.get("/api/polls/" + id + "/board", null).json();

    // an outsider with everything the board prints: every line's index, hash and chain
    for (JsonNode line : board.get("ballots")) {
      String hash = line.get("hash").asText();
      for (String path : List.of(record, results)) {
        assertEquals(
            403,
            api.get(path + "?receipt=" + hash, null).status(),
            "a bare ballot hash opens nothing");
        String unsigned =
            line.get("index").asInt() + "." + hash + "." + line.get("chain").asText() + ".";
        Api.Res zeros = withReceipt(path, unsigned + "00".repeat(64));
        assertEquals(403, zeros.status(), zeros.toString());
        assertEquals("participants_only", zeros.error());
        // a genuine signature, but of another receipt
        Api.Res swapped =
            withReceipt(
                path,
                unsigned
                    + members
                        .receipts()
                        .get(line.get("index").asInt() == mine.get("index").asInt() ? 1 : 0)
                        .get("signature")
                        .asText());
        assertEquals(403, swapped.status(), swapped.toString());
      }
    }
    assertEquals(403, api.get(record, null).status());
    assertEquals(
        403,
        withReceipt(record, wire(other.receipts().get(0))).status(),
        "a receipt of another poll");
    assertEquals(403, withReceipt(record, wire(mine) + "0").status(), "not exactly the wire form");
    assertEquals(403, withReceipt(record, wire(mine).toUpperCase()).status(), "hex is lowercase");

    // the voter, with the receipt the booth saved (header, or query for a plain link)
    Api.Res zip = withReceipt(record, wire(mine));
    assertEquals(200, zip.status(), zip.toString());
    assertEquals("application/zip", zip.contentType());
    assertEquals(200, api.get(record + "?receipt=" + wire(mine), null).status());
    Api.Res res = withReceipt(results, wire(mine));
    assertEquals(200, res.status(), res.toString());
    assertEquals(3, res.json().get("attendance").get("collected").asLong());
    // the secretariat with its session
    Api.Res bySession = api.get(record, admin);
    assertEquals(200, bySession.status());
    assertTrue(java.util.Arrays.equals(zip.raw(), bySession.raw()));

    // the secret is secret: no receipt signature is on the board or in any file of the record
    String boardText = api.get("/api/polls/" + id + "/board", null).text();
    String recordText = unzipped(zip.raw());
    for (JsonNode r : members.receipts()) {
      String sig = r.get("signature").asText();
      assertEquals(128, sig.length());
      assertFalse(boardText.contains(sig), "the board carries no receipt signature");
      assertFalse(recordText.contains(sig), "the record carries no receipt signature");
      assertTrue(
          boardText.contains(r.get("ballotHash").asText()),
          "the board does carry B_k (so B_k proves nothing)");
    }
  }

  private static String unzipped(byte[] zip) throws Exception {
    StringBuilder all = new StringBuilder();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        byte[] b = z.readAllBytes();
        all.append(new String(b, StandardCharsets.ISO_8859_1))
            .append('\n')
            .append(java.util.HexFormat.of().formatHex(b))
            .append('\n');
      }
    }
    return all.toString();
  }
}
