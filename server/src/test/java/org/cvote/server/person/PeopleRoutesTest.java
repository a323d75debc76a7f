package org.cvote.server.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * A subject is a person with a stable id; at most 2 places (polls) a year; the person's places side
 * by side.
 */
@LocalServer
class PeopleRoutesTest {
  static final TestApp APP = TestApp.create();
  private final Api api;
  private final String admin;

  PeopleRoutesTest(URI uri) {
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private String poll(String title, String date) {
    Api.Res r =
        api.post(
            "/admin/polls",
            Map.of("title", title, "place", "Hà Nội", "date", date, "visibility", "PARTICIPANTS"),
            admin);
    assertEquals(201, r.status(), r.toString());
    return r.json().get("id").asText();
  }

  private Api.Res subject(String poll, String personId) {
    return api.post(
        "/admin/polls/" + poll + "/subjects",
        Map.of(
            "name",
            "Hoàng Thị Lệ Quyên",
            "position",
            "Giám đốc Sở",
            "unit",
            "Sở Y tế",
            "personId",
            personId),
        admin);
  }

  @Test
  void concurrentSecondAndThirdPlacesCannotBothPass() throws Exception {
    for (int round = 0; round < 5; round++) {
      String person = "STAFF-" + round;
      assertEquals(201, subject(poll("Nơi 1", "2026-02-01"), person).status());
      String b = poll("Nơi 2", "2026-05-01"), c = poll("Nơi 3", "2026-06-01");
      var fb =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> subject(b, person).status());
      var fc =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> subject(c, person).status());
      java.util.List<Integer> got =
          new java.util.ArrayList<>(java.util.List.of(fb.get(), fc.get()));
      java.util.Collections.sort(got);
      assertEquals(java.util.List.of(201, 409), got, "round " + round);
    }
  }

  @Test
  void aThirdPlaceInOneYearIsRefusedWithTheReason() {
    String person = "cccd-038190001234";
    String a = poll("Hội nghị Ban Chấp hành", "2026-03-10"),
        b = poll("Kỳ họp HĐND tỉnh", "2026-11-20");
    String c = poll("Hội nghị Sở Y tế", "2026-12-01"),
        nextYear = poll("Hội nghị 2027", "2027-01-15");
    Api.Res first = subject(a, person);
    assertEquals(201, first.status(), first.toString());
    assertEquals("CCCD-038190001234", first.json().get("personId").asText());
    assertEquals(201, subject(b, person).status());
    Api.Res third = subject(c, person);
    assertEquals(409, third.status(), third.toString());
    assertEquals("too_many_places", third.error());
    assertEquals("personId", third.field());
    assertTrue(third.json().get("message").asText().contains("at most 2 places"), third.toString());
    // nothing was added to the third poll
    assertEquals(
        0, api.get("/admin/polls/" + c + "/subjects", admin).json().get("subjects").size());
    // another year is another count
    assertEquals(201, subject(nextYear, person).status());
    // the same person twice in one poll
    Api.Res twice = subject(a, person);
    assertEquals(409, twice.status());
    assertEquals("duplicate_person", twice.error());
    // a CSV row with a national id column is held to the same rule, naming the line
    Api.Res csv =
        api.postRaw(
            "/admin/polls/" + c + "/subjects/import",
            "name,position,unit,nationalId\nHoàng Thị Lệ Quyên,Giám đốc Sở,Sở Y tế,"
                + person
                + "\n",
            "text/csv",
            admin);
    assertEquals(409, csv.status(), csv.toString());
    assertEquals("csv.line 2.personId", csv.field());
    // a malformed id names the field; a missing one is generated
    assertEquals("personId", subject(c, "bad id!").field());
    Api.Res gen =
        api.post(
            "/admin/polls/" + c + "/subjects",
            Map.of("name", "Đinh Văn Tư", "position", "Phó Giám đốc", "unit", "Sở Y tế"),
            admin);
    assertEquals(201, gen.status());
    assertTrue(gen.json().get("personId").asText().startsWith("P-"));

    // the person's places side by side (not yet counted)
    Api.Res places = api.get("/admin/people/" + person + "/results", admin);
    assertEquals(200, places.status(), places.toString());
    assertEquals(3, places.json().get("places").size());
    assertEquals(a, places.json().get("places").get(0).get("pollId").asText());
    Api.Res html = api.get("/admin/people/" + person + "/results.html", admin);
    assertEquals(200, html.status());
    assertTrue(
        html.text().contains("Hoàng Thị Lệ Quyên") && html.text().contains("Kỳ họp HĐND tỉnh"),
        html.text());
    assertEquals(404, api.get("/admin/people/NOBODY/results", admin).status());
    assertEquals(401, api.get("/admin/people/" + person + "/results", null).status());
    // the poll's people
    assertEquals(
        "CCCD-038190001234",
        api.get("/admin/polls/" + a + "/people", admin)
            .json()
            .get("subjects")
            .get(0)
            .get("personId")
            .asText());
  }

  @Test
  void twoPlacesHaveAnOrderOfPriorityAndBothCarryTheSection94Note() throws Exception {
    String person = "CCCD-001099000777";
    String work = poll("Hội nghị cán bộ Sở Tài chính", "2026-04-02"),
        party = poll("Hội nghị Ban Chấp hành Đảng bộ tỉnh", "2026-06-10");
    // the workplace is entered first but ranks after the party committee (003): the secretariat
    // says so
    Api.Res w =
        api.post(
            "/admin/polls/" + work + "/subjects",
            Map.of(
                "name",
                "Lương Văn Hải",
                "position",
                "Giám đốc Sở",
                "unit",
                "Sở Tài chính",
                "personId",
                person,
                "placePriority",
                2),
            admin);
    assertEquals(201, w.status(), w.toString());
    assertEquals(2, w.json().get("placePriority").asInt());
    // the other place takes the free priority by itself
    Api.Res p =
        api.post(
            "/admin/polls/" + party + "/subjects",
            Map.of(
                "name",
                "Lương Văn Hải",
                "position",
                "Ủy viên Ban Thường vụ",
                "unit",
                "Tỉnh ủy",
                "personId",
                person),
            admin);
    assertEquals(201, p.status(), p.toString());
    assertEquals(1, p.json().get("placePriority").asInt());
    // a third place is refused, citing II.1
    Api.Res third = subject(poll("Kỳ họp HĐND", "2026-12-01"), person);
    assertEquals("too_many_places", third.error());
    assertTrue(third.json().get("message").asText().contains("001 II.1"), third.toString());
    // both places cannot share a priority; a priority is 1 or 2
    String other = "CCCD-001099000888",
        a = poll("Nơi A", "2026-03-01"),
        b = poll("Nơi B", "2026-03-02");
    assertEquals(201, subject(a, other).status());
    Api.Res same =
        api.post(
            "/admin/polls/" + b + "/subjects",
            Map.of(
                "name", "X", "position", "Y", "unit", "Z", "personId", other, "placePriority", 1),
            admin);
    assertEquals(409, same.status(), same.toString());
    assertEquals("place_priority_taken", same.error());
    assertEquals("placePriority", same.field());
    Api.Res three =
        api.post(
            "/admin/polls/" + b + "/subjects",
            Map.of(
                "name", "X", "position", "Y", "unit", "Z", "personId", other, "placePriority", 3),
            admin);
    assertEquals(400, three.status());
    assertEquals("placePriority", three.field());
    assertEquals(
        0,
        api.get("/admin/polls/" + b + "/subjects", admin).json().get("subjects").size(),
        "nothing stored");

    // what the report of each poll reads: this person is rated in two places, with each place's
    // priority
    assertEquals(Map.of(1, 2), APP.app.tx().run(c -> People.twoPlaces(c, work)));
    assertEquals(Map.of(1, 1), APP.app.tx().run(c -> People.twoPlaces(c, party)));
    assertEquals(Map.of(), APP.app.tx().run(c -> People.twoPlaces(c, poll("Nơi C", "2026-03-03"))));

    // side by side, in the order of priority, each with the note
    var places = api.get("/admin/people/" + person + "/results", admin).json();
    assertTrue(places.get("twoPlaces").asBoolean());
    assertEquals(party, places.get("places").get(0).get("pollId").asText());
    assertEquals(1, places.get("places").get(0).get("priority").asInt());
    assertEquals(work, places.get("places").get(1).get("pollId").asText());
    assertEquals(2, places.get("places").get(1).get("priority").asInt());
    for (var pl : places.get("places")) {
      assertTrue(pl.get("twoPlacesNote").asText().contains("mục 9.4"), pl.toString());
    }
    String html = api.get("/admin/people/" + person + "/results.html", admin).text();
    assertTrue(html.contains("xem xét tổng thể kết quả phiếu tín nhiệm ở từng nơi"), html);
  }
}
