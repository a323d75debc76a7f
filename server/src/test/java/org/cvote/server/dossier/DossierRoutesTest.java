package org.cvote.server.dossier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * The weeks before the vote over HTTP (docs/dossier.md): the deadlines the server enforces in the
 * poll's time zone, reopenings in the audit log, the file checks, who may read a dossier and who
 * may read an answer.
 */
@LocalServer
class DossierRoutesTest {
  /** 12:00 in Hà Nội on 1 July 2030; every test sets the clock it needs. */
  static final Instant START = Instant.parse("2030-07-01T05:00:00Z");

  static final SetClock CLOCK = new SetClock(START);
  static final TestApp APP = TestApp.create(UnaryOperator.identity(), CLOCK);
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  private final Api api;

  DossierRoutesTest(URI uri) {
    this.api = new Api(uri);
  }

  /** A session opened at the clock's current time (sessions expire by the same clock). */
  private String admin() {
    return api.login("admin", APP.adminPassword);
  }

  private static final java.util.concurrent.atomic.AtomicInteger SEQ =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final Map<String, String[]> PEOPLE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The person id of subject 1 or 2 of a poll (a person is rated in at most two places a year: one
   * id per poll).
   */
  private static String p(String poll, int i) {
    return PEOPLE.get(poll)[i - 1];
  }

  /** A draft poll on {@code date} with two persons rated and three voters. */
  private String poll(String admin, String date) {
    int n = SEQ.incrementAndGet();
    Api.Res r =
        api.post(
            "/admin/polls",
            Map.of(
                "title",
                "Hội nghị Ban Chấp hành",
                "place",
                "Tây Ninh",
                "date",
                date,
                "visibility",
                "PARTICIPANTS"),
            admin);
    assertEquals(201, r.status(), r.toString());
    String id = r.json().get("id").asText();
    PEOPLE.put(id, new String[] {"CCCD-" + n + "-1", "CCCD-" + n + "-2"});
    for (String[] s : new String[][] {{"Nguyễn Văn An", p(id, 1)}, {"Trần Thị Bình", p(id, 2)}}) {
      assertEquals(
          201,
          api.post(
                  "/admin/polls/" + id + "/subjects",
                  Map.of(
                      "name",
                      s[0],
                      "position",
                      "Phó Giám đốc Sở",
                      "unit",
                      "Sở Công Thương",
                      "personId",
                      s[1]),
                  admin)
              .status());
    }
    Api.Res roster =
        api.postRaw(
            "/admin/polls/" + id + "/roster/import",
            "name,unit\nLê Văn Cường,Phòng Kế hoạch\nPhạm Thị Dung,Văn phòng Sở\nHoàng Văn Em,Thanh tra Sở\n",
            "text/csv",
            admin);
    assertEquals(200, roster.status(), roster.toString());
    return id;
  }

  /** Issues every voter's portal link; the keys in voter order. */
  private List<String> voterKeys(String admin, String poll) {
    Api.Res r = api.post("/admin/polls/" + poll + "/portal/links", Map.of(), admin);
    assertEquals(201, r.status(), r.toString());
    List<String> keys = new ArrayList<>();
    for (JsonNode l : r.json().get("links")) {
      keys.add(key(l.get("url").asText()));
    }
    return keys;
  }

  private static String key(String url) {
    assertTrue(url.contains("/portal.html#k="), url);
    return url.substring(url.indexOf("#k=") + 3);
  }

  private String personKey(String admin, String poll, String person) {
    Api.Res r = api.post("/admin/polls/" + poll + "/dossier/" + person + "/link", Map.of(), admin);
    assertEquals(201, r.status(), r.toString());
    return key(r.json().get("url").asText());
  }

  private Api.Res portal(String method, String path, Object body, String key) {
    byte[] b = body == null ? null : body instanceof byte[] raw ? raw : json(body);
    String type =
        body == null ? null : body instanceof byte[] ? "application/pdf" : "application/json";
    return api.send(method, "/api/portal" + path, b, type, null, Map.of(PortalRoutes.HEADER, key));
  }

