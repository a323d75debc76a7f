package org.cvote.server.ballot;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

@LocalServer
public class BallotRoutesTest {
  static final TestApp APP = TestApp.create();
  private final Api api;
  private final String admin;

  BallotRoutesTest(URI uri) {
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  @Test
  void castReturnsSignedReceiptAndBoardShowsTheChain() throws Exception {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 3, 5, 5);
    JsonNode poll = s.publicPoll();
    assertEquals("OPEN", poll.get("status").asText());
    assertEquals(3, poll.get("manifest").get("subjects").size());
    assertEquals("RSABSSA-SHA384-PSS-Randomized", poll.get("tokenKey").get("scheme").asText());
    assertEquals(64, poll.get("signingKey").get("ed25519").asText().length());

    Ballot b = s.ballot(s.token(s.codes.get(0)), 0, 2, BallotEncryptor.BLANK);
    Api.Res r = expect(s.cast(b), 200);
    JsonNode rc = r.json();
    assertEquals(1, rc.get("index").asInt());
    Digest q = Digest.fromHex(poll.get("context").get("Q").asText());
    Digest bHash = BallotHashes.ballotHash(q, b);
    assertEquals(bHash.toHex(), rc.get("ballotHash").asText());
    Digest t1 = BallotHashes.chainNext(BallotHashes.chainStart(q), bHash);
    assertEquals(t1.toHex(), rc.get("chain").asText());
    assertEquals(BallotHashes.trackingCode(t1), rc.get("trackingCode").asText());
    assertTrue(
        verifyEd25519(
            poll.get("signingKey").get("ed25519").asText(),
            BallotHashes.receipt(q, 1, bHash, t1).bytes(),
            Hex.decodeOrNull(rc.get("signature").asText())));

    Ballot b2 = s.ballot(s.token(s.codes.get(1)));
    JsonNode rc2 = expect(s.cast(b2), 200).json();
    assertEquals(2, rc2.get("index").asInt());

    JsonNode board = expect(api.get("/api/polls/" + s.pollId + "/board", null), 200).json();
    assertEquals(2, board.get("count").asInt());
    JsonNode line = board.get("ballots").get(0);
    assertEquals(List.of("poll", "token", "rows", "index", "hash", "chain"), fieldNames(line));
    assertEquals(rc.get("ballotHash").asText(), line.get("hash").asText());
    assertEquals(rc2.get("chain").asText(), board.get("ballots").get(1).get("chain").asText());
    assertEquals(2, s.publicPoll().get("ballots").asInt());
  }

