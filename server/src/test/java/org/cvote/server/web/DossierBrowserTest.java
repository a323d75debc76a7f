package org.cvote.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cvote.server.dossier.Calendar;
import org.cvote.server.support.Scenario;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The weeks before the vote in headless Chromium (docs/dossier.md): the secretariat uploads a
 * dossier; a voter opens the portal link from the slip, reads the dossier and files a written
 * request; the person answers through their own link; the voter sees the answer; on the day the
 * booth shows each person's dossier link and, once above the ballot, "Tiêu chí đánh giá".
 */
class DossierBrowserTest {
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static Browser b;

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

  private static JsonNode ok(Api.Res r, int status) {
    return Scenario.expect(r, status).json();
  }

  /** The path and fragment of a link the server printed (the test's server has a random port). */
  private static String local(String url) {
    return url.substring(url.indexOf("/portal.html"));
  }

  @Test
  void fromTheDossierToTheBooth() throws Exception {
    // a poll a month ahead: every step before the vote is still open
    String date = LocalDate.now(Calendar.DEFAULT_ZONE).plusDays(30).toString();
    String poll =
        ok(
                b.api.post(
                    "/admin/polls",
                    Map.of(
                        "title",
                        "Hội nghị Ban Chấp hành Đảng bộ Sở",
                        "place",
                        "Tây Ninh",
                        "date",
                        date,
                        "visibility",
                        "PARTICIPANTS"),
                    b.admin),
                201)
            .get("id")
            .asText();
    for (String name : List.of("Nguyễn Văn An", "Trần Thị Bình")) {
      ok(
          b.api.post(
              "/admin/polls/" + poll + "/subjects",
              Map.of("name", name, "position", "Phó Giám đốc Sở", "unit", "Sở Công Thương"),
              b.admin),
          201);
    }
    ok(
        b.api.postRaw(
            "/admin/polls/" + poll + "/roster/import",
            "name,unit\nLê Văn Cường,Phòng Kế hoạch\nPhạm Thị Dung,Văn phòng\n"
                + "Hoàng Văn Em,Thanh tra\n",
            "text/csv",
            b.admin),
        200);
    JsonNode people =
        ok(b.api.get("/admin/polls/" + poll + "/dossier", b.admin), 200).get("people");
    String an = people.get(0).get("personId").asText();

    // 1. the secretariat uploads An's self-report in the console; the calendar shows D−10 the
    // Vietnamese way
    java.nio.file.Path pdf = java.nio.file.Files.createTempFile("bao-cao", ".pdf");
    java.nio.file.Files.write(pdf, PDF);
    b.freshDevice();
    b.open("/console.html#poll=" + poll);
    b.visible("user").sendKeys("admin");
    b.driver.findElement(By.id("password")).sendKeys(b.app.adminPassword);
    b.clickable("login-submit").click();
    b.visible("dossier-panel");
    b.js("document.getElementById('dossier-panel').scrollIntoView();");
    b.screenshot("dossier-console");
    String d10 = LocalDate.parse(date).minusDays(10).format(Calendar.VN_DATE);
    assertEquals(
        d10,
        b.driver
            .findElement(By.cssSelector("#cal-steps tr[data-step='REQUESTS'] .last-day"))
            .getText());
    String row = "#dossier-people tr[data-person='" + an + "'] ";
    b.driver
        .findElement(By.cssSelector(row + "input.dossier-file[data-kind='report']"))
        .sendKeys(pdf.toString());
    b.driver.findElement(By.cssSelector(row + "[data-role='upload-report']")).click();
    b.waitFor(Duration.ofSeconds(10))
        .until(
            d ->
                !d.findElements(
                        By.cssSelector(row + "td[data-kind='report'][data-received='true']"))
                    .isEmpty());
    java.nio.file.Files.delete(pdf);
    String voterUrl =
        local(
            ok(b.api.post("/admin/polls/" + poll + "/portal/links", Map.of(), b.admin), 201)
                .get("links")
                .get(0)
                .get("url")
                .asText());

    // 2. the voter opens the slip's link, reads the dossier and files a request (Phụ lục 2, in
    // their name)
    b.freshDevice();
    b.open(voterUrl);
    b.visible("p-people");
    assertTrue(b.visible("me-name").getText().contains("Lê Văn Cường"));
    assertEquals("Tiêu chí đánh giá", b.visible("criteria-title").getText());
    WebElement read =
        b.driver.findElement(
            By.cssSelector("tr[data-person='" + an + "'] [data-role='read-report']"));
    read.click();
    b.waitFor(Duration.ofSeconds(10)).until(d -> "yes".equals(read.getAttribute("data-read")));
    assertEquals("%PDF", read.getAttribute("data-magic"), "the PDF itself reached the voter");
    assertEquals(String.valueOf(PDF.length), read.getAttribute("data-bytes"));
    b.visible("req-content").sendKeys("Đề nghị đồng chí làm rõ tiến độ dự án khu công nghiệp.");
    b.clickable("req-send").click();
    b.waitText("msg", "Đã gửi yêu cầu");
    assertTrue(b.visible("requests").getText().contains("tiến độ dự án"));
    b.screenshot("dossier-portal-voter");

    // 3. the person answers with their own link (another device)
    String personUrl =
        local(
            ok(
                    b.api.post(
                        "/admin/polls/" + poll + "/dossier/" + an + "/link", Map.of(), b.admin),
                    201)
                .get("url")
                .asText());
    String voterKey =
        (String) b.js("return localStorage.getItem(arguments[0]);", "cvote.portal." + poll);
    b.freshDevice();
    b.open(personUrl);
    b.visible("requests");
    assertTrue(
        b.driver.findElement(By.id("requests")).getText().contains("Lê Văn Cường"),
        "the request names the voter");
    b.driver
        .findElement(By.cssSelector("#requests .answer-text"))
        .sendKeys("Dự án chậm do giải phóng mặt bằng; dự kiến xong quý II.");
    b.driver.findElement(By.cssSelector("#requests [data-role='answer']")).click();
    b.waitText("msg", "Đã gửi trả lời");

    // 4. the voter, back on their device, sees the answer
    b.freshDevice();
    b.js("localStorage.setItem(arguments[0], arguments[1]);", "cvote.portal." + poll, voterKey);
    b.open(voterUrl);
    b.waitFor(Duration.ofSeconds(10))
        .until(d -> !d.findElements(By.cssSelector("#requests .req-answer")).isEmpty());
    assertTrue(
        b.driver
            .findElement(By.cssSelector("#requests .req-answer"))
            .getText()
            .contains("giải phóng mặt bằng"));

    // 5. on the day: the booth shows the dossier link beside each row and the criteria above the
    // ballot
    Scenario s = new Scenario(b.api, b.app.app, b.admin);
    s.pollId = poll;
    s.subjects = 2;
    s.checkIn(2).ceremony().open();
    b.open("/booth/" + poll + "#code=" + s.codes.get(0));
    b.clickable("code-submit").click();
    b.visible("s-form");
    b.waitText("criteria-title", "Tiêu chí đánh giá");
    b.screenshot("dossier-booth");
    List<WebElement> links =
        b.driver.findElements(By.cssSelector("#ballot-rows a[data-role='dossier']"));
    assertEquals(2, links.size());
    String href = links.get(0).getAttribute("href");
    assertTrue(href.endsWith("/portal.html?poll=" + poll + "&subject=1"), href);
    // the link opens the portal with the key this device saved: the booth itself sent none
    b.driver.get(href);
    b.visible("p-people");
    assertTrue(b.visible("me-name").getText().contains("Lê Văn Cường"));
    b.assertCleanConsole();
  }
}
