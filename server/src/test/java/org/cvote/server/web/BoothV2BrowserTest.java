package org.cvote.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.server.demo.DemoRunner;
import org.cvote.server.support.Scenario;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;

/**
 * The booth on a version 2 poll (docs/protocol.md §16) in Chromium: a voter casts a version 2
 * ballot and gets a receipt; a challenge (cast-or-audit) reveals the values and randomness of
 * §16.8, which the auditor's tool ({@code cvote-verify --challenged} with the poll URL) accepts for
 * the hash noted before the challenge and refuses for another; the fresh encryption is then cast.
 */
class BoothV2BrowserTest {
  static final int SUBJECTS = 3;
  static Browser b;
  static Scenario poll;

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    b = new Browser();
    DemoRunner runner =
        new DemoRunner(URI.create(b.base), "admin", b.app.adminPassword, System.out)
            .ballotVersion(2)
            .setUp(DemoRunner.Options.of(SUBJECTS, 4, 3, 2));
    poll = new Scenario(b.api, b.app.app, b.admin);
    poll.pollId = runner.pollId();
    poll.subjects = SUBJECTS;
    poll.codes.addAll(runner.accessCodes());
  }

  @RegisterExtension
  final TestWatcher onFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (b != null) {
            b.watcher.testFailed(context, cause);
          }
        }
      };

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
  }

  private void enterWithCode(String code) {
    b.open("/booth/" + poll.pollId + "#code=" + code);
    b.visible("s-code");
    b.clickable("code-submit").click();
    b.visible("s-form");
  }

  private void mark(int subject, String level) {
    b.driver
        .findElement(By.cssSelector("input[name='s" + subject + "'][value='" + level + "']"))
        .click();
  }

  private String cast() {
    b.clickable("cast").click();
    b.visible("s-done");
    b.waitFor(Duration.ofSeconds(10))
        .until(d -> !d.findElement(By.id("tracking-code")).getText().isEmpty());
    assertEquals(
        "ok",
        b.driver.findElement(By.id("receipt-check")).getAttribute("class"),
        b.driver.findElement(By.id("receipt-check")).getText());
    return b.driver.findElement(By.id("tracking-code")).getText();
  }

  private JsonNode board() {
    return Scenario.expect(b.api.get("/api/polls/" + poll.pollId + "/board", null), 200).json();
  }

  @Test
  void aVoterCastsAVersionTwoBallotAndAChallengeIsCheckedByTheAuditorsTool() throws Exception {
    JsonNode pub = poll.publicPoll();
    EncodingV2 enc = BallotVersion.of(pub.get("manifest")).orElseThrow();
    Digest q = Digest.fromHex(pub.get("context").get("Q").asText());
    Point k = Point.fromHex(pub.get("context").get("jointKey").asText());

    // 1. cast: the board line is a version 2 ballot whose B_k (§16.5) the receipt names
    b.freshDevice();
    enterWithCode(poll.codes.get(0));
    mark(1, "HIGH");
    mark(2, "MID");
    mark(3, "LOW");
    b.clickable("encrypt").click();
    b.visible("s-review");
    String hash = b.visible("ballot-hash").getAttribute("data-hash");
    String tracking = cast();
    JsonNode line = board().get("ballots").get(0);
    assertEquals(hash, line.get("hash").asText());
    assertEquals(BallotHashes.trackingCode(Digest.fromHex(line.get("chain").asText())), tracking);
    BallotV2 cast = ProtocolJson.mapper().treeToValue(line, RecordedBallotV2.class).ballot();
    assertEquals(hash, cast.hash(q).toHex());
    assertEquals(
        List.of(),
        BallotV2Verifier.create(q, k, poll.pollId, SUBJECTS, enc).verify(cast, new SecureRandom()));

    // 2. challenge, then cast the fresh encryption
    b.freshDevice();
    enterWithCode(poll.codes.get(1));
    mark(1, "LOW");
    mark(2, "HIGH");
    mark(3, "MID");
    b.clickable("encrypt").click();
    b.visible("s-review");
    String first = b.driver.findElement(By.id("ballot-hash")).getAttribute("data-hash");
    String fingerprint = b.driver.findElement(By.id("ballot-fingerprint")).getText();
    b.clickable("challenge").click();
    b.visible("audit");
    assertEquals(
        "ok",
        b.driver
            .findElement(
                By.cssSelector(
                    "#audit-list .audit-item[data-hash='"
                        + first
                        + "'] [data-role='audit-result']"))
            .getAttribute("class"));
    b.waitFor(Duration.ofSeconds(30))
        .until(
            d ->
                !first.equals(d.findElement(By.id("ballot-hash")).getAttribute("data-hash"))
                    && d.findElement(By.id("s-review")).isDisplayed());
    String second = b.driver.findElement(By.id("ballot-hash")).getAttribute("data-hash");
    assertNotEquals(first, second);

    String file = (String) b.js("return JSON.stringify(window.cvoteBooth.lastChallenge);");
    JsonNode audit = Api.JSON.readTree(file);
    assertEquals(enc.base(), audit.get("B").asInt(), "§16.8: B beside Q and K");
    long b2 = (long) enc.base() * enc.base();
    List<Long> values = new ArrayList<>();
    audit.get("values").forEach(v -> values.add(v.asLong()));
    assertEquals(List.of(b2, 1L, (long) enc.base()), values, "LOW, HIGH, MID as 0, 1, B, B²");
    BallotV2 challenged = ProtocolJson.mapper().treeToValue(audit.get("ballot"), BallotV2.class);
    for (int i = 0; i < SUBJECTS; i++) {
      Scalar r = Scalar.fromHex(audit.get("randomness").get(i).asText());
      assertEquals(Point.baseMul(r), challenged.rows().get(i).alpha());
      assertEquals(
          Point.baseMul(values.get(i)).add(k.multiply(r)), challenged.rows().get(i).beta());
    }
    assertEquals(first, challenged.hash(q).toHex());

    Path f = Files.createTempFile("challenged-ballot-v2", ".json");
    try {
      Files.writeString(f, file);
      String route = b.base + "/api/polls/" + poll.pollId;
      for (String noted : List.of(fingerprint, BallotHashes.trackingCode(Digest.fromHex(second)))) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit =
            org.cvote.verifier.Main.run(
                new String[] {
                  "--challenged", f.toString(), "--poll", route, "--expect-hash", noted
                },
                ps,
                ps);
        assertEquals(noted.equals(fingerprint) ? 0 : 1, exit, out.toString(StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(f);
    }

    cast();
    Set<String> onBoard = new HashSet<>();
    board().get("ballots").forEach(l -> onBoard.add(l.get("hash").asText()));
    assertTrue(onBoard.contains(second));
    assertFalse(onBoard.contains(first), "a challenged encryption is never cast");
  }
}