  private static byte[] json(Object o) {
    try {
      return Api.JSON.writeValueAsBytes(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Api.Res request(String key, String person, String text) {
    return portal("POST", "/requests", Map.of("personId", person, "content", text), key);
  }

  private List<String> audit(String admin, String poll, String action) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : api.get("/admin/polls/" + poll + "/audit", admin).json().get("entries")) {
      if (action.equals(e.get("action").asText())) {
        out.add(e.get("detail").asText());
      }
    }
    return out;
  }

  @Test
  void requestAfterTheLastDayIsRefusedUntilReopened() {
    CLOCK.set(START);
    String admin = admin();
    String poll =
        poll(admin, "2030-07-26"); // D−10 = 16/07/2030, closes 2030-07-16T17:00Z in Hà Nội
    String voter = voterKeys(admin, poll).get(0);
    CLOCK.set(Instant.parse("2030-07-16T16:59:59Z"));
    assertEquals(
        201,
        request(voter, p(poll, 1), "Đề nghị làm rõ kết quả thực hiện nhiệm vụ năm 2029.").status());
    CLOCK.set(Instant.parse("2030-07-16T17:00:00Z")); // midnight in Hà Nội; still 16 July in UTC
    Api.Res late = request(voter, p(poll, 1), "Đề nghị làm rõ thêm.");
    assertEquals(409, late.status(), late.toString());
    assertEquals("deadline_passed", late.error());
    assertEquals("requests", late.field());
    String msg = late.json().get("message").asText();
    assertTrue(
        msg.contains("16/07/2030") && msg.contains("Đã hết hạn") && msg.contains("reopen"), msg);
    admin = admin();
    assertEquals(
        1,
        api.get("/admin/polls/" + poll + "/dossier/requests", admin).json().get("requests").size(),
        "the refused request was not stored");

    Api.Res noReason =
        api.post(
            "/admin/polls/" + poll + "/calendar/reopen",
            Map.of("step", "REQUESTS", "until", "2030-07-18", "reason", ""),
            admin);
    assertEquals(400, noReason.status());
    assertEquals("reason", noReason.field());
    Api.Res reopened =
        api.post(
            "/admin/polls/" + poll + "/calendar/reopen",
            Map.of("step", "REQUESTS", "until", "2030-07-18", "reason", "Hồ sơ gửi chậm 2 ngày"),
            admin);
    assertEquals(200, reopened.status(), reopened.toString());
    assertEquals(201, request(voter, p(poll, 1), "Đề nghị làm rõ thêm.").status());
    assertEquals(
        List.of("REQUESTS until 2030-07-18: Hồ sơ gửi chậm 2 ngày"),
        audit(admin, poll, "calendar.reopened"));
    CLOCK.set(Instant.parse("2030-07-18T17:00:00Z"));
    assertEquals(
        409, request(voter, p(poll, 1), "Sau hạn mới.").status(), "the reopened day ends too");
  }

  @Test
  void answerAfterTheLastDayIsRefusedUntilReopened() {
    CLOCK.set(START);
    String admin = admin();
    String poll = poll(admin, "2030-07-26"); // D−3 = 23/07/2030, closes 2030-07-23T17:00Z
    String voter = voterKeys(admin, poll).get(1);
    String person = personKey(admin, poll, p(poll, 2));
    String id =
        request(voter, p(poll, 2), "Đề nghị giải trình việc chậm tiến độ dự án.")
            .json()
            .get("id")
            .asText();
    String id2 = request(voter, p(poll, 2), "Câu hỏi thứ hai.").json().get("id").asText();
    CLOCK.set(Instant.parse("2030-07-23T17:00:00Z"));
    Api.Res late =
        portal("POST", "/requests/" + id + "/answer", Map.of("answer", "Giải trình: ..."), person);
    assertEquals(409, late.status(), late.toString());
    assertEquals("answers", late.field());
    admin = admin();
    Api.Res lateOffice =
        api.post(
            "/admin/polls/" + poll + "/dossier/requests/" + id2 + "/answer",
            Map.of("answer", "Trả lời"),
            admin);
    assertEquals(409, lateOffice.status(), "the office's entry is bound by the same deadline");
    JsonNode overview = api.get("/admin/polls/" + poll + "/dossier", admin).json();
    assertEquals(2, overview.get("overdueAnswers").size());
    assertEquals("missed", overview.get("people").get(1).get("deadlines").get("ANSWERS").asText());

    assertEquals(
        200,
        api.post(
                "/admin/polls/" + poll + "/calendar/reopen",
                Map.of("step", "ANSWERS", "until", "2030-07-24", "reason", "Đồng chí đi công tác"),
                admin)
            .status());
    Api.Res ok =
        portal(
            "POST",
            "/requests/" + id + "/answer",
            Map.of("answer", "Giải trình: dự án chậm do giải phóng mặt bằng."),
            person);
    assertEquals(200, ok.status(), ok.toString());
    assertEquals(
        200,
        api.post(
                "/admin/polls/" + poll + "/dossier/requests/" + id2 + "/answer",
                Map.of("answer", "Trả lời qua văn phòng"),
                admin)
            .status());
    assertEquals(
        409,
        portal("POST", "/requests/" + id + "/answer", Map.of("answer", "lần hai"), person).status(),
        "an answer is given once");
    assertEquals(
        List.of("ANSWERS until 2030-07-24: Đồng chí đi công tác"),
        audit(admin, poll, "calendar.reopened"));
    overview = api.get("/admin/polls/" + poll + "/dossier", admin).json();
    assertEquals(0, overview.get("openRequests").size());
    assertEquals(
        "reopened", overview.get("people").get(1).get("deadlines").get("ANSWERS").asText());
    assertEquals(2, overview.get("people").get(1).get("requests").get("answered").asInt());
  }

  @Test
  void customOffsetsAreEnforced() {
    CLOCK.set(START);
    String admin = admin();
    String poll = poll(admin, "2030-07-26");
    Api.Res set =
        api.put(
            "/admin/polls/" + poll + "/calendar",
            Map.of(
                "timeZone",
                "Asia/Ho_Chi_Minh",
                "report",
                25,
                "dossier",
                16,
                "requests",
                11,
                "answers",
                6,
                "forward",
                3),
            admin);
    assertEquals(200, set.status(), set.toString());
    assertEquals("15/07/2030", set.json().get("steps").get(2).get("lastDayVi").asText());
    Api.Res bad =
        api.put(
            "/admin/polls/" + poll + "/calendar",
            Map.of("report", 10, "dossier", 16, "requests", 11, "answers", 6, "forward", 3),
            admin);
    assertEquals(400, bad.status());
    assertEquals("dossier", bad.field());
    String voter = voterKeys(admin, poll).get(2);
    CLOCK.set(
        Instant.parse(
            "2030-07-15T17:00:00Z")); // 16/07 in Hà Nội: open under 001's D−10, closed under D−11
    assertEquals("deadline_passed", request(voter, p(poll, 1), "Câu hỏi").error());
  }

  @Test
  void uploadsThatAreNotPdfOrTooLargeAreRefusedAndNothingIsStored() {
    CLOCK.set(START);
    String admin = admin();
    String poll = poll(admin, "2030-07-26");
    String path = "/admin/polls/" + poll + "/dossier/" + p(poll, 1) + "/files/";
    org.cvote.server.support.DbSnapshot before =
        org.cvote.server.support.DbSnapshot.take(APP.app.database());
    Api.Res html =
        api.send(
            "PUT",
            path + "report",
            "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8),
            "application/pdf",
            admin);
    assertEquals(400, html.status(), html.toString());
    assertEquals("report", html.field());
    Api.Res wrongType = api.send("PUT", path + "declaration", PDF, "text/html", admin);
    assertEquals(415, wrongType.status());
    assertEquals("declaration", wrongType.field());
    byte[] big = new byte[PdfUpload.MAX_BYTES + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    Api.Res tooBig = api.send("PUT", path + "declaration", big, "application/pdf", admin);
    assertEquals(413, tooBig.status(), tooBig.toString());
    assertEquals("declaration", tooBig.field());
    assertEquals(
        List.of(),
        before.changedIn(org.cvote.server.support.DbSnapshot.take(APP.app.database())),
        "nothing stored");
    JsonNode first =
        api.get("/admin/polls/" + poll + "/dossier", admin).json().get("people").get(0);
    assertFalse(first.get("report").get("received").asBoolean());
    assertFalse(first.get("declaration").get("received").asBoolean());
    assertEquals(404, api.get(path + "report", admin).status());
    assertTrue(audit(admin, poll, "dossier.uploaded").isEmpty());

    String person = personKey(admin, poll, p(poll, 1));
    Api.Res personHtml =
        portal("PUT", "/files/report", "GIF89a".getBytes(StandardCharsets.US_ASCII), person);
    assertEquals(400, personHtml.status());
    assertEquals("report", personHtml.field());
    assertEquals(200, portal("PUT", "/files/report", PDF, person).status());
    assertTrue(
        api.get("/admin/polls/" + poll + "/dossier", admin)
            .json()
            .get("people")
            .get(0)
            .get("report")
            .get("received")
            .asBoolean());
  }

  @Test
  void aDossierIsReadByTheVotersOfThePollOnlyAndNotThroughARevokedLink() {
    CLOCK.set(START);
    String admin = admin();
    String poll = poll(admin, "2030-07-26");
    String other = poll(admin, "2030-08-20");
    assertEquals(
        200,
        api.send(
                "PUT",
                "/admin/polls/" + poll + "/dossier/" + p(poll, 1) + "/files/report",
                PDF,
                "application/pdf",
                admin)
            .status());
    List<String> voters = voterKeys(admin, poll);
    String outsider = voterKeys(admin, other).get(0);
    Api.Res read = portal("GET", "/files/" + p(poll, 1) + "/report", null, voters.get(0));
    assertEquals(200, read.status());
    assertEquals("application/pdf", read.contentType());
    assertArrayEquals(PDF, read.raw());
    assertEquals(
        404,
        portal("GET", "/files/" + p(poll, 1) + "/report", null, outsider).status(),
        "a voter of another poll");
    assertEquals(
        401, portal("GET", "/files/" + p(poll, 1) + "/report", null, "not-a-key").status());
    assertEquals(
        401, api.get("/api/portal/files/" + p(poll, 1) + "/report", null).status(), "no key");
    assertEquals(
        401,
        api.get("/admin/polls/" + poll + "/dossier/" + p(poll, 1) + "/files/report", null).status(),
        "no session");
    assertEquals(200, api.delete("/admin/polls/" + poll + "/portal/links/1", admin).status());
    assertEquals(
        401,
        portal("GET", "/files/" + p(poll, 1) + "/report", null, voters.get(0)).status(),
        "revoked");
    assertEquals(401, portal("GET", "/", null, voters.get(0)).status());
    assertEquals(
        200, portal("GET", "/files/" + p(poll, 1) + "/report", null, voters.get(1)).status());
    // a fresh link for voter 1 works, the old one stays dead
    Api.Res again = api.post("/admin/polls/" + poll + "/portal/links/1", Map.of(), admin);
    String fresh = key(again.json().get("links").get(0).get("url").asText());
    assertNotEquals(voters.get(0), fresh);
    assertEquals(200, portal("GET", "/files/" + p(poll, 1) + "/report", null, fresh).status());
    assertEquals(
        401, portal("GET", "/files/" + p(poll, 1) + "/report", null, voters.get(0)).status());
    // the person reads their own dossier, not another's; a revoked person link is dead
    String person2 = personKey(admin, poll, p(poll, 2));
    assertEquals(404, portal("GET", "/files/" + p(poll, 1) + "/report", null, person2).status());
    assertEquals(
        200,
        api.delete("/admin/polls/" + poll + "/dossier/" + p(poll, 2) + "/link", admin).status());
    assertEquals(401, portal("GET", "/", null, person2).status());
  }

  @Test
  void anAnswerIsSeenByTheVoterWhoAskedAndTheSecretariatNotByAnotherVoter() {
    CLOCK.set(START);
    String admin = admin();
    String poll = poll(admin, "2030-07-26");
    List<String> voters = voterKeys(admin, poll);
    String person = personKey(admin, poll, p(poll, 1));
    Api.Res filed =
        request(voters.get(0), p(poll, 1), "Đề nghị đồng chí làm rõ nguồn gốc tài sản kê khai.");
    assertEquals(201, filed.status(), filed.toString());
    String id = filed.json().get("id").asText();
    JsonNode toPerson = portal("GET", "/", null, person).json().get("requests");
    assertEquals(1, toPerson.size());
    assertEquals(
        "Lê Văn Cường", toPerson.get(0).get("voterName").asText(), "a request is not anonymous");
    assertEquals(
        200,
        portal(
                "POST",
                "/requests/" + id + "/answer",
                Map.of("answer", "Tài sản do thừa kế."),
                person)
            .status());

    JsonNode asker = portal("GET", "/", null, voters.get(0)).json();
    assertEquals("Tài sản do thừa kế.", asker.get("requests").get(0).get("answer").asText());
    assertEquals("Tiêu chí đánh giá", asker.get("criteria").get("titleVi").asText());
    JsonNode another = portal("GET", "/", null, voters.get(1)).json();
    assertEquals(0, another.get("requests").size());
    assertFalse(
        another.toString().contains("thừa kế"),
        "another voter sees neither the request nor the answer");
    assertEquals(
        403,
        portal("POST", "/requests/" + id + "/answer", Map.of("answer", "x"), voters.get(1))
            .status(),
        "a voter cannot answer");
    String person2 = personKey(admin, poll, p(poll, 2));
    assertEquals(
        0,
        portal("GET", "/", null, person2).json().get("requests").size(),
        "another person does not see it");
    assertEquals(
        404,
        portal("POST", "/requests/" + id + "/answer", Map.of("answer", "x"), person2).status());
    JsonNode all =
        api.get("/admin/polls/" + poll + "/dossier/requests", admin).json().get("requests");
    assertEquals("Tài sản do thừa kế.", all.get(0).get("answer").asText());
  }

  @Test
  void thePersonsOwnUploadClosesWithTheReportStepTheOfficeMayStillFileItLate() {
    CLOCK.set(START);
    String admin = admin();
    String poll = poll(admin, "2030-07-26"); // D−20 = 06/07/2030, closes 2030-07-06T17:00Z
    String person = personKey(admin, poll, p(poll, 1));
    CLOCK.set(Instant.parse("2030-07-06T17:00:00Z"));
    Api.Res late = portal("PUT", "/files/declaration", PDF, person);
    assertEquals(409, late.status(), late.toString());
    assertEquals("report", late.field());
    admin = admin();
    assertEquals(
        200,
        api.send(
                "PUT",
                "/admin/polls/" + poll + "/dossier/" + p(poll, 1) + "/files/declaration",
                PDF,
                "application/pdf",
                admin)
            .status());
    JsonNode first =
        api.get("/admin/polls/" + poll + "/dossier", admin).json().get("people").get(0);
    assertTrue(first.get("declaration").get("late").asBoolean());
    assertFalse(first.get("report").get("received").asBoolean());
    assertEquals("missed", first.get("deadlines").get("REPORT").asText());
    assertEquals(
        200,
        api.post(
                "/admin/polls/" + poll + "/calendar/reopen",
                Map.of("step", "REPORT", "until", "2030-07-08", "reason", "Đồng chí nằm viện"),
                admin)
            .status());
    assertEquals(200, portal("PUT", "/files/report", PDF, person).status());
    assertEquals(
        "reopened",
        api.get("/admin/polls/" + poll + "/dossier", admin)
            .json()
            .get("people")
            .get(0)
            .get("deadlines")
            .get("REPORT")
            .asText());
  }

  @Test
  void slipsCsvAndTheArchiveAreTheSecretariats() throws Exception {
    CLOCK.set(START);
    String admin = admin();
    String poll = poll(admin, "2030-07-26");
    assertEquals(
        200,
        api.send(
                "PUT",
                "/admin/polls/" + poll + "/dossier/" + p(poll, 1) + "/files/report",
                PDF,
                "application/pdf",
                admin)
            .status());
    Api.Res slips = api.post("/admin/polls/" + poll + "/portal/links?format=html", Map.of(), admin);
    assertEquals(200, slips.status());
    assertTrue(
        slips.text().contains("<svg")
            && slips.text().contains("Lê Văn Cường")
            && slips.text().contains("/portal.html#k="));
    Api.Res csv = api.post("/admin/polls/" + poll + "/portal/links?format=csv", Map.of(), admin);
    assertTrue(
        csv.text().startsWith("voter,name,unit,url\r\n1,\"Lê Văn Cường\",\"Phòng Kế hoạch\","),
        csv.text());
    assertEquals("\"'=HYPERLINK(1)\"", PortalSlips.cell("=HYPERLINK(1)"), "a formula is defused");
    String voter = key(csv.text().split("\r\n")[1].replaceAll(".*,\"", "").replace("\"", ""));
    assertEquals(
        401,
        portal(
                "GET",
                "/",
                null,
                key(slips.text().replaceAll("(?s).*?(/portal.html#k=[A-Za-z0-9_-]+).*", "$1")))
            .status(),
        "the CSV's fresh links replaced the slips'");
    assertEquals(201, request(voter, p(poll, 1), "Đề nghị làm rõ.").status());

    assertEquals(401, api.get("/admin/polls/" + poll + "/dossier/archive.zip", null).status());
    Api.Res zip = api.get("/admin/polls/" + poll + "/dossier/archive.zip", admin);
    assertEquals(200, zip.status());
    Map<String, byte[]> entries = new java.util.TreeMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.raw()))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    String requestId =
        api.get("/admin/polls/" + poll + "/dossier/requests", admin)
            .json()
            .get("requests")
            .get(0)
            .get("id")
            .asText();
    String form = "requests/001-" + requestId + ".html";
    assertEquals(
        Set.of(
            "calendar.json",
            "dossier/" + p(poll, 1) + "/report.pdf",
            "manifest.json",
            "people.json",
            "requests.json",
            form),
        entries.keySet());
    String formHtml = new String(entries.get(form), StandardCharsets.UTF_8);
    assertTrue(
        formHtml.contains("PHIẾU ĐẶT YÊU CẦU LÀM RÕ")
            && formHtml.contains("Tôi là: <b>Lê Văn Cường</b>")
            && formHtml.contains("ngày 1 tháng 7 năm 2030")
            && formHtml.contains("Kính gửi: đồng chí <b>Nguyễn Văn An</b>"),
        formHtml);
    Api.Res printable =
        api.get("/admin/polls/" + poll + "/dossier/requests/" + requestId + "/form.html", admin);
    assertEquals(200, printable.status());
    assertEquals(formHtml, printable.text());
    assertArrayEquals(PDF, entries.get("dossier/" + p(poll, 1) + "/report.pdf"));
    assertTrue(
        new String(entries.get("requests.json"), StandardCharsets.UTF_8).contains("Lê Văn Cường"));
    JsonNode manifest = Api.JSON.readTree(entries.get("manifest.json"));
    assertEquals(
        Digest.sha256(PDF).toHex(),
        manifest.get("sha256").get("dossier/" + p(poll, 1) + "/report.pdf").asText());

    // the managing authority fetches the same records with its key; a voter's portal key or
    // nothing: 403
    String authority =
        api.post(
                "/admin/authority-keys",
                Map.of("label", "Ban Tổ chức Tỉnh ủy", "polls", List.of(poll)),
                admin)
            .json()
            .get("key")
            .asText();
    String route = "/api/polls/" + poll + "/dossier/archive.zip";
    Api.Res byAuthority =
        api.send("GET", route, null, null, null, Map.of("X-Cvote-Authority", authority));
    assertEquals(200, byAuthority.status(), byAuthority.toString());
    assertEquals("application/zip", byAuthority.contentType());
    assertEquals(403, api.get(route, null).status());
    assertEquals(
        403, api.send("GET", route, null, null, null, Map.of(PortalRoutes.HEADER, voter)).status());
    assertEquals(
        403,
        api.send("GET", route, null, null, null, Map.of("X-Cvote-Authority", "auth-00")).status());
    // a key scoped to another poll is no credential here (docs/report.md: authority keys are
    // scoped)
    String other = poll(admin, "2026-12-20");
    String elsewhere =
        api.post(
                "/admin/authority-keys",
                Map.of("label", "Ban khác", "polls", List.of(other)),
                admin)
            .json()
            .get("key")
            .asText();
    assertEquals(
        403,
        api.send("GET", route, null, null, null, Map.of("X-Cvote-Authority", elsewhere)).status());
    List<String> exporters = new ArrayList<>();
    for (JsonNode e : api.get("/admin/polls/" + poll + "/audit", admin).json().get("entries")) {
      if (e.get("action").asText().equals("dossier.archive.exported")) {
        exporters.add(e.get("actor").asText());
      }
    }
    assertEquals(List.of("admin", "authority"), exporters, "every export is audited");
  }
}
