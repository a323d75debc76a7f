package org.cvote.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.cvote.server.support.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secretariat's console in headless Chromium: log in, create a poll, import subjects and the
 * roster from CSV (with the preview), check voters in and get the printable code slips, start the
 * key ceremony, and open the poll once the ceremony is done with the quorum shown.
 *
 * <p>The ceremony itself is run by simulated members ({@link SimulatedMembers}): the committee
 * library's ceremony, its outcome handed to {@code PollLifecycle.completeCeremony}, since the
 * server has no committee routes yet.
 */
class ConsoleBrowserTest {
    static Browser b;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        b = new Browser();
    }

    @RegisterExtension
    final TestWatcher onFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (b != null) b.watcher.testFailed(context, cause);
        }
    };

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    private void setValue(String id, String value) {
        b.js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true}));", id, value);
    }

    private String status() {
        return b.driver.findElement(By.id("p-status")).getAttribute("data-status");
    }

    private void waitStatus(String s) {
        b.waitFor(Duration.ofSeconds(20)).until(d -> s.equals(status()));
    }

    @Test
    void theSecretariatCreatesAPollFromCsvAndOpensIt() {
        b.freshDevice();
        b.open("/console.html");
        b.visible("login");
        b.visible("user").sendKeys("admin");
        b.driver.findElement(By.id("password")).sendKeys("wrong password");
        b.clickable("login-submit").click();
        b.waitFor(Duration.ofSeconds(10)).until(d -> "unauthorized".equals(d.findElement(By.id("msg")).getAttribute("data-error")));
        WebElement pw = b.driver.findElement(By.id("password"));
        pw.clear();
        pw.sendKeys(b.app.adminPassword);
        b.clickable("login-submit").click();
        b.visible("main");

        b.visible("np-title").sendKeys("Hội nghị lấy phiếu tín nhiệm HĐND tỉnh");
        b.driver.findElement(By.id("np-place")).sendKeys("Hội trường A, Huế");
        setValue("np-date", "2026-11-23");
        b.clickable("np-create").click();
        b.visible("poll");
        waitStatus("DRAFT");
        String pollId = b.driver.findElement(By.id("p-id")).getText();
        assertTrue(pollId.startsWith("p-"), pollId);

        setValue("subjects-csv", """
                name,position,unit,retiring
                Nguyễn Văn An,Chủ tịch HĐND tỉnh,HĐND tỉnh,no
                Trần Thị Bình,Phó Chủ tịch UBND tỉnh,UBND tỉnh,no
                Lê Văn Cường,Phó Chủ tịch HĐND tỉnh,HĐND tỉnh,yes
                """);
        b.clickable("subjects-preview-btn").click();
        b.waitText("subjects-preview", "3");
        assertEquals(3, b.driver.findElements(By.cssSelector("#subjects-preview tbody tr")).size());
        b.clickable("subjects-import").click();
        b.waitFor(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#subjects tr")).size() == 2);
        assertTrue(b.driver.findElement(By.id("subjects-refused")).getText().contains("Lê Văn Cường"), "the retiring subject is refused");

        StringBuilder roster = new StringBuilder("name,unit\n");
        for (int i = 1; i <= 6; i++) roster.append("Đại biểu số ").append(i).append(",Tổ đại biểu ").append((i + 1) / 2).append('\n');
        setValue("roster-csv", roster.toString());
        b.clickable("roster-preview-btn").click();
        b.waitText("roster-preview", "6");
        b.screenshot("console-roster-preview");
        b.clickable("roster-import").click();
        b.waitFor(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#roster tr")).size() == 6);
        b.waitText("q-summoned", "6");
        assertTrue(b.driver.findElement(By.id("q-met")).getAttribute("class").contains("bad"), "no quorum before check-in");

        // check in 4 of 6 (quorum: 3·4 ≥ 2·6)
        List<WebElement> picks = b.driver.findElements(By.cssSelector("#roster input.pick"));
        for (int i = 0; i < 4; i++) picks.get(i).click();
        b.clickable("check-in").click();
        b.visible("sheet-panel");
        List<WebElement> slips = b.driver.findElements(By.cssSelector("#sheet .slip"));
        assertEquals(4, slips.size());
        List<String> codes = new ArrayList<>();
        for (WebElement s : slips) {
            assertEquals(1, s.findElements(By.tagName("svg")).size(), "a QR code per slip");
            codes.add(s.findElement(By.cssSelector(".code")).getText());
        }
        assertTrue(codes.get(0).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]"), codes.get(0));
        b.js("document.getElementById('sheet-panel').scrollIntoView();");
        b.screenshot("console-code-slips");
        b.waitText("q-present", "4");
        b.waitFor(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("q-met")).getAttribute("class").contains("ok"));
        // voter 4 leaves before voting: still counted present for the quorum, not at voting time
        b.driver.findElement(By.cssSelector("#roster tr[data-voter='4'] input.pick")).click();
        b.clickable("left").click();
        b.waitText("q-voting", "3");
        assertEquals("4", b.driver.findElement(By.id("q-present")).getText());

        b.clickable("start-ceremony").click();
        waitStatus("CEREMONY");
        assertTrue(b.driver.findElement(By.id("ceremony-state")).isDisplayed());
        SimulatedMembers.completeCeremony(b.app.app, pollId);
        waitStatus("READY"); // the console refreshes by itself
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

        JsonNode admin = Scenario.expect(b.api.get("/admin/polls/" + pollId, b.admin), 200).json();
        assertEquals("OPEN", admin.get("status").asText());
        assertEquals(2, admin.get("subjects").size());
        assertEquals("Nguyễn Văn An", admin.get("subjects").get(0).get("name").asText());
        assertEquals(6, admin.get("attendance").get("summoned").asInt());
        assertEquals(4, admin.get("attendance").get("present").asInt());
        assertEquals(3, admin.get("attendance").get("presentAtVoting").asInt());
        assertTrue(b.driver.findElement(By.id("p-booth")).getText().endsWith("/booth/" + pollId));
        b.assertCleanConsole();
    }
}
