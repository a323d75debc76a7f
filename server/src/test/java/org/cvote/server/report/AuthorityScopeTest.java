package org.cvote.server.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cvote.server.delivery.Deliveries;
import org.cvote.server.demo.DemoRunner;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollForm;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.Visibility;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * Authority keys are scoped to polls or units (001 §8): a key for poll A reads A's results,
 * delivery and the people rated in A, and gets 403 on poll B and on people rated only in B.
 * Publishing creates the delivery of 001 §7.1, due 7 working days after the end of voting.
 */
@LocalServer
class AuthorityScopeTest {
  static final TestApp APP = TestApp.create();
  static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  private final URI uri;
  private final Api api;
  private final String admin;

  AuthorityScopeTest(URI uri) {
    this.uri = uri;
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private DemoRunner published(int subjects, int ballots) throws Exception {
    DemoRunner d =
        new DemoRunner(uri, "admin", APP.adminPassword, QUIET)
            .visibility("PARTICIPANTS")
            .setUp(DemoRunner.Options.of(subjects, ballots, 3, 2));
    d.runAuto(ballots, Files.createTempDirectory("cvote-scope"));
    return d;
  }

  private String person(String poll, int index) {
    return api.get("/admin/polls/" + poll + "/people", admin)
        .json()
        .get("subjects")
        .get(index - 1)
        .get("personId")
        .asText();
  }

  /** Holidays outside what a date column holds are a 400 naming the day, not a database error. */
  @Test
  void holidaysOutsideTheCalendarAreRefusedNamingTheDay() {
    for (String day : List.of("+10000-01-01", "0000-01-01", "2026-13-01")) {
      Api.Res r =
          api.put(
              "/admin/deliveries/holidays",
              Map.of("holidays", List.of(Map.of("day", day, "name", "Tết"))),
              admin);
      assertEquals(400, r.status(), day + ": " + r);
      assertEquals("holidays[0].day", r.field(), day + ": " + r);
    }
  }

  /**
   * The authority reads results once the poll is published (as its results route does), not while
   * it is only tallied.
   */
  @Test
  void aPersonsResultsReachTheAuthorityOnlyOncePublished() throws Exception {
    DemoRunner d =
        new DemoRunner(uri, "admin", APP.adminPassword, QUIET)
            .visibility("PARTICIPANTS")
            .setUp(DemoRunner.Options.of(2, 3, 3, 2));
    d.cast(3);
    d.close();
    d.decrypt(1);
    d.decrypt(2);
    d.tally(null);
    String A = d.pollId();
    String key =
        api.post(
                "/admin/authority-keys", Map.of("label", "Ban Tổ chức", "polls", List.of(A)), admin)
            .json()
            .get("key")
            .asText();
    Map<String, String> h = Map.of(ResultsAccess.AUTHORITY_HEADER, key);
    assertEquals(
        409,
        api.send("GET", "/api/polls/" + A + "/results", null, null, null, h).status(),
        "not published yet");
    String person = person(A, 1);
    JsonNode place =
        api.send("GET", "/admin/people/" + person + "/results", null, null, null, h)
            .json()
            .get("places")
            .get(0);
    assertEquals("TALLIED", place.get("status").asText());
    assertTrue(
        place.path("counts").isMissingNode() || place.path("counts").isNull(),
        "no counts before publication: " + place);
    assertTrue(
        api.get("/admin/people/" + person + "/results", admin)
            .json()
            .get("places")
            .get(0)
            .has("counts"),
        "the secretariat sees the tally it is about to publish");
    d.publish();
    assertTrue(
        api.send("GET", "/admin/people/" + person + "/results", null, null, null, h)
            .json()
            .get("places")
            .get(0)
            .has("counts"));
  }

  @Test
  void aKeyForPollAIsRefusedPollBAndThePeopleRatedOnlyInB() throws Exception {
    DemoRunner a = published(2, 4), b = published(2, 4);
    String A = a.pollId(), B = b.pollId();
    // a key must have a scope
    Api.Res unscoped = api.post("/admin/authority-keys", Map.of("label", "Ban Tổ chức"), admin);
    assertEquals(400, unscoped.status());
    assertEquals("polls", unscoped.field());
    Api.Res unknown =
        api.post(
            "/admin/authority-keys",
            Map.of("label", "Ban Tổ chức", "polls", List.of("p-nope")),
            admin);
    assertEquals("polls[0]", unknown.field());
    Api.Res issued =
        api.post(
            "/admin/authority-keys",
            Map.of("label", "Ban Tổ chức Tỉnh ủy", "polls", List.of(A)),
            admin);
    assertEquals(201, issued.status(), issued.toString());
    String key = issued.json().get("key").asText();
    Map<String, String> h = Map.of(ResultsAccess.AUTHORITY_HEADER, key);

    assertEquals(
        200, api.send("GET", "/api/polls/" + A + "/results", null, null, null, h).status());
    Api.Res otherPoll = api.send("GET", "/api/polls/" + B + "/results", null, null, null, h);
    assertEquals(403, otherPoll.status(), otherPoll.toString());
    assertEquals(
        403, api.send("GET", "/api/polls/" + B + "/results.html", null, null, null, h).status());
    // people: one rated in A is readable, one rated only in B is not; and the key cannot tell a
    // person rated
    // only in B from an id that does not exist: both are the same 404 not_found
    assertEquals(
        200,
        api.send("GET", "/admin/people/" + person(A, 1) + "/results", null, null, null, h)
            .status());
    Api.Res onlyB =
        api.send("GET", "/admin/people/" + person(B, 1) + "/results", null, null, null, h);
    Api.Res unknownPerson =
        api.send("GET", "/admin/people/NO-SUCH-PERSON-1/results", null, null, null, h);
    assertEquals(404, onlyB.status(), onlyB.toString());
    assertEquals("not_found", onlyB.error());
    assertEquals(unknownPerson.status(), onlyB.status());
    assertEquals(unknownPerson.json().toString(), onlyB.json().toString());
    assertEquals(
        404,
        api.send("GET", "/admin/people/" + person(B, 2) + "/results.html", null, null, null, h)
            .status());
    // the secretariat still reads both
    assertEquals(200, api.get("/admin/people/" + person(B, 1) + "/results", admin).status());

    // the delivery: due 7 working days after the end of voting, delivered when the authority
    // fetches it
    JsonNode before = api.get("/admin/polls/" + A + "/delivery", admin).json();
    assertEquals("DUE", before.get("status").asText(), before.toString());
    LocalDate ended = LocalDate.parse(before.get("votingEndedOn").asText());
    assertEquals(
        new org.cvote.server.delivery.WorkingDays(Set.of()).plus(ended, 7).toString(),
        before.get("due").asText());
    assertEquals(401, api.get("/api/polls/" + A + "/delivery", null).status());
    assertEquals(
        403, api.send("GET", "/api/polls/" + B + "/delivery", null, null, null, h).status());
    assertEquals(
        403,
        api.send("GET", "/api/polls/" + B + "/delivery/record.zip", null, null, null, h).status());
    Api.Res pkg = api.send("GET", "/api/polls/" + A + "/delivery", null, null, null, h);
    assertEquals(200, pkg.status(), pkg.toString());
    JsonNode p = pkg.json();
    assertEquals("DELIVERED", p.get("delivery").get("status").asText());
    assertEquals("authority: Ban Tổ chức Tỉnh ủy", p.get("delivery").get("deliveredBy").asText());
    assertEquals(A, p.get("report").get("pollId").asText());
    JsonNode results = p.get("report").get("results");
    int flagged = 0;
    for (JsonNode r : results) {
      if (!"NONE".equals(r.get("flag").asText())) {
        flagged++;
      }
    }
    assertEquals(flagged, p.get("flagged").size());
    for (JsonNode f : p.get("flagged")) {
      assertFalse(f.get("consequence").asText().isEmpty());
    }
    Api.Res zip = api.send("GET", "/api/polls/" + A + "/delivery/record.zip", null, null, null, h);
    assertEquals(200, zip.status());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip.raw())),
        p.get("record").get("sha256").asText());
    assertArrayEquals(
        zip.raw(),
        api.get("/api/polls/" + A + "/record", admin).raw(),
        "the record delivered is the published one");
    assertEquals(
        "DELIVERED",
        api.get("/admin/polls/" + A + "/delivery", admin).json().get("status").asText());

    // B was delivered on paper: recorded once
    Api.Res paper =
        api.post(
            "/admin/polls/" + B + "/delivery/delivered",
            Map.of("by", "Văn thư Ban Tổ chức"),
            admin);
    assertEquals(200, paper.status(), paper.toString());
    assertEquals("DELIVERED", paper.json().get("status").asText());
    assertEquals(
        "already_delivered",
        api.post("/admin/polls/" + B + "/delivery/delivered", Map.of("by", "x"), admin).error());
    JsonNode all = api.get("/admin/deliveries", admin).json().get("deliveries");
    assertTrue(all.size() >= 2);

    // overdue: the same delivery seen after its due day, before delivery
    Instant end = Instant.parse(before.get("votingEnded").asText());
    APP.app
        .tx()
        .exec(
            c -> {
              try (var ps =
                  c.prepareStatement("UPDATE delivery SET delivered_at = NULL WHERE poll_id = ?")) {
                ps.setString(1, A);
                ps.executeUpdate();
              }
              assertEquals(Deliveries.Status.DUE, Deliveries.require(c, A, end).status());
              assertEquals(
                  Deliveries.Status.OVERDUE,
                  Deliveries.require(c, A, end.plus(Duration.ofDays(30))).status());
              // a holiday list moves the due day
              LocalDate due = Deliveries.require(c, A, end).due();
              Deliveries.setHolidays(
                  c,
                  Map.of(
                      ended.plusDays(1).getDayOfWeek().getValue() <= 5
                          ? ended.plusDays(1)
                          : ended.plusDays(3),
                      "Nghỉ lễ"));
              assertTrue(Deliveries.require(c, A, end).due().isAfter(due));
              Deliveries.setHolidays(c, Map.of());
            });
  }

  @Test
  void unitsAndTheExecutiveCommitteeFollowSection8() {
    Poll p =
        new Poll(
            "p-x",
            "Hội nghị",
            "Huế",
            LocalDate.of(2026, 6, 1),
            Visibility.PARTICIPANTS,
            PollStatus.PUBLISHED,
            null,
            Instant.now(),
            null,
            null);
    PollForm conference = new PollForm("Đảng bộ tỉnh Thừa Thiên Huế", "", "", 2026);
    PollForm standing =
        new PollForm(
            "Đảng bộ tỉnh Thừa Thiên Huế", "", "", 2026, PollForm.Disclosure.STANDING_COMMITTEE);
    AuthorityKey unit =
        new AuthorityKey(
            "h",
            "Ban Tổ chức",
            AuthorityKey.Holder.DIRECT_AUTHORITY,
            Set.of(),
            Set.of(AuthorityKey.unit("  đảng bộ tỉnh   Thừa Thiên Huế ")));
    assertTrue(
        unit.covers(p, conference),
        "the unit matches the organising body, whatever the case and spacing");
    assertFalse(unit.covers(p, new PollForm("Đảng bộ tỉnh Quảng Trị", "", "", 2026)));
    assertFalse(
        unit.covers(p, new PollForm("", "", "", 2026)), "a poll without a body is in no unit");
    AuthorityKey bch =
        new AuthorityKey(
            "h", "Ban Chấp hành", AuthorityKey.Holder.EXECUTIVE_COMMITTEE, Set.of("p-x"), Set.of());
    assertFalse(
        bch.covers(p, conference),
        "the Executive Committee sees Standing Committee members' results only");
    assertTrue(bch.covers(p, standing));
    AuthorityKey none =
        new AuthorityKey("h", "x", AuthorityKey.Holder.DIRECT_AUTHORITY, Set.of(), Set.of());
    assertFalse(none.covers(p, conference), "no scope, no access");
  }

  @Test
  void postsElectedByPeoplesCouncilsArePublic() {
    Api.Res r =
        api.post(
            "/admin/polls",
            Map.of(
                "title",
                "Kỳ họp HĐND",
                "place",
                "Huế",
                "date",
                "2026-12-01",
                "visibility",
                "PARTICIPANTS",
                "disclosure",
                "COUNCIL_ELECTED"),
            admin);
    assertEquals(400, r.status());
    assertEquals("visibility", r.field());
    Api.Res ok =
        api.post(
            "/admin/polls",
            Map.of(
                "title",
                "Kỳ họp HĐND",
                "place",
                "Huế",
                "date",
                "2026-12-01",
                "visibility",
                "PUBLIC",
                "disclosure",
                "COUNCIL_ELECTED"),
            admin);
    assertEquals(201, ok.status(), ok.toString());
    assertEquals("COUNCIL_ELECTED", ok.json().get("form").get("disclosure").asText());
    assertEquals(
        "disclosure",
        api.post(
                "/admin/polls",
                Map.of("title", "x", "place", "Huế", "date", "2026-12-01", "disclosure", "PRESS"),
                admin)
            .field());
  }

  @Test
  void theReportListsTheExemptedWithTheReasonAndTheObserversByName() throws Exception {
    DemoRunner d =
        new DemoRunner(uri, "admin", APP.adminPassword, QUIET)
            .setUp(DemoRunner.Options.of(2, 3, 3, 2));
    String id = d.pollId();
    d.cast(3);
    d.close();
    d.decrypt(1);
    d.decrypt(2);
    d.tally(null);
    // entered while the poll was a draft (the route is PollAdminRoutesTest's); stored beside the
    // subjects
    APP.app
        .tx()
        .exec(
            c ->
                org.cvote.server.poll.Exemption.add(
                    c,
                    id,
                    "CCCD-1",
                    new org.cvote.server.poll.Subject(
                        0, "Trịnh Văn Quyết", "Phó Giám đốc Sở", "Sở Nội vụ"),
                    org.cvote.server.poll.Exemption.Reason.RETIREMENT,
                    LocalDate.of(2026, 10, 1)));
    String obs = "/admin/polls/" + id + "/observers";
    assertEquals(400, api.post(obs, Map.of("body", "Ban Tổ chức Trung ương"), admin).status());
    assertEquals(
        201,
        api.post(obs, Map.of("name", "Phan Đình Trạc", "body", "Ban Tổ chức Trung ương"), admin)
            .status());
    JsonNode list = api.post(obs, Map.of("name", "Mai Văn Chính"), admin).json().get("observers");
    assertEquals(2, list.size());
    JsonNode r = api.get("/admin/polls/" + id + "/report.json", admin).json();
    assertEquals("Trịnh Văn Quyết", r.get("exempted").get(0).get("name").asText());
    assertEquals("RETIREMENT", r.get("exempted").get(0).get("reason").asText());
    assertEquals(
        "Đã có thông báo nghỉ công tác chờ nghỉ hưu",
        r.get("exempted").get(0).get("reasonText").asText());
    assertEquals("2026-10-01", r.get("exempted").get(0).get("since").asText());
    assertEquals("Phan Đình Trạc", r.get("observers").get(0).get("name").asText());
    assertEquals("Ban Tổ chức Trung ương", r.get("observers").get(0).get("body").asText());
    String html = api.get("/admin/polls/" + id + "/report.html", admin).text();
    assertTrue(
        html.contains("Trịnh Văn Quyết")
            && html.contains("Đã có thông báo nghỉ công tác chờ nghỉ hưu (từ ngày 01/10/2026)"),
        html);
    assertTrue(html.contains("Phan Đình Trạc (Ban Tổ chức Trung ương); Mai Văn Chính."), html);
    // the exempted person is not on the ballot: the report's rows are the two subjects
    assertEquals(2, r.get("results").size());
    d.publish();
    assertEquals(
        409,
        api.post(obs, Map.of("name", "Người đến muộn"), admin).status(),
        "the published report no longer changes");
  }
}
