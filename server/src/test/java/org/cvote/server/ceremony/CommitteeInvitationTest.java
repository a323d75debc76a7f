package org.cvote.server.ceremony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * Only the members the meeting elected take part (docs/protocol.md §8.6–§8.7), on a real server:
 * registration needs a valid, unused invitation of the poll (403 otherwise, nothing stored), a key
 * registered once per poll (409), and the approval names exactly the members who become the
 * committee.
 */
@LocalServer
class CommitteeInvitationTest {
  static final TestApp APP = TestApp.create();
  private final URI uri;
  private final Api api;
  private final String admin;

  CommitteeInvitationTest(URI uri) {
    this.uri = uri;
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private String draft(String title) {
    String id =
        api.post(
                "/admin/polls",
                Map.of("title", title, "place", "Đà Nẵng", "date", "2026-11-23"),
                admin)
            .json()
            .path("id")
            .asText();
    api.post(
        "/admin/polls/" + id + "/subjects",
        Map.of("name", "Lê Văn C", "position", "Giám đốc", "unit", "Sở Xây dựng"),
        admin);
    assertEquals(
        200,
        api.postRaw(
                "/admin/polls/" + id + "/roster/import",
                "name,unit\nA,B\nC,D\nE,F\n",
                "text/csv",
                admin)
            .status());
    return id;
  }

  private List<String> invite(String pollId, String... names) {
    Api.Res r =
        api.post(
            "/admin/polls/" + pollId + "/committee/invitations",
            Map.of("names", List.of(names)),
            admin);
    assertEquals(201, r.status(), r.toString());
    List<String> codes = new ArrayList<>();
    r.json().path("invitations").forEach(x -> codes.add(x.path("code").asText()));
    return codes;
  }

  private Api.Res join(String pollId, Registration r) {
    return api.post("/api/polls/" + pollId + "/committee/members", tree(r), null);
  }

  private JsonNode progress(String pollId) {
    return api.get("/admin/polls/" + pollId + "/committee", admin).json();
  }

  private JsonNode invitations(String pollId) {
    return api.get("/admin/polls/" + pollId + "/committee/invitations", admin)
        .json()
        .path("invitations");
  }

  private static Object tree(Object o) {
    try {
      return Api.JSON.readTree(CommitteeJson.mapper().writeValueAsBytes(o));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void refused(Api.Res r, int status, String code) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(code, r.error(), r.toString());
  }

  @Test
  void registrationWithoutAValidUnusedInvitationOfThePollIsRefusedAndNothingIsStored() {
    String poll = draft("Mời — từ chối");
    String other = draft("Mời — hội nghị khác");
    String code = invite(poll, "Nguyễn Thị Được Mời").get(0);
    String otherCode = invite(other, "Trần Văn Khác").get(0);
    MemberIdentity stranger = MemberIdentity.generate("Người lạ");

    // no invitation at all: the uninvited identity of the issue
    Api.Res none = join(poll, Registration.create(poll, stranger));
    refused(none, 403, "invitation_required");
    assertEquals("invitation", none.field());
    assertTrue(none.json().path("message").asText().startsWith("Cần mã mời"), none.toString());
    // a made-up code (with a valid check character) and a malformed one
    refused(
        join(
            poll,
            Registration.create(
                poll,
                stranger,
                org.cvote.crypto.token.AccessCode.generate(new java.security.SecureRandom())
                    .display())),
        403,
        "invitation_unknown");
    refused(
        join(poll, Registration.create(poll, stranger, "not-a-code")), 403, "invitation_unknown");
    // another poll's invitation
    refused(
        join(poll, Registration.create(poll, stranger, otherCode)), 403, "invitation_other_poll");
    assertEquals(
        "NONE",
        progress(poll).path("phase").asText(),
        "nothing stored: no ceremony state was even created");
    assertEquals("UNUSED", invitations(other).get(0).path("status").asText());

    // the invited member registers, under the invitation's name (not its own spelling)
    MemberIdentity invited = MemberIdentity.generate("nguyen thi duoc moi");
    Api.Res ok =
        join(poll, Registration.create(poll, invited, code.toLowerCase(java.util.Locale.ROOT)));
    assertEquals(200, ok.status(), ok.toString());
    assertEquals(invited.fingerprint(), ok.json().path("fingerprint").asText());
    // the same registration sent again (a lost answer) is answered the same, and stores nothing new
    assertEquals(200, join(poll, Registration.create(poll, invited, code)).status());
    JsonNode regs = progress(poll).path("registrations");
    assertEquals(1, regs.size());
    assertEquals("Nguyễn Thị Được Mời", regs.get(0).path("name").asText());
    assertEquals("nguyen thi duoc moi", regs.get(0).path("signedName").asText());
    JsonNode inv = invitations(poll).get(0);
    assertEquals("USED", inv.path("status").asText());
    assertEquals(invited.fingerprint(), inv.path("usedBy").asText());
    assertFalse(inv.has("code"), "the server keeps no code");
    String state = api.get("/api/polls/" + poll + "/committee/ceremony", null).text();
    assertFalse(
        state.toUpperCase(java.util.Locale.ROOT).contains(code) || state.contains("\"invitation\""),
        "the public ceremony state holds no code: " + state);
    assertTrue(state.contains("\"invitedName\":\"Nguyễn Thị Được Mời\""), state);
    // the used invitation, by anyone else: refused, nothing stored
    refused(join(poll, Registration.create(poll, stranger, code)), 403, "invitation_used");
    assertEquals(1, progress(poll).path("registrations").size());

    // a revoked invitation is refused; revocation and creation are audited
    invite(poll, "Phiếu bị mất");
    assertEquals(
        200,
        api.post("/admin/polls/" + poll + "/committee/invitations/2/revoke", Map.of(), admin)
            .status());
    refused(
        api.post("/admin/polls/" + poll + "/committee/invitations/1/revoke", Map.of(), admin),
        409,
        "not_revocable");
    assertEquals("REVOKED", invitations(poll).get(1).path("status").asText());
    String audit = api.get("/admin/polls/" + poll + "/audit", admin).text();
    assertTrue(
        audit.contains("committee.invited") && audit.contains("committee.invitation-revoked"),
        audit);
    assertFalse(audit.contains(code), "no code in the audit log");
    assertEquals(1, audit.split("committee.registered", -1).length - 1, audit);
  }

  @Test
  void twoRegistrationsRacingForOneInvitationStoreExactlyOne() throws Exception {
    String poll = draft("Mời — tranh chấp");
    String code = invite(poll, "Một người được mời").get(0);
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Registration r = Registration.create(poll, MemberIdentity.generate("Người " + i), code);
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  return join(poll, r).status();
                }));
      }
      go.countDown();
      int accepted = 0;
      for (Future<Integer> f : fs) {
        int st = f.get();
        assertTrue(st == 200 || st == 403, "status " + st);
        if (st == 200) {
          accepted++;
        }
      }
      assertEquals(1, accepted);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, progress(poll).path("registrations").size());
  }

  @Test
  void aRegistrationReusingAnotherMembersKeyIsRefusedWith409AndReplacesNothing() {
    String poll = draft("Mời — khoá trùng");
    List<String> codes = invite(poll, "Thành viên A", "Kẻ mạo danh 1", "Kẻ mạo danh 2");
    MemberIdentity a = MemberIdentity.generate("A");
    assertEquals(200, join(poll, Registration.create(poll, a, codes.get(0))).status());
    Registration original = Registration.create(poll, a, codes.get(0));
    MemberIdentity m = MemberIdentity.generate("Mallory");
    // A's HPKE key with Mallory's signing key (self-signed by Mallory: a valid registration
    // otherwise)
    Registration sameHpke =
        new Registration(
            poll,
            "Mallory",
            original.hpkePublicKey(),
            m.signingPublicKey(),
            original.hpkeKeyset(),
            Registration.create(poll, m).signingKeyset(),
            null,
            m.sign(
                org.cvote.committee.ceremony.Posts.join(
                        poll, "Mallory", original.hpkePublicKey(), m.signingPublicKey())
                    .bytes()),
            codes.get(1),
            null);
    Api.Res r1 = join(poll, sameHpke);
    refused(r1, 409, "key_in_use");
    assertEquals("hpkePublicKey", r1.field());
    // A's very identity (both keys) again, under a fresh invitation
    Api.Res r2 = join(poll, Registration.create(poll, a, codes.get(2)));
    refused(r2, 409, "key_in_use");
    JsonNode regs = progress(poll).path("registrations");
    assertEquals(1, regs.size(), "nothing replaced");
    assertEquals("Thành viên A", regs.get(0).path("name").asText());
    assertEquals(a.fingerprint(), regs.get(0).path("fingerprint").asText());
    // the refused registrations did not use their invitations up (same transaction)
    assertEquals("UNUSED", invitations(poll).get(1).path("status").asText());
    assertEquals("UNUSED", invitations(poll).get(2).path("status").asText());
  }

  @Test
  void theApprovalNamesExactlyTheMembersAndALateRegistrationDoesNotBecomeOne() {
    String poll = draft("Mời — phê duyệt");
    List<String> codes =
        invite(poll, "Thành viên 1", "Thành viên 2", "Thành viên 3", "Thành viên 4");
    List<MemberIdentity> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(MemberIdentity.generate("M" + i));
      assertEquals(200, join(poll, Registration.create(poll, ids.get(i), codes.get(i))).status());
    }
    // the console lists the three registrations; the secretariat ticks them
    List<String> listed = new ArrayList<>();
    progress(poll).path("registrations").forEach(x -> listed.add(x.path("fingerprint").asText()));
    assertEquals(3, listed.size());
    // ... meanwhile a fourth registration arrives
    MemberIdentity late = MemberIdentity.generate("M3");
    assertEquals(200, join(poll, Registration.create(poll, late, codes.get(3))).status());

    String start = "/admin/polls/" + poll + "/committee/start";
    // refusals name the field and change nothing
    Api.Res noList = api.post(start, Map.of("t", 2), admin);
    refused(noList, 400, "invalid");
    assertEquals("members", noList.field());
    Api.Res tooFew = api.post(start, Map.of("t", 3, "members", listed.subList(0, 2)), admin);
    assertEquals(400, tooFew.status(), tooFew.toString());
    assertEquals("members", tooFew.field());
    List<String> withUnknown = new ArrayList<>(listed);
    withUnknown.add("0000-1111-2222-3333-4444-5555-6666-7777");
    Api.Res unknown = api.post(start, Map.of("t", 2, "members", withUnknown), admin);
    assertEquals(400, unknown.status(), unknown.toString());
    assertEquals("members[3]", unknown.field());
    Api.Res twice =
        api.post(start, Map.of("t", 2, "members", List.of(listed.get(0), listed.get(0))), admin);
    assertEquals(400, twice.status(), twice.toString());
    assertEquals("members[1]", twice.field());
    assertEquals("REGISTRATION", progress(poll).path("phase").asText());
    assertEquals(
        "DRAFT",
        api.get("/api/polls/" + poll, null).json().path("status").asText(),
        "a refused approval moves nothing");

    Api.Res ok = api.post(start, Map.of("t", 2, "members", listed), admin);
    assertEquals(200, ok.status(), ok.toString());
    JsonNode p = progress(poll);
    assertEquals(3, p.path("n").asInt());
    List<String> members = new ArrayList<>();
    p.path("members").forEach(x -> members.add(x.path("name").asText()));
    assertEquals(List.of("Thành viên 1", "Thành viên 2", "Thành viên 3"), members);
    assertTrue(
        new org.cvote.committee.transport.HttpCommitteeClient(uri)
            .ceremony(poll)
            .memberByKey(late.signingPublicKey())
            .isEmpty(),
        "the late registration is not a member");
  }

  @Test
  void invitationsPrintAsSlipsWithAQrCodeAndTheCommand() {
    String poll = draft("Mời — phiếu in");
    Api.Res sheet =
        api.post(
            "/admin/polls/" + poll + "/committee/invitations/sheet",
            Map.of("names", List.of("Phạm <Thị> Hoa")),
            admin);
    assertEquals(200, sheet.status(), sheet.toString());
    String html = sheet.text();
    assertTrue(html.contains("<svg") && html.contains("class=\"slip invitation\""), html);
    assertTrue(html.contains("Phạm &lt;Thị&gt; Hoa"), "names are escaped");
    assertTrue(html.contains("cvote-committee join --invite "), html);
    Api.Res bad =
        api.post(
            "/admin/polls/" + poll + "/committee/invitations",
            Map.of("names", List.of("A", " ")),
            admin);
    assertEquals(400, bad.status(), bad.toString());
    assertEquals("names[1]", bad.field());
    assertEquals(1, invitations(poll).size(), "a refused batch creates nothing");
  }
}
