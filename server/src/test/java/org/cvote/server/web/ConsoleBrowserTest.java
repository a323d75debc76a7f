package org.cvote.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cvote.committee.ceremony.InMemoryMemberStateStore;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.transport.HttpCommitteeClient;
import org.cvote.server.support.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The secretariat's console in headless Chromium: log in, create a poll, import subjects and the
 * roster from CSV (with the preview), check voters in and get the printable code slips, start the
 * key ceremony, and open the poll once the ceremony is done with the quorum shown.
 *
 * <p>The committee members are simulated with the committee library over the server's committee
 * routes (join, the ceremony rounds, partial decryptions); the secretariat's part — approving the
 * committee with its threshold, opening, closing, counting, publishing — is done in the console.
 */
class ConsoleBrowserTest {
  static Browser b;
  final List<MemberIdentity> members = new ArrayList<>();
  final List<InMemoryMemberStateStore> stores = new ArrayList<>();

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    b = new Browser();
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

  private void setValue(String id, String value) {
    b.js(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + "e.dispatchEvent(new Event('input', {bubbles: true}));",
        id,
        value);
  }

  private String status() {
    return b.driver.findElement(By.id("p-status")).getAttribute("data-status");
  }

  private void waitStatus(String s) {
    b.waitFor(Duration.ofSeconds(20)).until(d -> s.equals(status()));
  }

