package org.cvote.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cvote.server.demo.DemoRunner;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * The report routes on a real pipeline (ceremony, ballots, partial decryptions, tally,
 * publication), and who may see the results (docs/domain.md §7 "Who may see results").
 */
@LocalServer
class ResultsAccessTest {
  static final TestApp APP = TestApp.create();
  static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  private final URI uri;
  private final Api api;
  private final String admin;

  ResultsAccessTest(URI uri) {
    this.uri = uri;
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private DemoRunner run(String visibility, int subjects, int ballots, Path out) {
    DemoRunner d =
        new DemoRunner(uri, "admin", APP.adminPassword, QUIET)
            .visibility(visibility)
            .setUp(DemoRunner.Options.of(subjects, ballots, 3, 2));
    d.runAuto(ballots, out);
    return d;
  }

  @Test
  void participantsOnlyResultsAndTheReportRoutes() throws Exception {
    Path out = Files.createTempDirectory("cvote-report");
    DemoRunner d = run("PARTICIPANTS", 2, 4, out);
    String id = d.pollId();
    String results = "/api/polls/" + id + "/results";

    // the demo wrote the report beside the record
    assertTrue(Files.size(out.resolve("report.pdf")) > 1000);
    assertTrue(Files.readString(out.resolve("report.html")).contains("T/M BAN KIỂM PHIẾU"));

    // one source of truth: the report's figures are tally.json's
    JsonNode tally = Api.JSON.readTree(Files.readAllBytes(out.resolve("tally.json")));
    Api.Res rep = api.get("/admin/polls/" + id + "/report.json", admin);
    assertEquals(200, rep.status(), rep.toString());
    JsonNode j = rep.json();
    for (String f :
        new String[] {
          "summoned", "present", "absentFromStart", "presentAtVoting", "issued", "collected"
        }) {
      assertEquals(tally.get(f).asLong(), j.get("attendance").get(f).asLong(), f);
    }
    for (int s = 0; s < 2; s++) {
      JsonNode t = tally.get("results").get(s), r = j.get("results").get(s);
      assertEquals(t.get("valid").asLong(), r.get("valid").asLong());
      assertEquals(t.get("flag").asText(), r.get("flag").asText());
      for (int k = 0; k < 3; k++) {
        assertEquals(t.get("counts").get(k).asLong(), r.get("levels").get(k).get("count").asLong());
        assertEquals(
            t.get("percent").get(k).asText(), r.get("levels").get(k).get("percent").asText());
      }
      assertTrue(r.get("personId").asText().startsWith("P-"));
    }
    assertEquals(3, j.get("committee").get("members").size());
    assertEquals(1, j.get("committee").get("head").get("index").asInt());
    assertNotNull(j.get("count").get("from").textValue());
    assertNotNull(j.get("count").get("to").textValue());
    assertTrue(
        j.get("count").get("from").asText().compareTo(j.get("count").get("to").asText()) <= 0);
    // the secretariat names the head
    assertEquals(
        400, api.put("/admin/polls/" + id + "/report/head", Map.of("head", 9), admin).status());
    assertEquals(
        200, api.put("/admin/polls/" + id + "/report/head", Map.of("head", 2), admin).status());
    JsonNode j2 = api.get("/admin/polls/" + id + "/report.json?lang=en", admin).json();
    assertEquals(2, j2.get("committee").get("head").get("index").asInt());
    assertEquals("en", j2.get("lang").asText());
    Api.Res html = api.get("/admin/polls/" + id + "/report.html", admin);
    assertEquals(200, html.status());
    assertTrue(html.contentType().startsWith("text/html"));
    Api.Res pdf = api.get("/admin/polls/" + id + "/report.pdf", admin);
    assertEquals("application/pdf", pdf.contentType());
    try (PDDocument doc = Loader.loadPDF(pdf.raw())) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains(j.get("results").get(0).get("name").asText()), text);
    }
    assertEquals(401, api.get("/admin/polls/" + id + "/report.json", null).status());

