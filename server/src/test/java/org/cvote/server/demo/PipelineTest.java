package org.cvote.server.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.CommitPost;
import org.cvote.committee.ceremony.Posts;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyCombiner;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.transport.HttpCommitteeClient;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.server.ceremony.CommitteeModule;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on a real server (random port): voters → tokens → ballots → board → committee
 * (ceremony and partial decryptions over HTTP) → tally → signed record → the verifier.
 */
@LocalServer
public class PipelineTest {
  static final TestApp APP = TestApp.create();
  static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  private final URI uri;
  private final Api api;
  private final String admin;

  PipelineTest(URI uri) {
    this.uri = uri;
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private DemoRunner runner() {
    return new DemoRunner(uri, "admin", APP.adminPassword, QUIET);
  }

  public static int verify(Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        org.cvote.verifier.Main.run(
            new String[] {dir.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    if (exit != 0) {
      System.err.println(out.toString(StandardCharsets.UTF_8));
    }
    return exit;
  }

  static long[][] counts(Path dir, int subjects) throws Exception {
    JsonNode t = Api.JSON.readTree(Files.readAllBytes(dir.resolve("tally.json")));
    long[][] out = new long[subjects][3];
    for (JsonNode r : t.path("results")) {
      for (int j = 0; j < 3; j++) {
        out[r.path("subject").asInt() - 1][j] = r.path("counts").get(j).asLong();
      }
    }
    return out;
  }

  @Test
  void demoAutoPublishesARecordTheVerifierAccepts() throws Exception {
    Path out = Files.createTempDirectory("cvote-record");
    DemoRunner d = runner().setUp(DemoRunner.Options.of(5, 30, 5, 3));
    JsonNode tally = d.runAuto(30, out);
    assertTrue(d.summary(tally));
    assertEquals(0, verify(out));
    assertEquals(0, verify(out.resolve("record.zip")));
    SecondVerifier.accepts(out);
    long[][] verified = counts(out, 5);
    for (int s = 0; s < 5; s++) {
      assertArrayEquals(d.truth()[s], verified[s], "subject " + (s + 1));
    }
    JsonNode t = Api.JSON.readTree(Files.readAllBytes(out.resolve("tally.json")));
    assertEquals(30, t.path("collected").asInt());
    // the closing statement: the same on both public routes and in the record, naming the board's N
    // and T_N
    JsonNode closing = api.get("/api/polls/" + d.pollId() + "/board", null).json().path("closing");
    assertEquals(closing, api.get("/api/polls/" + d.pollId(), null).json().path("closing"));
    assertEquals(30, closing.path("count").asInt());
    List<String> lines = Files.readAllLines(out.resolve("ballots.ndjson"));
    assertEquals(
        Api.JSON.readTree(lines.get(29)).path("chain").asText(), closing.path("head").asText());
    assertEquals(
        closing.path("head").asText().substring(0, 4).toUpperCase(),
        closing.path("fingerprint").asText().substring(0, 4));
    JsonNode recAgg = Api.JSON.readTree(Files.readAllBytes(out.resolve("aggregate.json")));
    assertEquals(2, recAgg.path("version").asInt());
    for (String f : List.of("poll", "Q", "count", "head", "signature")) {
      assertEquals(closing.path(f), recAgg.path("closing").path(f), f);
    }
    JsonNode recDec = Api.JSON.readTree(Files.readAllBytes(out.resolve("decryption.json")));
    assertEquals(recDec.path("members").size(), recDec.path("partials").size());
    assertEquals(30, t.path("issued").asInt());
    assertEquals(60, t.path("summoned").asInt());
    assertEquals(58, t.path("present").asInt());
    assertEquals(2, t.path("absentFromStart").asInt());
    // the poll is published, the record is the stored one, every step is in the audit log
    assertEquals(
        "PUBLISHED", api.get("/api/polls/" + d.pollId(), null).json().path("status").asText());
    Api.Res zip = api.get("/api/polls/" + d.pollId() + "/record", null);
    assertEquals(200, zip.status());
    assertArrayEquals(Files.readAllBytes(out.resolve("record.zip")), zip.raw());
    assertTrue(Files.exists(APP.dir.resolve("records").resolve(d.pollId()).resolve("record.sig")));
    String audit = api.get("/admin/polls/" + d.pollId() + "/audit", admin).text();
    for (String action :
        List.of(
            "committee.registered",
            "committee.started",
            "committee.phase",
            "poll.ready",
            "committee.partial-decryption",
            "tally.combined",
            "poll.tallied",
            "poll.published")) {
      assertTrue(audit.contains(action), action + " in " + audit);
    }
  }

  @Test
  void anyThresholdSetGivesTheSameCountsAndFewerThanTIsRefused() throws Exception {
    DemoRunner d = runner().setUp(DemoRunner.Options.of(3, 12, 5, 3));
    d.cast(12);
    d.close();
    String id = d.pollId();
    d.decrypt(1);
    d.decrypt(3);
    // t − 1 valid partials: a clear 409 naming how many are missing
    Api.Res r = api.post("/admin/polls/" + id + "/tally", Map.of(), admin);
    assertEquals(409, r.status(), r.toString());
    assertEquals("not_enough_shares", r.error());
    assertTrue(r.json().path("message").asText().contains("1 missing"), r.toString());
    // a wrong partial (a share changed, correctly signed) is rejected by its proof; nothing is
    // stored
    PartialDecryption good = d.partial(2);
    List<DecryptionFile.Share> shares = new ArrayList<>(good.shares());
    DecryptionFile.Share s0 = shares.get(0);
    shares.set(
        0, new DecryptionFile.Share(s0.member(), s0.label(), s0.m().add(Point.G), s0.proof()));
    Digest q =
        Digest.fromHex(api.get("/api/polls/" + id, null).json().path("context").path("Q").asText());
    Digest head =
        Digest.fromHex(
            api.get("/api/polls/" + id + "/board", null)
                .json()
                .path("closing")
                .path("head")
                .asText());
    assertEquals(head, good.head());
    PartialDecryption bad =
        new PartialDecryption(
            2,
            good.count(),
            head,
            shares,
            d.identity(2)
                .sign(PartialDecryption.payload(q, 2, good.count(), head, shares).bytes()));
    CommitteeException e =
        assertThrows(CommitteeException.class, () -> d.committeeClient().decryption(id, bad));
    assertEquals("bad_decryption", e.code());
    assertEquals(2, APP.app.committee().partials().load(id).size());
    // the others still finish
    d.decrypt(2);
    d.decrypt(4);
    d.decrypt(5);
    CommitteeModule cm = APP.app.committee();
    CeremonyResult result = cm.coordinator().result(id);
    AggregateFile agg = cm.desk().aggregate(id);
    List<PartialDecryption> all = cm.partials().load(id);
    TallyResult a =
        TallyCombiner.combine(q, head, result, agg, pick(all, 1, 3, 5), new SecureRandom());
    TallyResult b =
        TallyCombiner.combine(q, head, result, agg, pick(all, 2, 4, 5), new SecureRandom());
    for (int s = 0; s < 3; s++) {
      assertArrayEquals(a.counts().get(s), b.counts().get(s));
      assertArrayEquals(d.truth()[s], a.counts().get(s));
    }
    // members 1 and 3 absent from the tally: U = {2, 4, 5} through the secretariat's route, then
    // the record verifies
    JsonNode tallied = d.tally(List.of(2, 4, 5));
    assertEquals("[2,4,5]", tallied.path("members").toString());
    d.publish();
    Path out = Files.createTempDirectory("cvote-record");
    d.download(out);
    assertEquals(0, verify(out));
    SecondVerifier.accepts(out); // U = {2, 4, 5}: more than t members
    long[][] verified = counts(out, 3);
    for (int s = 0; s < 3; s++) {
      assertArrayEquals(d.truth()[s], verified[s]);
    }
    JsonNode dec = Api.JSON.readTree(Files.readAllBytes(out.resolve("decryption.json")));
    assertEquals("[2,4,5]", dec.path("members").toString());
  }

  @Test
  void aVoterWhoVotedCannotBeMarkedLeftAndTheRecordStillVerifies() throws Exception {
    // 4 summoned, 3 present (9 ≥ 8), open; voter 1 votes
    DemoRunner d = runner().present(3).setUp(new DemoRunner.Options(1, 4, 3, 2, List.of(1, 2)));
    d.cast(1);
    String left = "/admin/polls/" + d.pollId() + "/attendance/left";
    // voter 1 holds a token, so was present at voting: "left" is refused and changes nothing
    Api.Res refused = api.post(left, Map.of("voters", List.of(1)), admin);
    assertEquals(409, refused.status(), refused.toString());
    assertEquals("token_already_issued", refused.error());
    assertEquals("voters[0]", refused.field());
    JsonNode q = api.get("/admin/polls/" + d.pollId() + "/quorum", admin).json();
    assertEquals(3, q.path("presentAtVoting").asInt());
    // voter 3 has no token: leaving is recorded (present 3, present at voting 2)
    assertEquals(200, api.post(left, Map.of("voters", List.of(3)), admin).status());
    Path out = Files.createTempDirectory("cvote-record");
    JsonNode tally = d.runAuto(0, out);
    assertEquals(3, tally.path("present").asInt());
    assertEquals(2, tally.path("presentAtVoting").asInt());
    assertEquals(1, tally.path("issued").asInt());
    assertEquals(1, tally.path("collected").asInt());
    assertEquals(0, verify(out));
    SecondVerifier.accepts(out);
  }

  @Test
  void aPollClosedWithoutBallotsPublishesAnEmptyRecordThatVerifies() throws Exception {
    Path out = Files.createTempDirectory("cvote-record");
    DemoRunner d = runner().setUp(DemoRunner.Options.of(2, 0, 3, 2));
    JsonNode tally = d.runAuto(0, out);
    assertEquals(0, tally.path("collected").asInt());
    assertEquals(0, verify(out));
    SecondVerifier.accepts(out);
    // version 2: the version 1 fields first and unchanged, then the closing statement of the empty
    // board (N = 0, T_0)
    JsonNode agg = Api.JSON.readTree(Files.readAllBytes(out.resolve("aggregate.json")));
    assertTrue(
        agg.toString().startsWith("{\"count\":0,\"rows\":[],\"version\":2,\"closing\":{"),
        agg.toString());
    JsonNode ctx = Api.JSON.readTree(Files.readAllBytes(out.resolve("context.json")));
    assertEquals(0, agg.path("closing").path("count").asInt());
    assertEquals(
        org.cvote.crypto.ballot.BallotHashes.chainStart(Digest.fromHex(ctx.path("Q").asText()))
            .toHex(),
        agg.path("closing").path("head").asText());
    JsonNode dec = Api.JSON.readTree(Files.readAllBytes(out.resolve("decryption.json")));
    assertEquals("{\"members\":[],\"shares\":[],\"partials\":[]}", dec.toString());
    for (JsonNode r : tally.path("results")) {
      assertEquals("[\"0.00\",\"0.00\",\"0.00\"]", r.path("percent").toString());
      assertEquals("NONE", r.path("flag").asText());
    }
  }

  @Test
  void aParticipantsOnlyRecordIsServedToTheSecretariatAndToVotersWithAReceipt() throws Exception {
    Path out = Files.createTempDirectory("cvote-record");
    DemoRunner d = runner().visibility("PARTICIPANTS").setUp(DemoRunner.Options.of(1, 3, 3, 2));
    d.runAuto(3, out);
    assertEquals(0, verify(out));
    String path = "/api/polls/" + d.pollId() + "/record";
    Api.Res stranger = api.get(path, null);
    assertEquals(403, stranger.status(), stranger.toString());
    assertEquals("participants_only", stranger.error());
    assertEquals(403, api.get(path + "?receipt=" + "ab".repeat(32), null).status());
    assertEquals(200, api.get(path, admin).status());
    // issue 19: the ballot hash the board prints opens nothing; the voter's signed receipt does
    String hash =
        api.get("/api/polls/" + d.pollId() + "/board", null)
            .json()
            .path("ballots")
            .get(0)
            .path("hash")
            .asText();
    assertEquals(403, api.get(path + "?receipt=" + hash, null).status());
    com.fasterxml.jackson.databind.JsonNode r = d.receipts().get(0);
    Api.Res voter =
        api.send(
            "GET",
            path,
            null,
            null,
            null,
            Map.of(
                "X-Cvote-Receipt",
                r.get("index").asInt()
                    + "."
                    + r.get("ballotHash").asText()
                    + "."
                    + r.get("chain").asText()
                    + "."
                    + r.get("signature").asText()));
    assertEquals(200, voter.status(), voter.toString());
    assertArrayEquals(Files.readAllBytes(out.resolve("record.zip")), voter.raw());
  }

  private static List<PartialDecryption> pick(List<PartialDecryption> all, int... members) {
    List<PartialDecryption> out = new ArrayList<>();
    for (int m : members) {
      out.add(all.stream().filter(p -> p.member() == m).findFirst().orElseThrow());
    }
    return out;
  }

  @Test
  void ceremonyRoutesRefuseNonMembersAndBadSignatures() {
    Api.Res created =
        api.post(
            "/admin/polls",
            Map.of(
                "title", "Thử nghiệm", "place", "Hà Nội", "date", "2026-11-23", "ballotVersion", 1),
            admin);
    String id = created.json().path("id").asText();
    assertEquals(
        201,
        api.post(
                "/admin/polls/" + id + "/subjects",
                Map.of("name", "Nguyễn Văn A", "position", "Giám đốc", "unit", "Sở Nội vụ"),
                admin)
            .status());
    assertEquals(
        200,
        api.postRaw(
                "/admin/polls/" + id + "/roster/import",
                "name,unit\nA,B\nC,D\nE,F\n",
                "text/csv",
                admin)
            .status());
    HttpCommitteeClient client = new HttpCommitteeClient(uri);
    List<MemberIdentity> ids = new ArrayList<>();
    List<String> codes = invite(id, 4);
    for (int i = 0; i < 4; i++) {
      MemberIdentity m = MemberIdentity.generate("Thành viên " + (i + 1));
      ids.add(m);
      client.register(id, Registration.create(id, m, codes.get(i)));
    }
    // the secretariat's routes need a session
    assertEquals(
        401, api.post("/admin/polls/" + id + "/committee/start", Map.of("t", 2), null).status());
    assertEquals(
        401,
        api.post(
                "/admin/polls/" + id + "/committee/invitations",
                Map.of("names", List.of("X")),
                null)
            .status());
    // only the first three are approved (the fourth joined but was not elected)
    Api.Res start =
        api.post(
            "/admin/polls/" + id + "/committee/start",
            Map.of(
                "t",
                2,
                "members",
                ids.subList(0, 3).stream().map(MemberIdentity::fingerprint).toList()),
            admin);
    assertEquals(200, start.status(), start.toString());
    assertEquals("CEREMONY", api.get("/api/polls/" + id, null).json().path("status").asText());
    CeremonyState s = client.ceremony(id);
    assertEquals(3, s.n());
    Digest commit = Digest.sha256(new byte[] {1});
    // the outsider signs as member 1: bad signature
    Api.Res r1 =
        api.post(
            "/api/polls/" + id + "/committee/ceremony/commit",
            post(
                new CommitPost(
                    1, commit, ids.get(3).sign(Posts.commit(s.ceremonyId(), 1, commit).bytes()))),
            null);
    assertEquals(403, r1.status(), r1.toString());
    assertEquals("bad_signature", r1.error());
    assertNotNull(r1.json().path("message").asText(null));
    // an index outside the approved committee
    Api.Res r2 =
        api.post(
            "/api/polls/" + id + "/committee/ceremony/commit",
            post(
                new CommitPost(
                    4, commit, ids.get(3).sign(Posts.commit(s.ceremonyId(), 4, commit).bytes()))),
            null);
    assertEquals(403, r2.status(), r2.toString());
    assertEquals("not_a_member", r2.error());
    assertEquals("member", r2.field());
    // an unsigned post (signature of the wrong length) is a 4xx naming the field
    Api.Res r3 =
        api.send(
            "POST",
            "/api/polls/" + id + "/committee/ceremony/commit",
            ("{\"member\":1,\"commitHash\":\"" + commit.toHex() + "\",\"signature\":\"00\"}")
                .getBytes(StandardCharsets.UTF_8),
            "application/json",
            null);
    assertTrue(r3.status() >= 400 && r3.status() < 500, r3.toString());
    assertNotNull(r3.error());
    // a correctly signed post of an approved member is accepted
    Api.Res ok =
        api.post(
            "/api/polls/" + id + "/committee/ceremony/commit",
            post(
                new CommitPost(
                    2, commit, ids.get(1).sign(Posts.commit(s.ceremonyId(), 2, commit).bytes()))),
            null);
    assertEquals(200, ok.status(), ok.toString());
    // late registration (even with an invitation) and unknown polls
    Api.Res late =
        api.post(
            "/api/polls/" + id + "/committee/members",
            post(Registration.create(id, MemberIdentity.generate("Muộn"), invite(id, 1).get(0))),
            null);
    assertEquals(409, late.status(), late.toString());
    assertEquals(404, api.get("/api/polls/p-nope/committee/ceremony", null).status());
    // the tally input is refused before close
    Api.Res ti = api.get("/api/polls/" + id + "/committee/tally-input", null);
    assertEquals(409, ti.status());
    assertEquals("not_closed", ti.error());
    JsonNode progress = api.get("/admin/polls/" + id + "/committee", admin).json();
    assertEquals("COMMIT", progress.path("phase").asText());
    assertEquals(4, progress.path("registrations").size());
  }

  /**
   * One-time invitations for {@code n} elected members, through the secretariat's route; returns
   * the codes.
   */
  private List<String> invite(String pollId, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      names.add("Thành viên được bầu " + i);
    }
    Api.Res r =
        api.post(
            "/admin/polls/" + pollId + "/committee/invitations", Map.of("names", names), admin);
    assertEquals(201, r.status(), r.toString());
    List<String> codes = new ArrayList<>();
    r.json().path("invitations").forEach(x -> codes.add(x.path("code").asText()));
    return codes;
  }

  /**
   * Four invited members joined and approved (t = 2); the rounds run until every share is posted.
   */
  private record Committee(
      String id,
      HttpCommitteeClient client,
      List<MemberIdentity> ids,
      List<org.cvote.committee.ceremony.InMemoryMemberStateStore> stores,
      SecureRandom rng) {
    org.cvote.committee.ceremony.MemberCeremony member(int i) {
      // each member confirms the served list against the four approved (a restart may drop some:
      // §8.8), t = 2
      return new org.cvote.committee.ceremony.MemberCeremony(
          ids.get(i),
          stores.get(i),
          client,
          id,
          rng,
          org.cvote.committee.ceremony.ListConfirmation.amongElected(
              ids.stream().map(MemberIdentity::fingerprint).toList(), 2));
    }
  }

  private Committee committeeUntilSharesAreIn(String title) {
    Api.Res created =
        api.post(
            "/admin/polls",
            Map.of("title", title, "place", "Huế", "date", "2026-11-23", "ballotVersion", 1),
            admin);
    String id = created.json().path("id").asText();
    api.post(
        "/admin/polls/" + id + "/subjects",
        Map.of("name", "Trần Văn B", "position", "Phó Giám đốc", "unit", "Sở Y tế"),
        admin);
    api.postRaw(
        "/admin/polls/" + id + "/roster/import", "name,unit\nA,B\nC,D\nE,F\n", "text/csv", admin);
    HttpCommitteeClient client = new HttpCommitteeClient(uri);
    List<MemberIdentity> ids = new ArrayList<>();
    List<org.cvote.committee.ceremony.InMemoryMemberStateStore> stores = new ArrayList<>();
    List<String> codes = invite(id, 4);
    for (int i = 0; i < 4; i++) {
      ids.add(MemberIdentity.generate("Thành viên " + (i + 1)));
      stores.add(new org.cvote.committee.ceremony.InMemoryMemberStateStore());
      client.register(id, Registration.create(id, ids.get(i), codes.get(i)));
    }
    assertEquals(
        200,
        api.post(
                "/admin/polls/" + id + "/committee/start",
                Map.of("t", 2, "members", ids.stream().map(MemberIdentity::fingerprint).toList()),
                admin)
            .status());
    Committee c = new Committee(id, client, ids, stores, new SecureRandom());
    for (int round = 0;
        round < 20 && client.ceremony(id).phase() != org.cvote.committee.ceremony.Phase.CONFIRM;
        round++) {
      for (int i = 0;
          i < 4 && client.ceremony(id).phase() != org.cvote.committee.ceremony.Phase.CONFIRM;
          i++) {
        c.member(i).step();
      }
    }
    assertEquals(org.cvote.committee.ceremony.Phase.CONFIRM, client.ceremony(id).phase());
    return c;
  }

  private void runUntilReady(Committee c, int... members) {
    for (int round = 0;
        round < 20
            && !"READY"
                .equals(api.get("/api/polls/" + c.id(), null).json().path("status").asText());
        round++) {
      for (int i : members) {
        c.member(i).step();
      }
    }
  }

  /**
   * docs/protocol.md §8.8 over the routes: member 1 accuses member 2, who answers with a share that
   * fails the check (signed): the complaint is upheld, the attempt fails naming member 2, and the
   * secretariat restarts without it.
   */
  @Test
  void anUpheldComplaintFailsTheAttemptAndTheSecretariatRestartsWithoutTheAccused() {
    Committee c = committeeUntilSharesAreIn("Khiếu nại đúng");
    String id = c.id();
    CeremonyState s = c.client().ceremony(id);
    String reason = "share fails the Feldman check";
    c.client()
        .complain(
            id,
            new org.cvote.committee.ceremony.ComplaintPost(
                1,
                2,
                reason,
                c.ids().get(0).sign(Posts.complaint(s.ceremonyId(), 1, 2, reason).bytes())));
    assertEquals(
        "CONFIRM",
        api.get("/admin/polls/" + id + "/committee", admin).json().path("phase").asText(),
        "a complaint alone excludes nobody");
    org.cvote.crypto.group.Scalar wrong = org.cvote.crypto.group.Scalar.random(new SecureRandom());
    Api.Res answer =
        api.post(
            "/api/polls/" + id + "/committee/ceremony/answers",
            post(
                new org.cvote.committee.ceremony.AnswerPost(
                    2,
                    1,
                    wrong,
                    c.ids().get(1).sign(Posts.answer(s.ceremonyId(), 2, 1, wrong).bytes()))),
            null);
    assertEquals(200, answer.status(), answer.toString());
    JsonNode progress = api.get("/admin/polls/" + id + "/committee", admin).json();
    assertEquals("FAILED", progress.path("phase").asText());
    assertEquals("[2]", progress.path("failure").path("accused").toString());
    assertEquals("INVALID", progress.path("complaints").get(0).path("answer").asText());
    Api.Res restart = api.post("/admin/polls/" + id + "/committee/restart", Map.of(), admin);
    assertEquals(200, restart.status(), restart.toString());
    assertEquals(3, restart.json().path("n").asInt());
    runUntilReady(c, 0, 2, 3);
    JsonNode poll = api.get("/api/polls/" + id, null).json();
    assertEquals("READY", poll.path("status").asText());
    assertEquals(3, poll.path("context").path("n").asInt());
    String audit = api.get("/admin/polls/" + id + "/audit", admin).text();
    assertTrue(
        audit.contains("committee.complaint") && audit.contains("the complaint is upheld"), audit);
    assertTrue(audit.contains("committee.restarted"), audit);
    assertTrue(audit.contains("accused [2]"), audit);
  }

  /**
   * §8.8, the false complaint: member 1 accuses honest member 2, whose tool answers with the true
   * share; it checks, the complaint is dismissed, nobody is excluded, and the same attempt
   * completes with all four members.
   */
  @Test
  void aFalseComplaintIsAnsweredAndTheCeremonyCompletesWithEveryMember() {
    Committee c = committeeUntilSharesAreIn("Khiếu nại sai");
    String id = c.id();
    CeremonyState s = c.client().ceremony(id);
    String reason = "share does not decrypt";
    c.client()
        .complain(
            id,
            new org.cvote.committee.ceremony.ComplaintPost(
                1,
                2,
                reason,
                c.ids().get(0).sign(Posts.complaint(s.ceremonyId(), 1, 2, reason).bytes())));
    // an answer nobody asked for is refused
    org.cvote.crypto.group.Scalar any = org.cvote.crypto.group.Scalar.random(new SecureRandom());
    Api.Res stray =
        api.post(
            "/api/polls/" + id + "/committee/ceremony/answers",
            post(
                new org.cvote.committee.ceremony.AnswerPost(
                    3,
                    1,
                    any,
                    c.ids().get(2).sign(Posts.answer(s.ceremonyId(), 3, 1, any).bytes()))),
            null);
    assertEquals(409, stray.status(), stray.toString());
    assertEquals("no_complaint", stray.error());
    runUntilReady(c, 0, 1, 2, 3);
    JsonNode poll = api.get("/api/polls/" + id, null).json();
    assertEquals("READY", poll.path("status").asText());
    assertEquals(
        4, poll.path("context").path("n").asInt(), "the false complaint pushed nobody out");
    JsonNode progress = api.get("/admin/polls/" + id + "/committee", admin).json();
    assertEquals(1, progress.path("attempt").asInt());
    assertEquals("VALID", progress.path("complaints").get(0).path("answer").asText());
    String audit = api.get("/admin/polls/" + id + "/audit", admin).text();
    assertTrue(audit.contains("the complaint is dismissed"), audit);
  }

  private static Object post(Object o) {
    try {
      return Api.JSON.readTree(org.cvote.committee.CommitteeJson.mapper().writeValueAsBytes(o));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
