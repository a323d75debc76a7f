package org.cvote.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cvote.committee.cli.CommitteeCli;
import org.cvote.committee.identity.IdentityFile;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.server.support.Scenario;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * The committee page (issue 22) in headless Chromium against a real server: a member joins with the
 * invitation link, reads the fingerprint, and its backup file moves to the CLI and a CLI identity
 * to the page (one file format, committee/API.md §5.1); a mixed committee — two members in the
 * browser, one with the CLI — runs the ceremony (one browser member reloads mid-ceremony and
 * resumes from its sealed state), a browser member and the CLI decrypt, a browser member is refused
 * a board whose N or head differs from the signed closing statement and posts nothing, the tally is
 * right and the record passes cvote-verify; {@code bin/cvote web-hash} prints the hashes the
 * manifest carries.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommitteePageBrowserTest {
  static final String PASS = "mật khẩu của ban kiểm phiếu";
  static final Pattern FINGERPRINT = Pattern.compile("([0-9a-f]{4}-){7}[0-9a-f]{4}");
  static Browser b;

  /** manifest.json of the record published by the mixed committee (for the web-hash test). */
  static JsonNode recordManifest;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    b = new Browser();
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
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

  // ---- helpers ----

  private static Scenario pollInCeremony(int subjects, int voters) {
    Scenario s = new Scenario(b.api, b.app.app, b.admin).draft(subjects, voters);
    Scenario.expect(b.api.post("/admin/polls/" + s.pollId + "/ceremony", null, b.admin), 200);
    return s;
  }

  private static List<String> invite(String poll, String... names) {
    Api.Res r =
        Scenario.expect(
            b.api.post(
                "/admin/polls/" + poll + "/committee/invitations",
                Map.of("names", List.of(names)),
                b.admin),
            201);
    List<String> codes = new ArrayList<>();
    r.json().path("invitations").forEach(x -> codes.add(x.path("code").asText()));
    return codes;
  }

  private static Path passFile() throws Exception {
    Path f = tmp.resolve("pass.txt");
    Files.writeString(f, PASS + "\n", StandardCharsets.UTF_8);
    return f;
  }

  private static int cli(String... args) {
    return CommitteeCli.run(args);
  }

  private static String stage() {
    return (String) b.js("return window.cvoteCommittee ? window.cvoteCommittee.stage : null;");
  }

  private static void waitStage(String want, Duration d) {
    b.waitFor(d).until(x -> want.equals(stage()));
  }

  private static String text(String id) {
    return b.driver.findElement(By.id(id)).getText();
  }

  private static void type(String id, String value) {
    var e = b.visible(id);
    e.clear();
    e.sendKeys(value);
  }

  /** Opens the slip's link, makes keys under {@link #PASS}; returns the fingerprint shown. */
  private static String makeKeys(String origin, String poll, String code, String name) {
    freshDevice(origin);
    b.driver.get(origin + "/committee/" + poll + "#invite=" + code);
    type("new-name", name);
    type("new-pass", PASS);
    type("new-pass2", PASS);
    b.clickable("new-submit").click();
    b.waitFor(Duration.ofSeconds(60))
        .until(x -> FINGERPRINT.matcher(text("fingerprint")).matches());
    return text("fingerprint");
  }

  private static void unlock() {
    type("unlock-pass", PASS);
    b.clickable("unlock-submit").click();
    b.waitFor(Duration.ofSeconds(60))
        .until(x -> FINGERPRINT.matcher(text("fingerprint")).matches());
  }

  /** Clicks the page's backup link and returns the file Chromium downloaded. */
  private static Path backup() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "downloads");
    b.driver.executeCdpCommand(
        "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", dir.toString()));
    b.clickable("backup").click();
    b.waitFor(Duration.ofSeconds(30))
        .until(
            x -> {
              try (var l = Files.list(dir)) {
                return l.anyMatch(f -> f.getFileName().toString().endsWith(".json"));
              } catch (java.io.IOException e) {
                return false;
              }
            });
    try (var l = Files.list(dir)) {
      return l.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
    }
  }

  /** Forgets the identity stored by the page at this origin (another member's device). */
  private static void freshDevice(String origin) {
    b.driver.get(origin + "/favicon.svg");
    b.jsAsync(
        "const done = arguments[arguments.length - 1]; const r = indexedDB.deleteDatabase('cvote-committee');"
            + "r.onsuccess = () => done(true); r.onerror = () => done(false); r.onblocked = () => done(false);");
  }

  private static JsonNode committee(String poll) {
    return Scenario.expect(b.api.get("/admin/polls/" + poll + "/committee", b.admin), 200).json();
  }

  // ---- tests ----

  @Test
  @Order(1)
  void joinsWithTheInvitationShowsTheFingerprintAndTheBackupMovesToTheCliAndBack()
      throws Exception {
    Scenario s = pollInCeremony(1, 3);
    List<String> codes = invite(s.pollId, "Nguyễn Thị Trang", "Trần Văn Hùng");
    String fp = makeKeys(b.base, s.pollId, codes.get(0), "Nguyễn Thị Trang");
    assertFalse(
        b.driver.getCurrentUrl().contains("invite="),
        "the code is dropped from the address once read");
    assertEquals(
        codes.get(0), b.visible("invite").getAttribute("value"), "the slip's code is filled in");
    b.clickable("join-submit").click();
    b.visible("joined");
    JsonNode regs = committee(s.pollId).path("registrations");
    assertEquals(1, regs.size(), regs.toString());
    assertEquals(
        fp,
        regs.get(0).path("fingerprint").asText(),
        "the server registered the keys whose fingerprint the page shows");
    assertEquals("Nguyễn Thị Trang", regs.get(0).path("name").asText());
    b.screenshot("committee-joined");

    // IndexedDB holds the sealed v2 file only
    String stored =
        (String)
            b.jsAsync(
                "const done = arguments[arguments.length - 1];"
                    + "const o = indexedDB.open('cvote-committee', 1); o.onsuccess = () => { const r = o.result.transaction('files')"
                    + ".objectStore('files').get('identity'); r.onsuccess = () => done(JSON.stringify(r.result)); };");
    assertTrue(stored.contains("\"format\":\"cvote-committee-identity/2\""), stored);
    assertFalse(
        stored.contains("PrivateKey") || stored.contains("Seed"),
        "no private key field in clear: " + stored);

    // the page's backup is imported by the CLI: the same identity, and the poll it joined
    Path backupFile = backup();
    String file = Files.readString(backupFile);
    assertTrue(file.contains("cvote-committee-identity/2"), file);
    assertTrue(
        backupFile.getFileName().toString().startsWith("cvote-committee-" + fp.substring(0, 9)),
        backupFile.toString());
    Path home = tmp.resolve("cli-from-page");
    assertEquals(
        0,
        cli(
            "import",
            "--home",
            home.toString(),
            "--passphrase-file",
            passFile().toString(),
            backupFile.toString()));
    assertEquals(fp, IdentityFile.readPublic(home.resolve("identity.json")).fingerprint());
    Properties polls = new Properties();
    try (var r = Files.newBufferedReader(home.resolve("polls.properties"))) {
      polls.load(r);
    }
    assertEquals(b.base, polls.getProperty("poll." + s.pollId));
    assertNotEquals(
        0,
        cli(
            "import",
            "--home",
            tmp.resolve("wrong").toString(),
            "--passphrase-file",
            Files.writeString(tmp.resolve("wrong.txt"), "không phải mật khẩu\n").toString(),
            backupFile.toString()),
        "wrong passphrase");

    // a CLI member's identity (joined with the CLI) opens in the page, which finds its registration
    Path cliHome = tmp.resolve("cli-member");
    assertEquals(
        0,
        cli(
            "init",
            "--home",
            cliHome.toString(),
            "--passphrase-file",
            passFile().toString(),
            "--name",
            "Trần Văn Hùng",
            "--kdf-memory",
            "8192",
            "--kdf-iterations",
            "2"));
    assertEquals(
        0,
        cli(
            "join",
            "--home",
            cliHome.toString(),
            "--passphrase-file",
            passFile().toString(),
            "--invite",
            b.base + "/committee/" + s.pollId + "#invite=" + codes.get(1)));
    String cliFp = IdentityFile.readPublic(cliHome.resolve("identity.json")).fingerprint();
    Path exported = tmp.resolve("from-cli.json");
    assertEquals(
        0,
        cli(
            "export",
            "--home",
            cliHome.toString(),
            "--passphrase-file",
            passFile().toString(),
            exported.toString()));
    freshDevice(b.base);
    b.open("/committee/" + s.pollId);
    b.visible("import-file").sendKeys(exported.toAbsolutePath().toString());
    type("import-pass", "sai mật khẩu rồi");
    b.clickable("import-submit").click();
    b.waitFor(Duration.ofSeconds(60)).until(x -> b.driver.findElement(By.id("msg")).isDisplayed());
    assertTrue(text("msg").contains("Sai mật khẩu"), text("msg"));
    type("import-pass", PASS);
    b.clickable("import-submit").click();
    b.waitFor(Duration.ofSeconds(60)).until(x -> cliFp.equals(text("fingerprint")));
    b.visible("joined"); // the CLI's registration is found on the server: no second join
    b.visible("s-ceremony");

    // a reload asks for the passphrase of the stored file, refuses a wrong one
    b.driver.navigate().refresh();
    b.waitText("unlock-fp", cliFp);
    type("unlock-pass", "sai mật khẩu rồi");
    b.clickable("unlock-submit").click();
    b.waitFor(Duration.ofSeconds(60)).until(x -> b.driver.findElement(By.id("msg")).isDisplayed());
    unlock();
    assertEquals(cliFp, text("fingerprint"));
    b.assertCleanConsole();
  }

  @Test
  @Order(2)
  void
      aMixedCommitteeTwoInTheBrowserOneWithTheCliRunsTheCeremonyResumesAfterAReloadDecryptsAndTheRecordVerifies()
          throws Exception {
    int subjects = 2;
    Scenario s = pollInCeremony(subjects, 6);
    String poll = s.pollId;
    List<String> codes = invite(poll, "Lê Minh An", "Phạm Thu Bình", "Hoàng Văn Cường");
    // member 1 in this window (localhost), member 2 in another window of another origin (127.0.0.1:
    // its own IndexedDB)
    String winA = b.driver.getWindowHandle();
    String fpA = makeKeys(b.base, poll, codes.get(0), "Lê Minh An");
    b.clickable("join-submit").click();
    b.visible("joined");
    b.driver.switchTo().newWindow(WindowType.WINDOW);
    String winB = b.driver.getWindowHandle();
    String originB = b.base.replace("localhost", "127.0.0.1");
    String fpB = makeKeys(originB, poll, codes.get(1), "Phạm Thu Bình");
    b.clickable("join-submit").click();
    b.visible("joined");
    // member 3 with the CLI
    Path home = tmp.resolve("cli-mixed");
    String pf = passFile().toString();
    assertEquals(
        0,
        cli(
            "init",
            "--home",
            home.toString(),
            "--passphrase-file",
            pf,
            "--name",
            "Hoàng Văn Cường",
            "--kdf-memory",
            "8192",
            "--kdf-iterations",
            "2"));
    assertEquals(
        0,
        cli(
            "join",
            "--home",
            home.toString(),
            "--passphrase-file",
            pf,
            "--invite",
            b.base + "/committee/" + poll + "#invite=" + codes.get(2)));
    String fpC = IdentityFile.readPublic(home.resolve("identity.json")).fingerprint();

    // the secretariat approves the three fingerprints read aloud, t = 2
    Scenario.expect(
        b.api.post(
            "/admin/polls/" + poll + "/committee/start",
            Map.of("t", 2, "members", List.of(fpA, fpB, fpC)),
            b.admin),
        200);
    CompletableFuture<Integer> cliCeremony =
        CompletableFuture.supplyAsync(
            () ->
                cli(
                    "ceremony",
                    "--home",
                    home.toString(),
                    "--passphrase-file",
                    pf,
                    "--expect-members",
                    fpA + "," + fpB + "," + fpC,
                    "--expect-t",
                    "2",
                    "--interval",
                    "300",
                    "--timeout",
                    "5"));
    for (String w :
        List.of(winA, winB)) { // each browser member confirms the list against the hall's
      b.driver.switchTo().window(w);
      b.visible("list-confirm");
      assertEquals(3, b.driver.findElements(By.cssSelector("#list-rows tr")).size());
      assertTrue(
          text("list-rows").contains(fpA)
              && text("list-rows").contains(fpB)
              && text("list-rows").contains(fpC));
      b.clickable("list-yes").click();
    }
    // member 1 reloads as soon as its commitment is on the server (mid-ceremony), and resumes from
    // the sealed state
    b.driver.switchTo().window(winA);
    b.waitFor(Duration.ofSeconds(60))
        .until(
            x ->
                b.api
                            .get("/api/polls/" + poll + "/committee/ceremony", null)
                            .json()
                            .path("commits")
                            .size()
                        >= 1
                    && committedBy(poll, 1));
    b.driver.navigate().refresh();
    unlock();
    assertTrue(
        b.driver.findElements(By.cssSelector("#list-confirm:not([hidden])")).isEmpty(),
        "the confirmed list is not asked again");
    for (String w : List.of(winA, winB)) {
      b.driver.switchTo().window(w);
      waitStage("done", Duration.ofSeconds(180));
    }
    assertEquals(0, cliCeremony.get(180, TimeUnit.SECONDS));
    assertEquals(
        "READY", b.api.get("/admin/polls/" + poll, b.admin).json().path("status").asText());
    b.screenshot("committee-ceremony-done");

    // voting: four ballots with known choices
    s.checkIn(4);
    s.open();
    int[][] choices = {{0, 2}, {0, 1}, {1, 2}, {2, 2}};
    for (int[] c : choices) {
      Scenario.expect(s.cast(s.ballot(s.token(s.codes.remove(0)), c)), 200);
    }
    // member 2's page will be served a board that is not the closing statement's (the operator
    // serves the page too)
    b.driver.switchTo().window(winB);
    b.js(
        "const real = window.fetch; window.fetch = async (u, o) => { const r = await real(u, o);"
            + " if (!String(u).endsWith('/committee/tally-input')) return r; const j = await r.json();"
            + " j.board = j.board.slice(0, -1); return new Response(JSON.stringify(j), {status: 200, headers: {'content-type': 'application/json'}}); };");
    Scenario.expect(b.api.post("/admin/polls/" + poll + "/close", null, b.admin), 200);
    JsonNode closing = b.api.get("/api/polls/" + poll + "/board", null).json().path("closing");
    String head = closing.path("fingerprint").asText();

    // member 2: a board one ballot short → refused naming ballots (and head), nothing posted
    waitStage("refused", Duration.ofSeconds(60));
    String fields = (String) b.js("return document.getElementById('msg').dataset.fields;");
    assertTrue(fields.contains("ballots"), fields + ": " + text("msg"));
    // … the right number of ballots with another last chain value → refused naming head
    b.driver.navigate().refresh();
    b.js(
        "const real = window.fetch; window.fetch = async (u, o) => { const r = await real(u, o);"
            + " if (!String(u).endsWith('/committee/tally-input')) return r; const j = await r.json();"
            + " const last = j.board[j.board.length - 1]; last.chain = (last.chain[0] === '0' ? '1' : '0') + last.chain.slice(1);"
            + " return new Response(JSON.stringify(j), {status: 200, headers: {'content-type': 'application/json'}}); };");
    unlock();
    waitStage("refused", Duration.ofSeconds(60));
    assertEquals(
        "head", b.js("return document.getElementById('msg').dataset.fields;"), text("msg"));
    // … the true board, but the member does not confirm the head read out in the hall → refused,
    // nothing posted
    b.driver.navigate().refresh();
    unlock();
    waitStage("confirm-figures", Duration.ofSeconds(60));
    assertEquals("4", text("cs-count"));
    assertEquals(
        head.replace(" ", "").toLowerCase(), text("cs-head").replaceAll("[ -]", "").toLowerCase());
    b.clickable("count-yes").click();
    b.clickable("head-no").click();
    waitStage("refused", Duration.ofSeconds(30));
    assertEquals("head", b.js("return document.getElementById('msg').dataset.fields;"));

    // member 1 (browser) confirms both figures: the board is verified in workers, the partial
    // posted
    b.driver.switchTo().window(winA);
    waitStage("confirm-figures", Duration.ofSeconds(60));
    assertEquals("4", text("cs-count"));
    b.clickable("count-yes").click();
    b.clickable("head-yes").click();
    waitStage("decrypted", Duration.ofSeconds(120));
    // one board per poll: a second board, with a closing statement the record key really signs (a
    // dishonest
    // operator: the first three ballots), is refused by the member who decrypted — naming the
    // closing statement
    JsonNode input = b.api.get("/api/polls/" + poll + "/committee/tally-input", null).json();
    ClosingStatement other =
        ClosingStatement.sign(
            poll,
            Digest.fromHex(input.path("closing").path("Q").asText()),
            3,
            Digest.fromHex(input.path("board").get(2).path("chain").asText()),
            d -> b.app.app.signer().sign(d.bytes()));
    String otherJson =
        Api.JSON.writeValueAsString(
            Map.of(
                "poll",
                poll,
                "Q",
                other.q().toHex(),
                "count",
                3,
                "head",
                other.head().toHex(),
                "signature",
                HexFormat.of().formatHex(other.signature())));
    b.driver.navigate().refresh();
    b.js(
        "const other = JSON.parse(arguments[0]); const real = window.fetch; window.fetch = async (u, o) => {"
            + " const r = await real(u, o); if (!String(u).endsWith('/committee/tally-input')) return r; const j = await r.json();"
            + " j.board = j.board.slice(0, 3); j.closing = other;"
            + " return new Response(JSON.stringify(j), {status: 200, headers: {'content-type': 'application/json'}}); };",
        otherJson);
    unlock();
    waitStage("refused", Duration.ofSeconds(60));
    assertEquals(
        "closing", b.js("return document.getElementById('msg').dataset.fields;"), text("msg"));
    // member 3 (CLI) decrypts with the figures announced in the hall
    assertEquals(
        0,
        cli(
            "decrypt",
            "--home",
            home.toString(),
            "--passphrase-file",
            pf,
            "--expect-ballots",
            "4",
            "--expect-head",
            head));

    JsonNode tally =
        Scenario.expect(b.api.post("/admin/polls/" + poll + "/tally", Map.of(), b.admin), 200)
            .json()
            .path("tally");
    int[][] expected = {{2, 1, 1}, {0, 1, 3}};
    for (int i = 0; i < subjects; i++) {
      JsonNode c = tally.path("results").get(i).path("counts");
      assertEquals(
          List.of(expected[i][0], expected[i][1], expected[i][2]),
          List.of(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt()),
          "subject " + (i + 1));
    }
    Scenario.expect(b.api.post("/admin/polls/" + poll + "/publish", null, b.admin), 200);
    Path dir = tmp.resolve("record");
    Files.createDirectories(dir);
    Api.Res zip = Scenario.expect(b.api.get("/api/polls/" + poll + "/record", null), 200);
    Files.write(dir.resolve("record.zip"), zip.raw());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit =
        org.cvote.verifier.Main.run(new String[] {dir.resolve("record.zip").toString()}, ps, ps);
    assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
    try (var z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.raw()))) {
      for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (e.getName().equals("manifest.json")) {
          recordManifest = Api.JSON.readTree(z.readAllBytes());
        }
        if (e.getName().equals("decryption.json")) {
          JsonNode members = Api.JSON.readTree(z.readAllBytes()).path("members");
          assertEquals("[1,3]", members.toString(), "the refusing member 2 posted nothing");
        }
      }
    }
    b.driver.switchTo().window(winB);
    b.driver.close();
    b.driver.switchTo().window(winA);
    b.assertCleanConsole();
  }

  /**
   * Ballot version 2 (docs/protocol.md §16.6): a browser member and a CLI member decrypt a v2 poll
   * (the page reads the served manifest's ballotVersion and base, verifies the v2 board in workers
   * and posts one share per subject); the desk combines them to the voters' counts and the record
   * verifies.
   */
  @Test
  @Order(4)
  void aBrowserMemberAndACliMemberDecryptABallotVersion2Poll() throws Exception {
    int subjects = 2;
    Scenario s = new Scenario(b.api, b.app.app, b.admin).ballotVersion(2).draft(subjects, 6);
    String poll = s.pollId;
    Scenario.expect(b.api.post("/admin/polls/" + poll + "/ceremony", null, b.admin), 200);
    List<String> codes = invite(poll, "Lê Minh An", "Hoàng Văn Cường");
    String fpA = makeKeys(b.base, poll, codes.get(0), "Lê Minh An");
    b.clickable("join-submit").click();
    b.visible("joined");
    Path home = tmp.resolve("cli-v2");
    String pf = passFile().toString();
    assertEquals(
        0,
        cli(
            "init",
            "--home",
            home.toString(),
            "--passphrase-file",
            pf,
            "--name",
            "Hoàng Văn Cường",
            "--kdf-memory",
            "8192",
            "--kdf-iterations",
            "2"));
    assertEquals(
        0,
        cli(
            "join",
            "--home",
            home.toString(),
            "--passphrase-file",
            pf,
            "--invite",
            b.base + "/committee/" + poll + "#invite=" + codes.get(1)));
    String fpC = IdentityFile.readPublic(home.resolve("identity.json")).fingerprint();
    Scenario.expect(
        b.api.post(
            "/admin/polls/" + poll + "/committee/start",
            Map.of("t", 2, "members", List.of(fpA, fpC)),
            b.admin),
        200);
    CompletableFuture<Integer> cliCeremony =
        CompletableFuture.supplyAsync(
            () ->
                cli(
                    "ceremony",
                    "--home",
                    home.toString(),
                    "--passphrase-file",
                    pf,
                    "--expect-members",
                    fpA + "," + fpC,
                    "--expect-t",
                    "2",
                    "--interval",
                    "300",
                    "--timeout",
                    "5"));
    b.visible("list-confirm");
    b.clickable("list-yes").click();
    waitStage("done", Duration.ofSeconds(180));
    assertEquals(0, cliCeremony.get(180, TimeUnit.SECONDS));
    JsonNode manifest = b.api.get("/api/polls/" + poll, null).json().path("manifest");
    assertEquals(2, manifest.path("ballotVersion").asInt());
    assertEquals(7, manifest.path("base").asInt(), "B = summoned + 1");

    s.checkIn(4);
    s.open();
    int[][] choices = {{0, 2}, {0, 1}, {1, 2}, {2, -1}};
    for (int[] c : choices) {
      Scenario.expect(s.cast(s.ballotV2(s.token(s.codes.remove(0)), c).ballot()), 200);
    }
    Scenario.expect(b.api.post("/admin/polls/" + poll + "/close", null, b.admin), 200);
    String head =
        b.api
            .get("/api/polls/" + poll + "/board", null)
            .json()
            .path("closing")
            .path("fingerprint")
            .asText();
    waitStage("confirm-figures", Duration.ofSeconds(60));
    assertEquals("4", text("cs-count"));
    b.clickable("count-yes").click();
    b.clickable("head-yes").click();
    waitStage("decrypted", Duration.ofSeconds(120));
    assertEquals(
        0,
        cli(
            "decrypt",
            "--home",
            home.toString(),
            "--passphrase-file",
            pf,
            "--expect-ballots",
            "4",
            "--expect-head",
            head));
    JsonNode tally =
        Scenario.expect(b.api.post("/admin/polls/" + poll + "/tally", Map.of(), b.admin), 200)
            .json()
            .path("tally");
    int[][] expected = {{2, 1, 1}, {0, 1, 2}};
    for (int i = 0; i < subjects; i++) {
      JsonNode c = tally.path("results").get(i).path("counts");
      assertEquals(
          List.of(expected[i][0], expected[i][1], expected[i][2]),
          List.of(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt()),
          "subject " + (i + 1));
    }
    Scenario.expect(b.api.post("/admin/polls/" + poll + "/publish", null, b.admin), 200);
    Path dir = tmp.resolve("record-v2");
    Files.createDirectories(dir);
    Api.Res zip = Scenario.expect(b.api.get("/api/polls/" + poll + "/record", null), 200);
    Files.write(dir.resolve("record.zip"), zip.raw());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit =
        org.cvote.verifier.Main.run(new String[] {dir.resolve("record.zip").toString()}, ps, ps);
    assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
    try (var z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.raw()))) {
      for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (e.getName().equals("decryption.json")) {
          JsonNode d = Api.JSON.readTree(z.readAllBytes());
          assertEquals("[1,2]", d.path("members").toString());
          List<String> labels = new ArrayList<>();
          d.path("shares").forEach(x -> labels.add(x.path("label").asText()));
          assertEquals(List.of("s1", "s2", "s1", "s2"), labels);
        }
      }
    }
    b.assertCleanConsole();
  }

  private static boolean committedBy(String poll, int member) {
    for (JsonNode c :
        b.api.get("/api/polls/" + poll + "/committee/ceremony", null).json().path("commits")) {
      if (c.path("member").asInt() == member) {
        return true;
      }
    }
    return false;
  }

  @Test
  @Order(3)
  void webHashPrintsTheHashesOfTheManifestAndThePagesCarryIntegrity() throws Exception {
    Path launcher = Path.of("..", "bin", "cvote").toAbsolutePath().normalize();
    assumeTrue(Files.isExecutable(launcher), "bin/cvote not found");
    Process p =
        new ProcessBuilder("bash", launcher.toString(), "web-hash")
            .redirectErrorStream(false)
            .start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    Map<String, String> cli = new TreeMap<>();
    Map<String, String> sri = new TreeMap<>();
    for (String line : printed.split("\n")) {
      Matcher m = Pattern.compile("([0-9a-f]{64})  (\\S+)").matcher(line);
      if (m.matches()) {
        cli.put(m.group(2), m.group(1));
      }
      Matcher n = Pattern.compile("sri  (\\S+)  (sha256-\\S+)").matcher(line);
      if (n.matches()) {
        sri.put(n.group(1), n.group(2));
      }
    }
    assertTrue(
        cli.keySet()
            .containsAll(
                List.of(
                    "booth.html",
                    "committee.html",
                    "js/booth.js",
                    "js/committee-page.js",
                    "css/app.css")),
        printed);

    // the manifest of a poll made by this build (the API's, and the published record's) carries the
    // same
    Scenario s = new Scenario(b.api, b.app.app, b.admin).draft(1, 2);
    JsonNode web =
        b.api.get("/api/polls/" + s.pollId, null).json().path("manifest").path("web").path("files");
    Map<String, String> served = new TreeMap<>();
    web.properties().forEach(e -> served.put(e.getKey(), e.getValue().asText()));
    assertEquals(cli, served, "bin/cvote web-hash and the poll's manifest");
    if (recordManifest != null) {
      Map<String, String> rec = new TreeMap<>();
      recordManifest
          .path("web")
          .path("files")
          .properties()
          .forEach(e -> rec.put(e.getKey(), e.getValue().asText()));
      assertEquals(cli, rec, "bin/cvote web-hash and the record's manifest.json");
    }

    // the console shows them
    b.open("/console.html");
    for (var e : cli.entrySet()) {
      b.waitFor(Duration.ofSeconds(30))
          .until(
              x ->
                  !x.findElements(
                          By.cssSelector("#web-hashes code[data-path='" + e.getKey() + "']"))
                      .isEmpty());
      assertEquals(
          e.getValue(),
          b.driver
              .findElement(By.cssSelector("#web-hashes code[data-path='" + e.getKey() + "']"))
              .getText());
    }

    // what the server serves hashes to those values, and the pages' tags carry the same SRI strings
    HttpClient http = HttpClient.newHttpClient();
    for (var e : cli.entrySet()) {
      byte[] body =
          http.send(
                  HttpRequest.newBuilder(URI.create(b.base + "/" + e.getKey())).build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .body();
      assertEquals(
          e.getValue(),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)),
          e.getKey());
      if (sri.containsKey(e.getKey())) {
        assertEquals(
            "sha256-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(e.getValue())),
            sri.get(e.getKey()));
      }
    }
    String committeeHtml =
        http.send(
                HttpRequest.newBuilder(URI.create(b.base + "/committee/" + s.pollId)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertTrue(
        committeeHtml.contains(
            "src=\"/js/committee-page.js\" integrity=\"" + sri.get("js/committee-page.js") + "\""),
        committeeHtml);
    assertTrue(
        committeeHtml.contains(
            "href=\"/css/app.css\" integrity=\"" + sri.get("css/app.css") + "\""),
        committeeHtml);
    String boothHtml =
        http.send(
                HttpRequest.newBuilder(URI.create(b.base + "/booth/" + s.pollId)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertTrue(
        boothHtml.contains("src=\"/js/booth.js\" integrity=\"" + sri.get("js/booth.js") + "\""),
        boothHtml);
    // a script whose bytes differ from the integrity attribute is not run by the browser
    b.open("/committee/" + s.pollId);
    b.waitFor(Duration.ofSeconds(30)).until(x -> List.of("new", "unlock").contains(stage()));
    Object blocked =
        b.jsAsync(
            "const done = arguments[arguments.length - 1]; const el = document.createElement('script');"
                + "el.type = 'module'; el.src = '/js/committee-page.js?x'; el.integrity = 'sha256-"
                + Base64.getEncoder().encodeToString(new byte[32])
                + "';"
                + "el.onerror = () => done('blocked'); el.onload = () => done('ran'); document.head.append(el);");
    assertEquals("blocked", blocked);
  }
}