    // a stranger is refused, whatever they try
    Api.Res stranger = api.get(results, null);
    assertEquals(403, stranger.status(), stranger.toString());
    assertEquals("participants_only", stranger.error());
    assertEquals(403, api.get(results + ".html", null).status());
    assertEquals(403, api.get(results + "?receipt=" + "ab".repeat(32), null).status());
    assertEquals(403, api.get(results + "?code=not-a-code", null).status());
    assertEquals(403, api.get(results + "?subjectCode=ABCD-EFGH", null).status());
    assertEquals(403, api.send("GET", results + "?authority=auth-00", null, null, null).status());

    // a voter with their signed receipt (a ballot hash from the board is not enough:
    // ParticipantAccessTest), or their access code
    String hash =
        api.get("/api/polls/" + id + "/board", null)
            .json()
            .path("ballots")
            .get(0)
            .path("hash")
            .asText();
    assertEquals(403, api.get(results + "?receipt=" + hash, null).status());
    Api.Res voter =
        api.get(results + "?receipt=" + ParticipantAccessTest.wire(d.receipts().get(0)), null);
    assertEquals(200, voter.status(), voter.toString());
    assertEquals(2, voter.json().get("results").size());
    Api.Res byCode =
        api.get(
            results
                + "?code="
                + java.net.URLEncoder.encode(d.accessCodes().get(0), StandardCharsets.UTF_8),
            null);
    assertEquals(200, byCode.status(), byCode.toString());
    // the secretariat
    assertEquals(200, api.get(results, admin).status());
    // the managing authority with a read-only key
    Api.Res key =
        api.post(
            "/admin/authority-keys",
            Map.of("label", "Ban Tổ chức Tỉnh ủy", "polls", java.util.List.of(id)),
            admin);
    assertEquals(201, key.status(), key.toString());
    String authority = key.json().get("key").asText();
    Api.Res byAuthority = api.get(results + "?authority=" + authority, null);
    assertEquals(200, byAuthority.status(), byAuthority.toString());
    // the subject with their own viewing code sees their own row
    Api.Res vc = api.post("/admin/polls/" + id + "/subjects/2/viewing-code", null, admin);
    assertEquals(201, vc.status(), vc.toString());
    String code = vc.json().get("viewingCode").asText();
    Api.Res subject =
        api.get(
            results + "?subjectCode=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8),
            null);
    assertEquals(200, subject.status(), subject.toString());
    assertEquals(1, subject.json().get("results").size());
    assertEquals(2, subject.json().get("results").get(0).get("index").asInt());
    assertEquals(
        vc.json().get("personId").asText(),
        subject.json().get("results").get(0).get("personId").asText());

    // a person's results across places, for the secretariat and the authority only
    String person = vc.json().get("personId").asText();
    assertEquals(401, api.get("/admin/people/" + person + "/results", null).status());
    Api.Res p = api.get("/admin/people/" + person + "/results?authority=" + authority, null);
    assertEquals(200, p.status(), p.toString());
    assertEquals(1, p.json().get("places").size());
    assertEquals(
        tally.get("results").get(1).get("flag").asText(),
        p.json().get("places").get(0).get("flag").asText());
  }

  @Test
  void aPublicPollsResultsAreForEveryone() throws Exception {
    DemoRunner d = run("PUBLIC", 1, 2, Files.createTempDirectory("cvote-report"));
    Api.Res r = api.get("/api/polls/" + d.pollId() + "/results", null);
    assertEquals(200, r.status(), r.toString());
    assertEquals(2, r.json().get("attendance").get("collected").asLong());
    Api.Res html = api.get("/api/polls/" + d.pollId() + "/results.html?lang=en", null);
    assertEquals(200, html.status());
    assertTrue(html.text().contains("ON BEHALF OF THE COUNTING COMMITTEE"));
  }
}
