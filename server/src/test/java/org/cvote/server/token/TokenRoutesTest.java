package org.cvote.server.token;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cvote.crypto.encoding.Hex;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.http.BlindClient;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

@LocalServer
class TokenRoutesTest {
  // 3 wrong codes per client, 12 per poll; the local peer is a trusted proxy, so X-Forwarded-For
  // names the client
  static final TestApp APP =
      TestApp.create(
          c ->
              c.withThrottle(new AccessCodeThrottle.Settings(3, 12, Duration.ofMinutes(5)))
                  .withTrustedProxies(org.cvote.server.ServerConfig.exactly("127.0.0.1, ::1")));
  private final Api api;
  private final String admin;

  TokenRoutesTest(URI uri) {
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private static byte[] spki(Scenario s) {
    return Hex.decodeOrNull(s.publicPoll().get("tokenKey").get("spki").asText());
  }

  private Api.Res issue(Scenario s, String code, byte[] blinded) {
    return api.post(
        "/api/polls/" + s.pollId + "/tokens",
        Map.of("accessCode", code, "blindedMsg", Hex.encode(blinded)),
        null);
  }

  @Test
  void issuanceIsIdempotentAndOnePerVoter() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 2, 3, 3);
    BlindClient bc = new BlindClient(spki(s), s.pollId);
    Api.Res first = expect(issue(s, s.codes.get(0), bc.blinded), 200);
    Api.Res again = expect(issue(s, s.codes.get(0), bc.blinded), 200);
    assertEquals(
        first.json().get("blindSig").asText(),
        again.json().get("blindSig").asText(),
        "a retry gets the same signature");
    var token = bc.finish(Hex.decodeOrNull(first.json().get("blindSig").asText()));
    assertEquals(384, token.sig().length);
    assertTrue(
        new RfcTokenCrypto().verifier(spki(s), s.pollId).isValid(token.msg(), token.sig()),
        "the finalized token verifies");

    BlindClient other = new BlindClient(spki(s), s.pollId);
    Api.Res second = issue(s, s.codes.get(0), other.blinded);
    assertEquals(409, second.status());
    assertEquals("token_already_issued", second.error());
    assertEquals("blindedMsg", second.field());

    // typed loosely: lower case, spaces instead of dashes, O for 0
    String loose = s.codes.get(0).toLowerCase().replace('-', ' ');
    assertEquals(200, issue(s, loose, bc.blinded).status());

