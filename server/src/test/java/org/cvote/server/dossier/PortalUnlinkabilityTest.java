package org.cvote.server.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.cvote.crypto.encoding.Hex;
import org.cvote.server.support.DbSnapshot;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.http.BlindClient;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * What the portal cannot link (docs/security.md "The dossier portal"): reading a dossier leaves no
 * trace; a request touches only the request table and the audit log; voting touches no portal
 * table; the portal key is not an access code (nor the reverse), is stored only hashed, and
 * revoking it leaves the voter's vote alone.
 */
@LocalServer
class PortalUnlinkabilityTest {
  static final SetClock CLOCK = new SetClock(Instant.parse("2030-07-01T05:00:00Z"));
  static final TestApp APP = TestApp.create(UnaryOperator.identity(), CLOCK);
  static final Set<String> PORTAL_TABLES =
      Set.of(
          "dossier_calendar", "dossier_reopening", "dossier_file", "portal_key", "dossier_request");
  private final Api api;

  PortalUnlinkabilityTest(URI uri) {
    this.api = new Api(uri);
  }

  private static DbSnapshot only(DbSnapshot s, Set<String> keep) {
    Set<String> drop = new TreeSet<>(s.tables().keySet());
    drop.removeAll(keep);
    return s.without(drop);
  }

  private Api.Res portal(String method, String path, Object body, String key) {
    byte[] b =
        body == null
            ? null
            : body instanceof String str ? str.getBytes(StandardCharsets.UTF_8) : json(body);
    return api.send(
        method,
        "/api/portal" + path,
        b,
        body == null ? null : "application/json",
        null,
        Map.of(PortalRoutes.HEADER, key));
  }

  private static byte[] json(Object o) {
    try {
      return Api.JSON.writeValueAsBytes(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void thePortalAndTheBallotShareNothing() {
    String admin = api.login("admin", APP.adminPassword);
    String poll =
        Scenario.expect(
                api.post(
                    "/admin/polls",
                    Map.of(
                        "title",
                        "Hội nghị",
                        "place",
                        "Tây Ninh",
                        "date",
                        "2030-07-26",
                        "visibility",
                        "PUBLIC"),
                    admin),
                201)
            .json()
            .get("id")
            .asText();
    Scenario.expect(
        api.post(
            "/admin/polls/" + poll + "/subjects",
            Map.of(
                "name",
                "Nguyễn Văn An",
                "position",
                "Giám đốc Sở",
                "unit",
                "Sở Công Thương",
                "personId",
                "UNLINK-1"),
            admin),
        201);
    Scenario.expect(
        api.postRaw(
            "/admin/polls/" + poll + "/roster/import",
            "name,unit\nA,X\nB,Y\nC,Z\n",
            "text/csv",
            admin),
        200);
    Scenario.expect(
        api.send(
            "PUT",
            "/admin/polls/" + poll + "/dossier/UNLINK-1/files/report",
            DossierRoutesTest.PDF,
            "application/pdf",
            admin),
        200);
    List<String> keys =
        Scenario.expect(api.post("/admin/polls/" + poll + "/portal/links", Map.of(), admin), 201)
            .json()
            .findValuesAsText("url")
            .stream()
            .map(u -> u.substring(u.indexOf("#k=") + 3))
            .toList();
    String key = keys.get(0);

    // reading is not recorded anywhere
    DbSnapshot before = DbSnapshot.take(APP.app.database());
    assertEquals(200, portal("GET", "/", null, key).status());
    assertEquals(200, portal("GET", "/files/UNLINK-1/report", null, key).status());
    assertEquals(
        List.of(),
        before.changedIn(DbSnapshot.take(APP.app.database())),
        "a dossier read changed the store");

    // a request touches the request table and the audit log only
    assertEquals(
        201,
        portal(
                "POST",
                "/requests",
                Map.of("personId", "UNLINK-1", "content", "Đề nghị làm rõ."),
                key)
            .status());
    List<String> changed = before.changedIn(DbSnapshot.take(APP.app.database()));
    assertEquals(2, changed.size(), changed.toString());
    assertTrue(
        changed.get(0).startsWith("audit_log") && changed.get(1).startsWith("dossier_request"),
        changed.toString());

    // on the day: the access code is no portal key, the portal key no access code
    Scenario s = new Scenario(api, APP.app, admin);
    s.pollId = poll;
    s.subjects = 1;
    s.checkIn(3).ceremony().open();
    String code = s.codes.get(0);
    assertEquals(
        401, portal("GET", "/", null, code).status(), "an access code does not open the portal");
    byte[] spki = Hex.decodeOrNull(s.publicPoll().get("tokenKey").get("spki").asText());
    Api.Res asCode =
        api.post(
            "/api/polls/" + poll + "/tokens",
            Map.of(
                "accessCode", key, "blindedMsg", Hex.encode(new BlindClient(spki, poll).blinded)),
            null);
    assertTrue(
        asCode.status() >= 400 && asCode.status() < 500,
        "a portal key is not an access code: " + asCode);

    // revoking voter 1's portal link does not touch their vote; voting touches no portal table
    assertEquals(200, api.delete("/admin/polls/" + poll + "/portal/links/1", admin).status());
    DbSnapshot portalBefore = only(DbSnapshot.take(APP.app.database()), PORTAL_TABLES);
    assertEquals(
        PORTAL_TABLES.size(), portalBefore.tables().size(), "every portal table is looked at");
    for (String c : s.codes) {
      assertEquals(200, s.cast(s.ballotV2(s.token(c)).ballot()).status()); // an automatic poll: v2
    }
    assertEquals(
        List.of(),
        portalBefore.changedIn(only(DbSnapshot.take(APP.app.database()), PORTAL_TABLES)));

    // the keys themselves are stored nowhere (only their SHA-256), and differ from every access
    // code
    String dump = DbSnapshot.dump(APP.app.database());
    for (String k : keys) {
      assertFalse(dump.contains(k), "a portal key in the clear in the store");
      assertTrue(dump.contains(DossierStore.keyHash(k)));
      for (String c : s.codes) {
        assertNotEquals(c, k);
      }
    }
  }
}
