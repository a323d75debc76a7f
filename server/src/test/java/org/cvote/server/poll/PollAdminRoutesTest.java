package org.cvote.server.poll;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

@LocalServer
class PollAdminRoutesTest {
  static final TestApp APP = TestApp.create();
  private final Api api;
  private final String admin;

  PollAdminRoutesTest(URI uri) {
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private String newPoll() {
    Api.Res r =
        expect(
            api.post(
                "/admin/polls",
                Map.of("title", "Hội nghị", "place", "Huế", "date", "2026-12-01"),
                admin),
            201);
    return r.json().get("id").asText();
  }

  @Test
  void createNormalisesTextToNfcAndStartsAsDraft() {
    String decomposed = Normalizer.normalize("Lấy phiếu tín nhiệm", Normalizer.Form.NFD);
    assertNotEquals("Lấy phiếu tín nhiệm", decomposed);
    Api.Res r =
        expect(
            api.post(
                "/admin/polls",
                Map.of(
                    "title",
                    decomposed,
                    "place",
                    " Đà Nẵng ",
                    "date",
                    "2026-12-01",
                    "visibility",
                    "PARTICIPANTS"),
                admin),
            201);
    assertEquals("Lấy phiếu tín nhiệm", r.json().get("title").asText());
    assertEquals("Đà Nẵng", r.json().get("place").asText());
    assertEquals("DRAFT", r.json().get("status").asText());
    assertEquals("PARTICIPANTS", r.json().get("visibility").asText());
    String id = r.json().get("id").asText();
    assertEquals(200, api.get("/admin/polls/" + id, admin).status());
    assertTrue(api.get("/admin/polls", admin).json().get("polls").size() >= 1);
    assertEquals(404, api.get("/admin/polls/p-nope", admin).status());
  }

  @Test
  void theFormsHeadingIsStoredBesideThePollNotInTheManifest() {
    Api.Res r =
        expect(
            api.post(
                "/admin/polls",
                Map.of(
                    "title",
                    "Hội nghị Ban Chấp hành",
                    "place",
                    "Huế",
                    "date",
                    "2026-12-01",
                    "body",
                    " Đảng bộ tỉnh ",
                    "voterGroup",
                    "Ban Chấp hành Đảng bộ tỉnh",
                    "post",
                    "Ủy viên Ban Thường vụ Tỉnh ủy"),
                admin),
            201);
    String id = r.json().get("id").asText();
    assertEquals("Đảng bộ tỉnh", r.json().get("form").get("body").asText());
    assertEquals(
        2026, r.json().get("form").get("year").asInt(), "defaults to the poll date's year");
    Api.Res bad =
        api.post(
            "/admin/polls",
            Map.of("title", "x", "place", "Huế", "date", "2026-12-01", "year", 2019),
            admin);
    assertEquals(400, bad.status());
    assertEquals("year", bad.field());
    Api.Res tooLong =
        api.put("/admin/polls/" + id + "/form", Map.of("post", "x".repeat(501)), admin);
    assertEquals(400, tooLong.status());
    assertEquals("post", tooLong.field());
    JsonNode f =
        expect(
                api.put(
                    "/admin/polls/" + id + "/form",
                    Map.of(
                        "body",
                        "Đảng bộ tỉnh Thừa Thiên Huế",
                        "voterGroup",
                        "Ban Chấp hành Đảng bộ tỉnh",
                        "post",
                        "Ủy viên Ban Thường vụ Tỉnh ủy",
                        "year",
                        2026),
                    admin),
                200)
            .json();
    assertEquals("Đảng bộ tỉnh Thừa Thiên Huế", f.get("body").asText());
    // the booth reads it beside the manifest, which is unchanged (M and Q do not cover it)
    JsonNode pub = expect(api.get("/api/polls/" + id, null), 200).json();
    assertEquals("Ủy viên Ban Thường vụ Tỉnh ủy", pub.get("form").get("post").asText());
    assertFalse(pub.get("manifest").has("body"));
    assertFalse(pub.get("manifest").has("post"));
    assertEquals(
        "Đảng bộ tỉnh Thừa Thiên Huế",
        expect(api.get("/admin/polls/" + id, admin), 200).json().get("form").get("body").asText());
  }

  @Test
  void createRefusesBadInputNamingTheField() {
    Api.Res r = api.post("/admin/polls", Map.of("place", "Huế", "date", "2026-12-01"), admin);
    assertEquals(400, r.status());
    assertEquals("title", r.field());
    r = api.post("/admin/polls", Map.of("title", "x", "place", "Huế", "date", "1/12/2026"), admin);
    assertEquals("date", r.field());
    r =
        api.post(
            "/admin/polls",
            Map.of("title", "x", "place", "Huế", "date", "2026-12-01", "visibility", "SECRET"),
            admin);
    assertEquals("visibility", r.field());
    r =
        api.post(
            "/admin/polls",
            Map.of("title", "x", "place", "Huế", "date", "2026-12-01", "colour", "red"),
            admin);
    assertEquals("unknown_field", r.error());
    assertEquals("colour", r.field());
    r =
        api.post(
            "/admin/polls",
            "{\"title\":\"a\",\"title\":\"b\",\"place\":\"x\",\"date\":\"2026-12-01\"}",
            admin);
    assertEquals(400, r.status());
    assertEquals("duplicate_key", r.error());
    r = api.post("/admin/polls", "{\"title\": 5, \"place\":\"x\",\"date\":\"2026-12-01\"}", admin);
    assertEquals(400, r.status());
    assertEquals("title", r.field());
    r = api.post("/admin/polls", "{not json", admin);
    assertEquals(400, r.status());
    assertEquals("malformed_json", r.error());
    r = api.send("POST", "/admin/polls", new byte[20000], "application/json", admin);
    assertEquals(413, r.status());
    assertEquals("too_large", r.error());
  }

  @Test
  void subjectsAddEditRemoveInDraftOnly() {
    String id = newPoll();
    String base = "/admin/polls/" + id + "/subjects";
    expect(
        api.post(
            base, Map.of("name", "Trần Thị Bình", "position", "Chủ tịch", "unit", "UBND"), admin),
        201);
    expect(
        api.post(
            base,
            Map.of("name", "Lê Văn Cường", "position", "Phó Chủ tịch", "unit", "UBND"),
            admin),
        201);
    expect(
        api.post(
            base,
            Map.of("name", "Phạm Đức Dũng", "position", "Giám đốc Sở", "unit", "Sở Tài chính"),
            admin),
        201);
    expect(
        api.put(
            base + "/2",
            Map.of("name", "Lê Văn Cường", "position", "Phó Chủ tịch thường trực", "unit", "UBND"),
            admin),
        200);
    JsonNode after = expect(api.delete(base + "/1", admin), 200).json().get("subjects");
    assertEquals(2, after.size());
    assertEquals(1, after.get(0).get("index").asInt(), "indices stay 1..S");
    assertEquals("Phó Chủ tịch thường trực", after.get(0).get("position").asText());
    assertEquals(2, after.get(1).get("index").asInt());
    assertEquals("Phạm Đức Dũng", after.get(1).get("name").asText());
    assertEquals(404, api.delete(base + "/9", admin).status());

    // 001 II.1: not rated, but kept with the reason and its date (not a subject, not on the ballot)
    Api.Res retiring =
        api.post(
            base,
            Map.of(
                "name",
                "Lê Văn Hưu",
                "position",
                "Phó Giám đốc",
                "unit",
                "Sở Nội vụ",
                "retiring",
                true,
                "exemptSince",
                "2026-10-15"),
            admin);
    assertEquals(201, retiring.status(), retiring.toString());
    assertEquals("RETIREMENT", retiring.json().get("exempted").get("reason").asText());
    assertEquals("2026-10-15", retiring.json().get("exempted").get("since").asText());
    Api.Res appointed =
        api.post(
            base,
            Map.of(
                "name",
                "Ngô Sĩ Liên",
                "position",
                "Giám đốc",
                "unit",
                "Sở Tư pháp",
                "appointedThisYear",
                true,
                "exemptSince",
                "2026-03-01"),
            admin);
    assertEquals("NEWLY_APPOINTED", appointed.json().get("exempted").get("reason").asText());
    // appointed in another year than the vote's: no exemption, the person is rated; nothing stored
    Api.Res lastYear =
        api.post(
            base,
            Map.of(
                "name",
                "X",
                "position",
                "Y",
                "unit",
                "Z",
                "electedThisYear",
                true,
                "exemptSince",
                "2025-06-01"),
            admin);
    assertEquals(400, lastYear.status());
    assertEquals("exemptSince", lastYear.field());
    assertEquals(
        "exemptSince",
        api.post(
                base,
                Map.of(
                    "name",
                    "X",
                    "position",
                    "Y",
                    "unit",
                    "Z",
                    "retiring",
                    true,
                    "exemptSince",
                    "2027-01-01"),
                admin)
            .field(),
        "announced after the vote");
    assertEquals(
        "retiring",
        api.post(
                base,
                Map.of(
                    "name",
                    "X",
                    "position",
                    "Y",
                    "unit",
                    "Z",
                    "retiring",
                    true,
                    "electedThisYear",
                    true),
                admin)
            .field(),
        "one reason");
    Api.Res yearZero =
        api.post(
            base,
            Map.of(
                "name",
                "X",
                "position",
                "Y",
                "unit",
                "Z",
                "retiring",
                true,
                "exemptSince",
                "0000-01-01"),
            admin);
    assertEquals(400, yearZero.status(), "a day no DATE column holds: " + yearZero);
    assertEquals("exemptSince", yearZero.field());
    JsonNode ex =
        expect(api.get("/admin/polls/" + id + "/exemptions", admin), 200).json().get("exempted");
    assertEquals(2, ex.size());
    assertEquals("Lê Văn Hưu", ex.get(0).get("name").asText());
    assertEquals(
        2,
        expect(api.get(base, admin), 200).json().get("subjects").size(),
        "the exempted are not subjects");
    assertEquals(
        1,
        expect(api.delete("/admin/polls/" + id + "/exemptions/2", admin), 200)
            .json()
            .get("exempted")
            .size());

    expect(
        api.postRaw("/admin/polls/" + id + "/roster/import", "name\nA\nB\n", "text/csv", admin),
        200);
    expect(api.post("/admin/polls/" + id + "/ceremony", null, admin), 200);
    for (Api.Res r :
        List.of(
            api.post(base, Map.of("name", "N", "position", "P", "unit", "U"), admin),
            api.put(base + "/1", Map.of("name", "N", "position", "P", "unit", "U"), admin),
            api.delete(base + "/1", admin),
            api.postRaw(base + "/import", "name,position,unit\nA,B,C\n", "text/csv", admin),
            api.postRaw("/admin/polls/" + id + "/roster/import", "name\nC\n", "text/csv", admin))) {
      assertEquals(409, r.status(), r.toString());
      assertEquals("wrong_state", r.error());
    }
  }

  @Test
  void subjectCsvKeepsVietnameseAndRecordsExemptionsWithReason() {
    String id = newPoll();
    String csv =
        "\uFEFFname,position,unit,retiring,appointedThisYear,exemptSince\r\n"
            + "Nguyễn Thị Hồng Nhung,\"Bí thư, Chủ tịch HĐND\",Tỉnh ủy Quảng Ngãi,,,\r\n"
            + "Võ Văn Thưởng,Phó Bí thư,Tỉnh ủy,có,,2026-09-30\r\n"
            + "Đặng Quốc Khánh,Giám đốc,Sở Nội vụ,no,yes,\r\n"
            + "Hoàng Minh Sơn,Trưởng ban,Ban Tổ chức,,,\r\n";
    JsonNode r =
        expect(api.postRaw("/admin/polls/" + id + "/subjects/import", csv, "text/csv", admin), 200)
            .json();
    assertEquals(2, r.get("imported").size());
    assertEquals("Nguyễn Thị Hồng Nhung", r.get("imported").get(0).get("name").asText());
    assertEquals("Bí thư, Chủ tịch HĐND", r.get("imported").get(0).get("position").asText());
    assertEquals(2, r.get("imported").get(1).get("index").asInt());
    assertEquals(2, r.get("exempted").size());
    assertEquals(3, r.get("exempted").get(0).get("line").asInt());
    assertEquals("RETIREMENT", r.get("exempted").get(0).get("reason").asText());
    assertEquals("2026-09-30", r.get("exempted").get(0).get("since").asText());
    assertEquals("NEWLY_APPOINTED", r.get("exempted").get(1).get("reason").asText());
    assertTrue(r.get("exempted").get(1).get("since").isNull());
    assertEquals(
        2,
        expect(api.get("/admin/polls/" + id + "/exemptions", admin), 200)
            .json()
            .get("exempted")
            .size());

    Api.Res notUtf8 =
        api.send(
            "POST",
            "/admin/polls/" + id + "/subjects/import",
            new byte[] {'n', 'a', 'm', 'e', '\n', (byte) 0xC3, (byte) 0x28},
            "text/csv",
            admin);
    assertEquals(400, notUtf8.status());
    Api.Res noHeader =
        api.postRaw("/admin/polls/" + id + "/subjects/import", "a,b\n", "text/csv", admin);
    assertEquals("csv.header", noHeader.field());
  }

  @Test
  void rosterImportCountsSummoned() {
    String id = newPoll();
    JsonNode r =
        expect(
                api.postRaw(
                    "/admin/polls/" + id + "/roster/import",
                    "name,unit\nNguyễn Văn A,Xã Hòa Bình\nTrần Văn B,Xã An Phú\n",
                    "text/csv",
                    admin),
                200)
            .json();
    assertEquals(2, r.get("summoned").asInt());
    r =
        expect(
                api.postRaw(
                    "/admin/polls/" + id + "/roster/import", "name\nLê C\n", "text/csv", admin),
                200)
            .json();
    assertEquals(3, r.get("summoned").asInt());
    JsonNode roster = expect(api.get("/admin/polls/" + id + "/roster", admin), 200).json();
    assertEquals(3, roster.get("voters").size());
    assertEquals("Xã Hòa Bình", roster.get("voters").get(0).get("unit").asText());
    assertEquals("ABSENT", roster.get("voters").get(2).get("status").asText());
  }

  @Test
  void quorumEdge40Summoned27OpensAnd26DoesNot() {
    Scenario s26 = new Scenario(api, APP.app, admin).draft(2, 40).checkIn(26).ceremony();
    Api.Res refused = api.post("/admin/polls/" + s26.pollId + "/open", null, admin);
    assertEquals(409, refused.status());
    assertEquals("no_quorum", refused.error());
    JsonNode q = expect(api.get("/admin/polls/" + s26.pollId + "/quorum", admin), 200).json();
    assertEquals(40, q.get("summoned").asInt());
    assertEquals(26, q.get("present").asInt());
    assertEquals(14, q.get("absentFromStart").asInt());
    assertFalse(q.get("quorumMet").asBoolean());
    // one more arrives late: 27 · 3 = 81 ≥ 80
    expect(
        api.post(
            "/admin/polls/" + s26.pollId + "/attendance/check-in",
            Map.of("voters", List.of(27), "late", true),
            admin),
        200);
    expect(api.post("/admin/polls/" + s26.pollId + "/open", null, admin), 200);

    Scenario s27 = new Scenario(api, APP.app, admin).draft(2, 40).checkIn(27).ceremony();
    assertEquals(
        "OPEN",
        expect(api.post("/admin/polls/" + s27.pollId + "/open", null, admin), 200)
            .json()
            .get("status")
            .asText());
  }

  @Test
  void quorumCountsThosePresentNowNotThoseWhoLeft() {
    // 40 summoned, 27 checked in (27 · 3 = 81 ≥ 80), then one leaves: 26 present now, 78 < 80
    Scenario s = new Scenario(api, APP.app, admin).draft(2, 40).checkIn(27).ceremony();
    JsonNode q =
        expect(
                api.post(
                    "/admin/polls/" + s.pollId + "/attendance/left",
                    Map.of("voters", List.of(5)),
                    admin),
                200)
            .json();
    assertEquals(27, q.get("present").asInt());
    assertEquals(26, q.get("presentAtVoting").asInt());
    assertFalse(q.get("quorumMet").asBoolean());
    Api.Res refused = api.post("/admin/polls/" + s.pollId + "/open", null, admin);
    assertEquals(409, refused.status());
    assertEquals("no_quorum", refused.error());
    assertEquals(
        "READY",
        expect(api.get("/admin/polls/" + s.pollId, admin), 200).json().get("status").asText());
    // the voter comes back: 27 present now, the poll opens
    expect(
        api.post(
            "/admin/polls/" + s.pollId + "/attendance/check-in",
            Map.of("voters", List.of(5)),
            admin),
        200);
    expect(api.post("/admin/polls/" + s.pollId + "/open", null, admin), 200);
  }

  @Test
  void leavingKeepsPresentButNotPresentAtVoting() {
    Scenario s = new Scenario(api, APP.app, admin).draft(1, 3).checkIn(3);
    JsonNode q =
        expect(
                api.post(
                    "/admin/polls/" + s.pollId + "/attendance/left",
                    Map.of("voters", List.of(2)),
                    admin),
                200)
            .json();
    assertEquals(3, q.get("present").asInt());
    assertEquals(2, q.get("presentAtVoting").asInt());
    Api.Res again =
        api.post(
            "/admin/polls/" + s.pollId + "/attendance/left", Map.of("voters", List.of(2)), admin);
    assertEquals(409, again.status());
    assertEquals("voters[0]", again.field());
    Api.Res unknown =
        api.post(
            "/admin/polls/" + s.pollId + "/attendance/check-in",
            Map.of("voters", List.of(99)),
            admin);
    assertEquals(400, unknown.status());
    assertEquals("voters[0]", unknown.field());
  }

  @Test
  void checkInSheetHasQrCodesAndCodesAreNotStored() {
    Scenario s = new Scenario(api, APP.app, admin).draft(1, 2);
    Api.Res sheet =
        api.post(
            "/admin/polls/" + s.pollId + "/attendance/check-in/sheet",
            Map.of("voters", List.of(1, 2)),
            admin);
    assertEquals(200, sheet.status());
    assertTrue(sheet.contentType().startsWith("text/html"));
    String html = sheet.text();
    assertEquals(2, html.split("<svg").length - 1, "one QR code per voter");
    assertTrue(html.contains("Đại biểu 1"));
    assertTrue(html.matches("(?s).*[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.*"));
  }

  @Test
  void lifeCycleWrongStatesAre409AndAudited() {
    Scenario s = new Scenario(api, APP.app, admin).draft(2, 3).checkIn(3);
    String p = "/admin/polls/" + s.pollId;
    assertEquals("wrong_state", api.post(p + "/open", null, admin).error());
    assertEquals(409, api.post(p + "/close", null, admin).status());
    s.ceremony();
    assertEquals(409, api.post(p + "/ceremony", null, admin).status());
    assertEquals(409, api.post(p + "/close", null, admin).status());
    s.open();
    assertEquals(409, api.post(p + "/open", null, admin).status());
    assertEquals(409, api.post(p + "/ceremony", null, admin).status());
    expect(api.post(p + "/close", null, admin), 200);
    assertEquals(409, api.post(p + "/close", null, admin).status());
    assertEquals(
        409, api.post(p + "/attendance/check-in", Map.of("voters", List.of(1)), admin).status());

    JsonNode entries = expect(api.get(p + "/audit", admin), 200).json().get("entries");
    List<String> actions =
        IntStream.range(0, entries.size())
            .mapToObj(i -> entries.get(i).get("action").asText())
            .toList();
    assertTrue(
        actions.containsAll(
            List.of(
                "poll.created",
                "subject.added",
                "roster.imported",
                "attendance.check-in",
                "poll.ceremony",
                "poll.ready",
                "poll.open",
                "poll.closed")),
        actions.toString());
    assertEquals("admin", entries.get(0).get("actor").asText());
    for (JsonNode e : entries) {
      assertFalse(
          e.toString().matches("(?s).*[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.*"),
          "no access code in the audit log");
    }
  }

  @Test
  void ceremonyNeedsSubjectsAndRoster() {
    String id = newPoll();
    assertEquals("no_subjects", api.post("/admin/polls/" + id + "/ceremony", null, admin).error());
    expect(
        api.post(
            "/admin/polls/" + id + "/subjects",
            Map.of("name", "N", "position", "P", "unit", "U"),
            admin),
        201);
    assertEquals("no_roster", api.post("/admin/polls/" + id + "/ceremony", null, admin).error());
  }

  @Test
  void endTimeClosesThePoll() throws Exception {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    var token = s.token(s.codes.get(0));
    String when = java.time.Instant.now().minusSeconds(1).toString();
    expect(api.put("/admin/polls/" + s.pollId + "/end-time", Map.of("endsAt", when), admin), 200);
    // past the end time nothing more is accepted, even before the closer has run
    assertEquals("poll_not_open", s.cast(s.ballot(token)).error());
    assertEquals(
        409,
        api.post(
                "/api/polls/" + s.pollId + "/tokens",
                Map.of("accessCode", s.codes.get(1), "blindedMsg", "00"),
                null)
            .status());
    assertTrue(APP.app.lifecycle().closeDue() >= 1);
    assertEquals(
        "CLOSED", api.get("/admin/polls/" + s.pollId, admin).json().get("status").asText());
    JsonNode entries = api.get("/admin/polls/" + s.pollId + "/audit", admin).json().get("entries");
    assertEquals("system", entries.get(entries.size() - 1).get("actor").asText());
    Api.Res bad =
        api.put("/admin/polls/" + s.pollId + "/end-time", Map.of("endsAt", "tomorrow"), admin);
    assertEquals("endsAt", bad.field());
  }
}