  @Test
  void theSameTokenIsAcceptedOnce() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    Ballot.Token token = s.token(s.codes.get(0));
    expect(s.cast(s.ballot(token)), 200);
    Api.Res again = s.cast(s.ballot(token));
    assertEquals(409, again.status());
    assertEquals("token_spent", again.error());
    assertEquals(1, api.get("/api/polls/" + s.pollId + "/board", null).json().get("count").asInt());
  }

  @Test
  void hundredParallelCastsOfOneTokenAcceptExactlyOne() throws Exception {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    Ballot.Token token = s.token(s.codes.get(0));
    List<byte[]> ballots = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ballots.add(Scenario.json(s.ballot(token))); // distinct encryptions, same token
    }
    List<Integer> statuses = parallel(ballots.size(), i -> s.cast(ballots.get(i)).status());
    assertEquals(1, statuses.stream().filter(x -> x == 200).count(), statuses.toString());
    assertEquals(99, statuses.stream().filter(x -> x == 409).count(), statuses.toString());
    assertEquals(1, api.get("/api/polls/" + s.pollId + "/board", null).json().get("count").asInt());
  }

  @Test
  void concurrentCastsMakeAGapFreeChain() throws Exception {
    int voters = 24;
    Scenario s = Scenario.openPoll(api, APP.app, admin, 2, voters, voters);
    List<byte[]> ballots = new ArrayList<>();
    for (String code : s.codes) {
      ballots.add(Scenario.json(s.ballot(s.token(code))));
    }
    List<Integer> statuses = parallel(voters, i -> s.cast(ballots.get(i)).status());
    assertTrue(statuses.stream().allMatch(x -> x == 200), statuses.toString());
    JsonNode board = api.get("/api/polls/" + s.pollId + "/board", null).json();
    Digest q = Digest.fromHex(s.publicPoll().get("context").get("Q").asText());
    assertChain(board, q, voters);
  }

  @Test
  void closingDuringCastsLeavesAConsistentChain() throws Exception {
    int voters = 20;
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, voters, voters);
    List<byte[]> ballots = new ArrayList<>();
    for (String code : s.codes) {
      ballots.add(Scenario.json(s.ballot(s.token(code))));
    }
    List<Api.Res> results =
        parallel(
            voters + 1,
            i ->
                i == voters / 2
                    ? api.post("/admin/polls/" + s.pollId + "/close", null, admin)
                    : s.cast(ballots.get(i > voters / 2 ? i - 1 : i)));
    long accepted =
        results.stream().filter(r -> r.status() == 200 && r.json().has("index")).count();
    assertTrue(
        results.stream().allMatch(r -> r.status() == 200 || "poll_not_open".equals(r.error())),
        results.toString());
    JsonNode board = api.get("/api/polls/" + s.pollId + "/board", null).json();
    assertChain(
        board, Digest.fromHex(s.publicPoll().get("context").get("Q").asText()), (int) accepted);
    assertEquals("CLOSED", board.get("status").asText());
  }

  /**
   * Cast at once, so they share proof batches and commit groups: a bad ballot or a replay refuses
   * only itself.
   */
  @Test
  void badProofsAndRepeatedTokensInOneRushRefuseOnlyThemselves() throws Exception {
    int voters = 30;
    Scenario s = Scenario.openPoll(api, APP.app, admin, 2, voters, voters);
    List<byte[]> bodies = new ArrayList<>();
    List<String> expect = new ArrayList<>();
    for (int i = 0; i < voters; i++) {
      Ballot.Token token = s.token(s.codes.get(i));
      Ballot b = s.ballot(token);
      if (i % 5 == 2) {
        // a valid token whose row proof is another ballot's: refused, and the token stays unspent
        Ballot donor = s.ballot(token);
        List<Ballot.Row> rows = new ArrayList<>(b.rows());
        rows.set(
            1,
            new Ballot.Row(
                rows.get(1).subject(), rows.get(1).options(), donor.rows().get(1).rowProof()));
        bodies.add(Scenario.json(new Ballot(b.poll(), b.token(), rows)));
        expect.add("invalid_proof rows[1].rowProof");
      } else {
        bodies.add(Scenario.json(b));
        expect.add("ok");
        if (i % 5
            == 4) { // the same token twice, two encryptions: exactly one of the pair is stored
          bodies.add(Scenario.json(s.ballot(token)));
          expect.add("pair");
        }
      }
    }
    List<Api.Res> res = parallel(bodies.size(), i -> s.cast(bodies.get(i)));
    int accepted = 0;
    for (int i = 0; i < bodies.size(); i++) {
      Api.Res r = res.get(i);
      switch (expect.get(i)) {
        case "ok" ->
            assertTrue(
                r.status() == 200
                    || (i + 1 < expect.size()
                        && expect.get(i + 1).equals("pair")
                        && "token_spent".equals(r.error())),
                i + ": " + r);
        case "pair" -> {
          Api.Res first = res.get(i - 1);
          assertEquals(
              1,
              (first.status() == 200 ? 1 : 0) + (r.status() == 200 ? 1 : 0),
              i + ": " + first + " / " + r);
          assertTrue(r.status() == 200 || "token_spent".equals(r.error()), i + ": " + r);
        }
        default -> {
          assertEquals(400, r.status(), i + ": " + r);
          assertEquals("invalid_proof", r.error(), i + ": " + r);
          assertEquals("rows[1].rowProof", r.json().get("field").asText(), i + ": " + r);
        }
      }
      if (r.status() == 200) {
        accepted++;
      }
    }
    assertEquals(voters - voters / 5, accepted);
    JsonNode board = api.get("/api/polls/" + s.pollId + "/board", null).json();
    assertChain(board, Digest.fromHex(s.publicPoll().get("context").get("Q").asText()), accepted);
    // the refused ballots' tokens were not spent: their owners can still vote
    for (int i = 2; i < voters; i += 5) {
      int before = board.get("count").asInt();
      expect(s.cast(s.ballot(tokenOf(bodies, i, voters))), 200);
      assertEquals(
          before + 1,
          api.get("/api/polls/" + s.pollId + "/board", null).json().get("count").asInt());
      board = api.get("/api/polls/" + s.pollId + "/board", null).json();
    }
  }

  /**
   * The token inside the i-th voter's body (bodies hold an extra entry after every voter i with i %
   * 5 == 4).
   */
  private static Ballot.Token tokenOf(List<byte[]> bodies, int voter, int voters) throws Exception {
    int at = voter + (voter + 1) / 5; // pairs added before this voter
    Ballot b = org.cvote.crypto.json.ProtocolJson.mapper().readValue(bodies.get(at), Ballot.class);
    return b.token();
  }

  public static void assertChain(JsonNode board, Digest q, int expected) {
    assertEquals(expected, board.get("count").asInt());
    Digest t = BallotHashes.chainStart(q);
    for (int k = 1; k <= expected; k++) {
      JsonNode line = board.get("ballots").get(k - 1);
      assertEquals(k, line.get("index").asInt(), "consecutive indices from 1");
      t = BallotHashes.chainNext(t, Digest.fromHex(line.get("hash").asText()));
      assertEquals(t.toHex(), line.get("chain").asText(), "T_" + k);
    }
  }

  @Test
  void aTokenOfPollAIsRefusedInPollB() {
    Scenario a = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    Scenario b = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    Ballot.Token tokenA = a.token(a.codes.get(0));
    // a ballot for B carrying A's token: the message names poll A
    Ballot forB = b.ballot(tokenA);
    Api.Res r = b.cast(forB);
    assertEquals(400, r.status(), r.toString());
    assertEquals("invalid_token", r.error());
    assertEquals("token.msg", r.field());
    // A's ballot sent to B's route: wrong poll
    Api.Res r2 = b.cast(a.ballot(tokenA));
    assertEquals(400, r2.status());
    assertEquals("poll", r2.field());
    assertEquals(0, api.get("/api/polls/" + b.pollId + "/board", null).json().get("count").asInt());
    expect(a.cast(a.ballot(tokenA)), 200); // still unspent in A
  }

  @Test
  void badBallotsAreRefusedNamingTheFieldAndTheBoardIsUnchanged() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 2, 3, 3);
    Ballot.Token token = s.token(s.codes.get(0));
    ObjectNode good = (ObjectNode) Api.JSON.valueToTree(readTree(Scenario.json(s.ballot(token))));
    String anotherPoint =
        ((ObjectNode) readTree(Scenario.json(s.ballot(token))))
            .at("/rows/0/options/0/alpha")
            .asText();

    check(s, good, n -> n.put("extra", 1), "unknown_field", "extra");
    check(
        s,
        good,
        n -> ((ObjectNode) n.at("/rows/0/options/1")).put("gamma", "00"),
        "unknown_field",
        "rows[0].options[1].gamma");
    check(s, good, n -> n.remove("token"), "missing", "token");
    check(
        s,
        good,
        n -> ((ObjectNode) n.at("/rows/0/options/0")).put("alpha", "04" + "00".repeat(64)),
        "invalid",
        "rows[0].options[0].alpha");
    check(
        s,
        good,
        n ->
            ((ObjectNode) n.at("/rows/1/options/2"))
                .put("beta", n.at("/rows/1/options/2/beta").asText().toUpperCase()),
        "invalid",
        "rows[1].options[2].beta");
    check(
        s,
        good,
        n -> ((ArrayNode) n.at("/rows/0/rowProof/v")).set(0, "ff".repeat(32)),
        "invalid",
        "rows[0].rowProof.v[0]");
    check(
        s,
        good,
        n -> ((ObjectNode) n.at("/rows/0/options/0")).put("alpha", anotherPoint),
        "invalid_proof",
        "rows[0].options[0].proof");
    check(s, good, n -> ((ArrayNode) n.get("rows")).remove(1), "invalid", "rows");
    check(
        s,
        good,
        n -> ((ObjectNode) n.at("/rows/1")).put("subject", 3),
        "invalid",
        "rows[1].subject");
    check(
        s,
        good,
        n -> ((ObjectNode) n.get("token")).put("sig", n.at("/token/sig").asText().substring(2)),
        "invalid_token",
        "token.sig");
    check(
        s,
        good,
        n -> {
          String sig = n.at("/token/sig").asText();
          ((ObjectNode) n.get("token"))
              .put("sig", (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1));
        },
        "invalid_token",
        "token.sig");
    check(s, good, n -> n.put("poll", "p-other"), "invalid", "poll");

    Api.Res dup =
        s.cast(("{\"poll\":\"" + s.pollId + "\"," + good.toString().substring(1)).getBytes());
    assertEquals(400, dup.status());
    assertEquals("duplicate_key", dup.error());
    Api.Res huge = s.cast(new byte[600 * 1024]);
    assertEquals(413, huge.status());
    assertEquals(400, s.cast("[]".getBytes()).status());

    assertEquals(
        0,
        api.get("/api/polls/" + s.pollId + "/board", null).json().get("count").asInt(),
        "nothing stored");
    expect(s.cast(good.toString().getBytes()), 200); // and the token is still unspent
  }

  private void check(
      Scenario s, ObjectNode good, Consumer<ObjectNode> mutate, String error, String field) {
    ObjectNode bad = good.deepCopy();
    mutate.accept(bad);
    Api.Res r = s.cast(bad.toString().getBytes());
    assertEquals(400, r.status(), r.toString());
    assertEquals(error, r.error(), r.toString());
    if (field != null) {
      assertEquals(field, r.field(), r.toString());
    }
  }

  @Test
  void castingOutsideOpenIs409() {
    Scenario s = new Scenario(api, APP.app, admin).draft(1, 3).checkIn(3).ceremony();
    Api.Res notYet = s.cast("{}".getBytes());
    assertEquals(409, notYet.status());
    s.open();
    Ballot b = s.ballot(s.token(s.codes.get(0)));
    expect(api.post("/admin/polls/" + s.pollId + "/close", null, admin), 200);
    Api.Res closed = s.cast(b);
    assertEquals(409, closed.status());
    assertEquals("poll_not_open", closed.error());
  }

  @Test
  void recordIs409UntilPublished() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    Api.Res r = api.get("/api/polls/" + s.pollId + "/record", null);
    assertEquals(409, r.status());
    assertEquals("not_published", r.error());
    assertEquals(404, api.get("/api/polls/p-none/record", null).status());
    assertEquals(404, api.get("/api/polls/p-none/board", null).status());
    assertEquals(404, api.get("/api/polls/p-none", null).status());
  }

  @Test
  void recordIsServedOncePublished() {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 3, 3);
    expect(api.post("/admin/polls/" + s.pollId + "/close", null, admin), 200);
    assertEquals("not_published", api.get("/api/polls/" + s.pollId + "/record", null).error());
    var wrong =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.cvote.server.refusal.Refusal.class,
            () -> APP.app.lifecycle().publish("test", s.pollId, new byte[] {1}));
    assertEquals(409, org.cvote.server.http.Http.status(wrong.kind()));
    APP.app.lifecycle().markTallied("committee", s.pollId);
    byte[] zip = {'P', 'K', 5, 6};
    APP.app.lifecycle().publish("admin", s.pollId, zip);
    Api.Res r = expect(api.get("/api/polls/" + s.pollId + "/record", null), 200);
    assertEquals("application/zip", r.contentType());
    org.junit.jupiter.api.Assertions.assertArrayEquals(zip, r.raw());
    assertEquals("PUBLISHED", s.publicPoll().get("status").asText());
  }

  static <T> List<T> parallel(int n, java.util.function.IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 50));
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.apply(k);
                }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static JsonNode readTree(byte[] b) {
    try {
      return Api.JSON.readTree(b);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static boolean verifyEd25519(String publicHex, byte[] message, byte[] signature)
      throws Exception {
    // raw 32-byte key → X.509 SPKI for the JDK's Ed25519
    byte[] prefix = Hex.decodeOrNull("302a300506032b6570032100");
    byte[] spki = new byte[prefix.length + 32];
    System.arraycopy(prefix, 0, spki, 0, prefix.length);
    System.arraycopy(Hex.decodeOrNull(publicHex), 0, spki, prefix.length, 32);
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
    v.update(message);
    return v.verify(signature);
  }
}