    // the voter cannot be given a new code once a token was issued
    Api.Res reissue =
        api.post(
            "/admin/polls/" + s.pollId + "/attendance/check-in",
            Map.of("voters", List.of(1)),
            admin);
    assertEquals(409, reissue.status());
  }

  private Api.Res issueFrom(Scenario s, String client, String code, byte[] blinded) {
    return api.post(
        "/api/polls/" + s.pollId + "/tokens",
        Map.of("accessCode", code, "blindedMsg", Hex.encode(blinded)),
        null,
        Map.of("X-Forwarded-For", client));
  }

  private static int failureRows(String pollId) {
    return APP.app
        .tx()
        .run(
            c -> {
              try (var ps =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM access_code_failure WHERE poll_id = ?")) {
                ps.setString(1, pollId);
                try (var rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getInt(1);
                }
              }
            });
  }

  /** Issue 19 §2: one hall behind one NAT; a typist's mistakes must not stop the next voter. */
  @Test
  void aRightCodeIsServedAfterOthersWrongCodesFromTheSameAddress() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    BlindClient bc = new BlindClient(spki(s), s.pollId);
    String real = s.codes.get(0);
    Api.Res typo =
        issue(
            s, real.substring(0, real.length() - 1) + (real.endsWith("0") ? "1" : "0"), bc.blinded);
    assertEquals(400, typo.status(), "a typo is caught by the check character, before any lookup");
    assertEquals("accessCode", typo.field());
    String hall = "203.0.113.50";
    for (int i = 0; i < 5; i++) {
      Api.Res r =
          issueFrom(s, hall, new org.cvote.server.attendance.AccessCodes().generate(), bc.blinded);
      if (i < 3) {
        assertEquals(403, r.status(), r.toString());
        assertEquals("wrong_access_code", r.error());
      } else {
        assertEquals(429, r.status(), "past 3 wrong codes the address is told to wait: " + r);
        assertEquals("too_many_wrong_codes", r.error());
        assertEquals("accessCode", r.field());
        long after = r.retryAfterSeconds();
        assertTrue(after >= 1 && after <= 300, "Retry-After within the 5-minute window: " + after);
      }
    }
    Api.Res right = issueFrom(s, hall, real, bc.blinded);
    assertEquals(
        200,
        right.status(),
        "another voter's right code from the same address gets its token: " + right);
    assertTrue(right.json().get("blindSig").asText().length() > 0);
    // a right code already used for another blinded message is still 409, not a throttle answer
    Api.Res reused = issueFrom(s, hall, real, new BlindClient(spki(s), s.pollId).blinded);
    assertEquals(409, reused.status(), reused.toString());
    // another address behind the proxy still gets the plain answer
    assertEquals(
        403,
        issueFrom(
                s,
                "203.0.113.51",
                new org.cvote.server.attendance.AccessCodes().generate(),
                bc.blinded)
            .status());
    assertEquals(4, failureRows(s.pollId), "only failures under the limits are written: 3 + 1");
  }

  /**
   * The wrong-code rows (address hash and time) are kept only while they serve the throttle: at
   * close no code can be asked for any more, so none of the poll's rows outlives it
   * (docs/deployment.md: "rows dropped after the window").
   */
  @Test
  void closingThePollDropsItsWrongCodeRows() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    BlindClient bc = new BlindClient(spki(s), s.pollId);
    for (int i = 0; i < 2; i++) {
      assertEquals(
          403,
          issueFrom(
                  s,
                  "192.0.2." + i,
                  new org.cvote.server.attendance.AccessCodes().generate(),
                  bc.blinded)
              .status());
    }
    assertEquals(2, failureRows(s.pollId));
    expect(api.post("/admin/polls/" + s.pollId + "/close", null, admin), 200);
    assertEquals(
        0, failureRows(s.pollId), "no address hash or time of a wrong code is kept after close");
  }

  /**
   * The per-poll budget: many addresses, bounded rows, 429 for every wrong code once it is spent; a
   * right code still works.
   */
  @Test
  void wrongCodesFromManyAddressesAreBoundedPerPoll() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    BlindClient bc = new BlindClient(spki(s), s.pollId);
    int refused = 0, throttled = 0;
    for (int i = 0; i < 200; i++) {
      Api.Res r =
          issueFrom(
              s,
              "198.51.100." + i,
              new org.cvote.server.attendance.AccessCodes().generate(),
              bc.blinded);
      if (r.status() == 403) {
        refused++;
      } else {
        assertEquals(429, r.status(), r.toString());
        assertEquals("too_many_wrong_codes", r.error());
        assertTrue(r.retryAfterSeconds() <= 300);
        throttled++;
      }
    }
    assertEquals(12, refused, "the poll's budget of 12 wrong codes, then 429 for every address");
    assertEquals(188, throttled);
    assertEquals(
        12,
        failureRows(s.pollId),
        "200 addresses leave 12 rows: the store does not grow with the attack");
    Api.Res right = issueFrom(s, "198.51.100.7", s.codes.get(1), bc.blinded);
    assertEquals(
        200, right.status(), "a right code is served while the poll's budget is spent: " + right);
  }

  @Test
  void refusedWhenNotOpenOrVoterLeft() {
    Scenario s = new Scenario(api, APP.app, admin).draft(1, 3).checkIn(3).ceremony();
    BlindClient bc = new BlindClient(spki(s), s.pollId);
    Api.Res notOpen = issue(s, s.codes.get(0), bc.blinded);
    assertEquals(409, notOpen.status());
    assertEquals("poll_not_open", notOpen.error());
    s.open();
    expect(
        api.post(
            "/admin/polls/" + s.pollId + "/attendance/left", Map.of("voters", List.of(2)), admin),
        200);
    Api.Res left = issue(s, s.codes.get(1), bc.blinded);
    assertEquals(403, left.status());
    assertEquals("not_present", left.error());
    expect(api.post("/admin/polls/" + s.pollId + "/close", null, admin), 200);
    assertEquals(409, issue(s, s.codes.get(0), bc.blinded).status());
  }

  @Test
  void badBlindedMessagesAre400() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    Api.Res shortMsg = issue(s, s.codes.get(0), new byte[10]);
    assertEquals(400, shortMsg.status());
    assertEquals("blindedMsg", shortMsg.field());
    byte[] big = new byte[384];
    java.util.Arrays.fill(big, (byte) 0xff);
    Api.Res tooBig = issue(s, s.codes.get(0), big);
    assertEquals(400, tooBig.status());
    assertEquals("blindedMsg", tooBig.field());
    Api.Res upper =
        api.post(
            "/api/polls/" + s.pollId + "/tokens",
            Map.of("accessCode", s.codes.get(0), "blindedMsg", "ABCD"),
            null);
    assertEquals("blindedMsg", upper.field());
    Api.Res missing =
        api.post("/api/polls/" + s.pollId + "/tokens", Map.of("accessCode", s.codes.get(0)), null);
    assertEquals("blindedMsg", missing.field());
    Api.Res extra =
        api.post(
            "/api/polls/" + s.pollId + "/tokens",
            Map.of("accessCode", "x", "blindedMsg", "00", "voter", 1),
            null);
    assertEquals("unknown_field", extra.error());
    assertEquals(
        404,
        api.post(
                "/api/polls/p-none/tokens",
                Map.of("accessCode", s.codes.get(0), "blindedMsg", "00"),
                null)
            .status());
  }

  @Test
  void codesOfOnePollDoNotWorkInAnother() {
    Scenario a = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    Scenario b = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    assertNotEquals(a.pollId, b.pollId);
    BlindClient bc = new BlindClient(spki(b), b.pollId);
    assertEquals(403, issue(b, a.codes.get(0), bc.blinded).status());
  }
}
