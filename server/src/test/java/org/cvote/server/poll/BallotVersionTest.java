package org.cvote.server.poll;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.RecordJson;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * The poll's ballot version (docs/protocol.md §16.9): requested at creation (or while a draft),
 * fixed with B = summoned + 1 when the manifest freezes, served in the manifest (§16.1) and bound
 * into Q through M.
 */
@LocalServer
class BallotVersionTest {
  static final TestApp APP = TestApp.create();
  private final Api api;
  private final String admin;

  BallotVersionTest(URI uri) {
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private Scenario scenario(Integer version) {
    return new Scenario(api, APP.app, admin).ballotVersion(version);
  }

  private JsonNode adminPoll(String id) {
    return expect(api.get("/admin/polls/" + id, admin), 200).json();
  }

  private int pollCount() {
    return expect(api.get("/admin/polls", admin), 200).json().get("polls").size();
  }

  @Test
  void creationTakesOneTwoOrNothingAndRefusesEverythingElseNamingTheField() {
    for (String bad : List.of("\"2\"", "3", "0", "-1", "2.0", "true", "[2]", "{}", "1e0")) {
      int before = pollCount();
      Api.Res r =
          api.post(
              "/admin/polls",
              "{\"title\":\"T\",\"place\":\"Huế\",\"date\":\"2026-12-01\",\"ballotVersion\":"
                  + bad
                  + "}",
              admin);
      assertEquals(400, r.status(), bad + ": " + r);
      assertEquals("ballotVersion", r.json().path("field").asText(), bad + ": " + r);
      assertEquals(before, pollCount(), bad + ": nothing stored");
    }
    for (Integer v : new Integer[] {null, 1, 2}) {
      String id = scenario(v).draft(1, 3).pollId;
      JsonNode p = adminPoll(id);
      assertEquals(v == null, p.get("ballotVersion").isNull(), p.toString());
      if (v != null) {
        assertEquals(v.intValue(), p.get("ballotVersion").asInt());
      }
      assertTrue(p.get("base").isNull(), "no B before the freeze");
      assertFalse(p.get("ballotVersionFixed").asBoolean());
    }
  }

  @Test
  void aDraftsVersionCanBeChangedUntilTheFreezeOnly() {
    String id = scenario(null).draft(1, 3).pollId;
    String path = "/admin/polls/" + id + "/ballot-version";
    assertEquals(
        1,
        expect(api.put(path, Map.of("ballotVersion", 1), admin), 200)
            .json()
            .get("ballotVersion")
            .asInt());
    Api.Res bad = api.put(path, "{\"ballotVersion\":\"1\"}", admin);
    assertEquals(400, bad.status());
    assertEquals("ballotVersion", bad.json().path("field").asText());
    bad = api.put(path, "{\"ballotVersion\":7}", admin);
    assertEquals(400, bad.status());
    assertEquals("ballotVersion", bad.json().path("field").asText());
    assertEquals(1, adminPoll(id).get("ballotVersion").asInt(), "a refused edit changes nothing");
    assertTrue(
        expect(api.put(path, "{\"ballotVersion\":null}", admin), 200)
            .json()
            .get("ballotVersion")
            .isNull());
    expect(api.post("/admin/polls/" + id + "/ceremony", null, admin), 200);
    Api.Res late = api.put(path, Map.of("ballotVersion", 1), admin);
    assertEquals(409, late.status(), late.toString());
    JsonNode p = adminPoll(id);
    assertEquals(2, p.get("ballotVersion").asInt(), "automatic, 3 summoned: version 2");
    assertEquals(4, p.get("base").asInt());
  }

  @Test
  void theFreezeFixesBAsSummonedPlusOneAndTheRosterCannotChangeAfterIt() {
    Scenario s = scenario(2).draft(2, 7);
    expect(api.post("/admin/polls/" + s.pollId + "/ceremony", null, admin), 200);
    JsonNode p = adminPoll(s.pollId);
    assertEquals(2, p.get("ballotVersion").asInt());
    assertEquals(8, p.get("base").asInt());
    assertTrue(p.get("ballotVersionFixed").asBoolean());
    Api.Res more =
        api.postRaw(
            "/admin/polls/" + s.pollId + "/roster/import",
            "name,unit\nĐại biểu muộn,HĐND\n",
            "text/csv",
            admin);
    assertEquals(409, more.status(), more.toString());
    assertEquals(7, adminPoll(s.pollId).get("attendance").get("summoned").asInt());
    assertEquals(8, adminPoll(s.pollId).get("base").asInt());

    Scenario v1 = scenario(1).draft(1, 5);
    expect(api.post("/admin/polls/" + v1.pollId + "/ceremony", null, admin), 200);
    JsonNode q = adminPoll(v1.pollId);
    assertEquals(1, q.get("ballotVersion").asInt());
    assertTrue(q.get("base").isNull(), "no B for version 1");
  }

  @Test
  void aBodyAboveTenThousandIsVersionOneAutomaticallyAndRefusesAnExplicitTwo() {
    Scenario auto = scenario(null).draft(1, EncodingV2.MAX_BASE);
    expect(api.post("/admin/polls/" + auto.pollId + "/ceremony", null, admin), 200);
    JsonNode a = adminPoll(auto.pollId);
    assertEquals(1, a.get("ballotVersion").asInt());
    assertTrue(a.get("base").isNull());

    Scenario two = scenario(2).draft(1, EncodingV2.MAX_BASE);
    Api.Res r = api.post("/admin/polls/" + two.pollId + "/ceremony", null, admin);
    assertEquals(409, r.status(), r.toString());
    assertEquals("ballotVersion", r.json().path("field").asText());
    JsonNode t = adminPoll(two.pollId);
    assertEquals("DRAFT", t.get("status").asText(), "nothing changes");
    assertEquals(2, t.get("ballotVersion").asInt());
    assertTrue(t.get("base").isNull());
    assertTrue(
        expect(api.get("/api/polls/" + two.pollId, null), 200).json().get("tokenKey").isNull(),
        "no token key was stored");

    Scenario edge = scenario(2).draft(1, EncodingV2.MAX_BASE - 1);
    expect(api.post("/admin/polls/" + edge.pollId + "/ceremony", null, admin), 200);
    assertEquals(EncodingV2.MAX_BASE, adminPoll(edge.pollId).get("base").asInt());
  }

  @Test
  void aVersionTwoManifestCarriesBAndItsQBindsBThroughM() {
    Scenario s = scenario(null).draft(3, 4).checkIn(3).ceremony();
    JsonNode served = s.publicPoll();
    JsonNode manifest = served.get("manifest");
    List<String> names = new ArrayList<>();
    manifest.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of("pollId", "title", "subjects", "options", "ballotVersion", "base"),
        names.subList(0, 6),
        "ballotVersion and base right after options (§16.1)");
    EncodingV2 e = BallotVersion.of(manifest).orElseThrow();
    assertEquals(5, e.base());

    Manifest m = manifestOf(manifest);
    Context ctx = RecordJson.lenient().convertValue(served.get("context"), Context.class);
    Digest v2 = e.manifestHash(m);
    assertEquals(v2, ctx.manifestHash(), "M is §16.1's");
    assertNotEquals(m.hash(), ctx.manifestHash(), "not the version 1 M");
    Context recomputed =
        new Context(
            v2,
            ctx.n(),
            ctx.t(),
            ctx.commitments(),
            ctx.jointKey(),
            ctx.tokenKeyHash(),
            ctx.signingKeyHash());
    assertEquals(recomputed.hash().toHex(), served.get("context").get("Q").asText());
    assertEquals(recomputed.hash().toHex(), adminPoll(s.pollId).get("Q").asText());
  }