  @Test
  void theSecretariatCreatesAPollFromCsvAndOpensIt() throws Exception {
    b.freshDevice();
    b.open("/console.html");
    b.visible("login");
    b.visible("user").sendKeys("admin");
    b.driver.findElement(By.id("password")).sendKeys("wrong password");
    b.clickable("login-submit").click();
    b.waitFor(Duration.ofSeconds(10))
        .until(d -> "unauthorized".equals(d.findElement(By.id("msg")).getAttribute("data-error")));
    WebElement pw = b.driver.findElement(By.id("password"));
    pw.clear();
    pw.sendKeys(b.app.adminPassword);
    b.clickable("login-submit").click();
    b.visible("main");

    b.visible("np-title").sendKeys("Hội nghị lấy phiếu tín nhiệm HĐND tỉnh");
    b.driver.findElement(By.id("np-place")).sendKeys("Hội trường A, Huế");
    b.driver.findElement(By.id("np-body")).sendKeys("Đảng bộ tỉnh Thừa Thiên Huế");
    b.driver.findElement(By.id("np-group")).sendKeys("Đại biểu Hội đồng nhân dân tỉnh");
    b.driver
        .findElement(By.id("np-post"))
        .sendKeys("Người giữ chức vụ do Hội đồng nhân dân tỉnh bầu");
    setValue("np-date", "2026-11-23");
    // the form offers the ballot version, automatic first; this poll casts version 1 ballots below
    assertEquals(
        List.of("", "2", "1"),
        b.driver.findElements(By.cssSelector("#np-version option")).stream()
            .map(o -> o.getAttribute("value"))
            .toList());
    new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("np-version")))
        .selectByValue("1");
    b.clickable("np-create").click();
    b.visible("poll");
    waitStatus("DRAFT");
    String pollId = b.driver.findElement(By.id("p-id")).getText();
    assertTrue(pollId.startsWith("p-"), pollId);
    assertTrue(
        b.driver.findElement(By.id("p-version")).getText().contains("Phiên bản 1"),
        b.driver.findElement(By.id("p-version")).getText());

    setValue(
        "subjects-csv",
        """
                name,position,unit,retiring
                Nguyễn Văn An,Chủ tịch HĐND tỉnh,HĐND tỉnh,no
                Trần Thị Bình,Phó Chủ tịch UBND tỉnh,UBND tỉnh,no
                Lê Văn Cường,Phó Chủ tịch HĐND tỉnh,HĐND tỉnh,yes
                """);
    b.clickable("subjects-preview-btn").click();
    b.waitText("subjects-preview", "3");
    assertEquals(3, b.driver.findElements(By.cssSelector("#subjects-preview tbody tr")).size());
    b.clickable("subjects-import").click();
    b.waitFor(Duration.ofSeconds(10))
        .until(d -> d.findElements(By.cssSelector("#subjects tr")).size() == 2);
    assertTrue(
        b.driver.findElement(By.id("subjects-refused")).getText().contains("Lê Văn Cường"),
        "the retiring person is listed as not rated (001 II.1)");

    StringBuilder roster = new StringBuilder("name,unit\n");
    for (int i = 1; i <= 6; i++) {
      roster
          .append("Đại biểu số ")
          .append(i)
          .append(",Tổ đại biểu ")
          .append((i + 1) / 2)
          .append('\n');
    }
    setValue("roster-csv", roster.toString());
    b.clickable("roster-preview-btn").click();
    b.waitText("roster-preview", "6");
    b.screenshot("console-roster-preview");
    b.clickable("roster-import").click();
    b.waitFor(Duration.ofSeconds(10))
        .until(d -> d.findElements(By.cssSelector("#roster tr")).size() == 6);
    b.waitText("q-summoned", "6");
    assertTrue(
        b.driver.findElement(By.id("q-met")).getAttribute("class").contains("bad"),
        "no quorum before check-in");

    // check in 5 of 6 (quorum: 3·5 ≥ 2·6)
    List<WebElement> picks = b.driver.findElements(By.cssSelector("#roster input.pick"));
    for (int i = 0; i < 5; i++) {
      picks.get(i).click();
    }
    b.clickable("check-in").click();
    b.visible("sheet-panel");
    List<WebElement> slips = b.driver.findElements(By.cssSelector("#sheet .slip"));
    assertEquals(5, slips.size());
    List<String> codes = new ArrayList<>();
    for (WebElement s : slips) {
      assertEquals(1, s.findElements(By.tagName("svg")).size(), "a QR code per slip");
      codes.add(s.findElement(By.cssSelector(".code")).getText());
    }
    assertTrue(codes.get(0).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]"), codes.get(0));
    b.js("document.getElementById('sheet-panel').scrollIntoView();");
    b.screenshot("console-code-slips");
    b.waitText("q-present", "5");
    b.waitFor(Duration.ofSeconds(10))
        .until(d -> d.findElement(By.id("q-met")).getAttribute("class").contains("ok"));
    // voter 4 leaves before voting: still counted present at the conference, not at voting time nor
    // in the
    // quorum (3·4 ≥ 2·6 still holds)
    b.driver.findElement(By.cssSelector("#roster tr[data-voter='4'] input.pick")).click();
    b.clickable("left").click();
    b.waitText("q-voting", "4");
    assertEquals("5", b.driver.findElement(By.id("q-present")).getText());

    b.clickable("start-ceremony").click();
    waitStatus("CEREMONY");
    assertTrue(b.driver.findElement(By.id("ceremony-state")).isDisplayed());
    // the elected committee: the secretariat enters the four names the meeting elected and prints
    // the invitations
    List<String> elected =
        List.of("Trưởng ban kiểm phiếu", "Thành viên 2", "Thành viên 3", "Thành viên 4");
    b.visible("invite-names").sendKeys(String.join("\n", elected));
    b.clickable("invite").click();
    b.waitFor(Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("#sheet .slip.invitation")).size() == 4);
    List<String> invitations = new ArrayList<>();
    for (WebElement s : b.driver.findElements(By.cssSelector("#sheet .slip.invitation"))) {
      assertEquals(1, s.findElements(By.tagName("svg")).size(), "a QR code per invitation slip");
      invitations.add(s.findElement(By.cssSelector(".code")).getText());
      assertTrue(
          s.getText()
              .contains("cvote-committee join --invite " + invitations.get(invitations.size() - 1)),
          s.getText());
    }
    b.screenshot("console-invitation-slips");
    b.waitFor(Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(By.cssSelector("#invitations tr[data-status='UNUSED']")).size()
                    == 4);
    // three members join with their codes; the console lists each registration with its key
    // fingerprint
    HttpCommitteeClient committee = new HttpCommitteeClient(URI.create(b.base));
    for (int i = 0; i < 3; i++) {
      MemberIdentity id = MemberIdentity.generate("tên tự đặt " + i);
      members.add(id);
      stores.add(new InMemoryMemberStateStore());
      committee.register(pollId, Registration.create(pollId, id, invitations.get(i)));
    }
    b.waitFor(Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("#committee-regs tr")).size() == 3);
    String regs = b.driver.findElement(By.id("committee-regs")).getText();
    assertTrue(
        regs.contains("Trưởng ban kiểm phiếu") && regs.contains(members.get(0).fingerprint()),
        regs);
    // the secretariat ticks the three whose fingerprints were read aloud
    for (MemberIdentity m : members) {
      b.driver
          .findElement(
              By.cssSelector(
                  "#committee-regs tr[data-fingerprint='"
                      + m.fingerprint()
                      + "'] input.approve-pick"))
          .click();
    }
    // ... and a fourth registration arrives before the approval: it is listed, not ticked
    MemberIdentity late = MemberIdentity.generate("muộn");
    committee.register(pollId, Registration.create(pollId, late, invitations.get(3)));
    b.waitFor(Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("#committee-regs tr")).size() == 4);
    assertEquals(
        3,
        b.driver.findElements(By.cssSelector("#committee-regs input.approve-pick:checked")).size(),
        "ticks survive the refresh");
    WebElement threshold = b.visible("threshold");
    threshold.clear();
    threshold.sendKeys("2");
    b.clickable("approve-committee").click();
    b.waitFor(Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("#committee-members tr")).size() == 3);
    assertTrue(
        committee.ceremony(pollId).memberByKey(late.signingPublicKey()).isEmpty(),
        "only the ticked became members");
    // the members run the rounds on their own machines
    SecureRandom rng = new SecureRandom();
    boolean done = false;
    for (int round = 0; round < 40 && !done; round++) {
      done = true;
      for (int i = 0; i < members.size(); i++) {
        Progress p =
            new MemberCeremony(
                    members.get(i),
                    stores.get(i),
                    committee,
                    pollId,
                    rng,
                    ListConfirmation.amongElected(
                        members.stream().map(MemberIdentity::fingerprint).toList(), 2))
                .step();
        assertTrue(!p.failed(), p.message());
        done &= p.finished();
      }
    }
    assertTrue(done, "the key ceremony finished");
    waitStatus("READY"); // the console refreshes by itself
    b.waitText("committee-phase", "DONE");
    b.visible("p-fingerprint");
    b.clickable("open-poll").click();
    waitStatus("OPEN");
    b.visible("close-poll");
    assertEquals("0", b.driver.findElement(By.id("c-collected")).getText());
    b.waitText("c-issued", "0");

    // a voter obtains a token and casts (simulated in Java): the live counts follow, nothing more
    Scenario voter = new Scenario(b.api, b.app.app, b.admin);
    voter.pollId = pollId;
    voter.subjects = 2;
    Scenario.expect(voter.cast(voter.ballot(voter.token(codes.get(0)), 0, 2)), 200);
    voter.token(codes.get(1));
    b.waitText("c-issued", "2");
    b.waitText("c-collected", "1");
    b.js("window.scrollTo(0, 0);");
    b.screenshot("console-open");

    // close, two members decrypt the totals, count and publish from the console
    b.clickable("close-poll").click();
    waitStatus("CLOSED");
    // the closing statement's figures, to be projected and read aloud before the members decrypt
    b.waitText("closing-count", "1");
    String head = committee.tallyInput(pollId).closing().headFingerprint();
    b.waitText("closing-head", head);
    for (int m = 1; m <= 2; m++) {
      PartialDecryption p =
          MemberDecryptor.decrypt(
                  members.get(m - 1),
                  stores.get(m - 1).load(pollId).orElseThrow(),
                  committee.tallyInput(pollId),
                  rng)
              .partial();
      committee.decryption(pollId, p);
    }
    b.waitText("decryption", "2 / 2");
    b.clickable("tally").click();
    b.visible("tally-results");
    waitStatus("TALLIED");
    List<WebElement> cells =
        b.driver.findElements(By.cssSelector("#tally-results tbody tr:first-child td"));
    assertEquals(
        "1 (100,00%)",
        cells.get(3).getText(), "subject 1: one HIGH of one ballot (decimal comma in Vietnamese)");
    assertEquals("0 (0,00%)", cells.get(5).getText());
    assertEquals(
        "Số phiếu tín nhiệm thấp không quá 50%",
        cells.get(6).getText(), "the report's words, not the flag code");
    // the official report (Phụ lục 5) is fetched with the session and saved as a PDF
    WebElement report = b.clickable("report-pdf");
    report.click();
    long until = System.currentTimeMillis() + 30_000;
    while (!"%PDF".equals(report.getAttribute("data-report-magic"))
        && System.currentTimeMillis() < until) {
      Thread.sleep(200);
    }
    assertEquals(
        "%PDF", report.getAttribute("data-report-magic"), "the console downloaded the report PDF");
    assertTrue(Long.parseLong(report.getAttribute("data-report-bytes")) > 1000);
    // the report itself, in the console, and a person's places side by side
    b.waitText("report-signature", "T/M BAN KIỂM PHIẾU");
    b.waitText("report-rows", "1 (100,00%)");
    b.waitText("report-rows", "Số phiếu tín nhiệm thấp không quá 50%");
    b.waitText("report-attendance", "4");
    b.driver.findElement(By.cssSelector("#report-rows tbody tr:first-child button")).click();
    b.waitText("person-places", "Hội trường A, Huế");
    b.waitText("person-places", "1 (100,00%)");
    // the superior level's observer at the count (001 III.1), recorded by name: the report names
    // them
    b.visible("observer-name").sendKeys("Phan Đình Trạc");
    b.driver.findElement(By.id("observer-body")).sendKeys("Ban Tổ chức Trung ương");
    b.driver.findElement(By.cssSelector("#observer-form button")).click();
    b.waitText("observers", "Phan Đình Trạc (Ban Tổ chức Trung ương)");
    b.screenshot("console-report");
    b.clickable("publish").click();
    waitStatus("PUBLISHED");
    // issue 19 §1: the participants-only record is fetched with the session (a plain link would get
    // 403)
    WebElement record = b.clickable("record-download");
    record.click();
    long recordUntil = System.currentTimeMillis() + 30_000;
    while (!"PK\u0003\u0004".equals(record.getAttribute("data-magic"))
        && System.currentTimeMillis() < recordUntil) {
      Thread.sleep(200);
    }
    assertEquals(
        "PK\u0003\u0004",
        record.getAttribute("data-magic"),
        "the console downloaded the record zip");
    assertTrue(Long.parseLong(record.getAttribute("data-bytes")) > 1000);
    assertEquals(
        403,
        b.api.get("/api/polls/" + pollId + "/record", null).status(),
        "the same route without the session");
    // the delivery to the authority (001 §7.1) starts with publication: due, with its date
    b.waitText("delivery-status", "Chưa gửi cấp có thẩm quyền");
    b.waitText("delivery-status", "hạn 20");
    b.screenshot("console-published");

    JsonNode admin = Scenario.expect(b.api.get("/admin/polls/" + pollId, b.admin), 200).json();
    assertEquals("PUBLISHED", admin.get("status").asText());
    assertEquals(2, admin.get("subjects").size());
    assertEquals("Nguyễn Văn An", admin.get("subjects").get(0).get("name").asText());
    assertEquals(6, admin.get("attendance").get("summoned").asInt());
    assertEquals("Đảng bộ tỉnh Thừa Thiên Huế", admin.get("form").get("body").asText());
    assertEquals(
        2026, admin.get("form").get("year").asInt(), "the year defaults to the poll date's");
    assertEquals(5, admin.get("attendance").get("present").asInt());
    assertEquals(4, admin.get("attendance").get("presentAtVoting").asInt());
    assertTrue(b.driver.findElement(By.id("p-booth")).getText().endsWith("/booth/" + pollId));
    b.assertCleanConsole();
  }
}