  @Test
  void aVersionOnePollsManifestAndMAreAsBefore() {
    Scenario s = scenario(1).draft(2, 4).checkIn(3).ceremony();
    JsonNode served = s.publicPoll();
    JsonNode manifest = served.get("manifest");
    List<String> names = new ArrayList<>();
    manifest.fieldNames().forEachRemaining(names::add);
    names.remove("web"); // §10.6, present when the pages are built
    assertEquals(List.of("pollId", "title", "subjects", "options"), names);
    assertTrue(BallotVersion.of(manifest).isEmpty());
    Context ctx = RecordJson.lenient().convertValue(served.get("context"), Context.class);
    assertEquals(manifestOf(manifest).hash(), ctx.manifestHash(), "§3's M");
    assertEquals(
        "{\"index\":1,\"name\":\"Nguyễn Văn 1\",\"position\":\"Phó Chủ tịch\",\"unit\":\"UBND tỉnh\"}",
        manifest.get("subjects").get(0).toString(),
        "the subjects' shape is unchanged");
  }

  private static Manifest manifestOf(JsonNode manifest) {
    List<Manifest.Subject> subjects = new ArrayList<>();
    for (JsonNode sub : manifest.get("subjects")) {
      subjects.add(
          new Manifest.Subject(
              sub.get("index").asInt(),
              sub.get("name").asText(),
              sub.get("position").asText(),
              sub.get("unit").asText()));
    }
    return new Manifest(manifest.get("pollId").asText(), manifest.get("title").asText(), subjects);
  }
}
