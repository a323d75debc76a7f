package org.cvote.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.attendance.AccessCodes;
import org.cvote.server.ballot.BallotRoutesTest;
import org.cvote.server.demo.DemoRunner;
import org.cvote.server.demo.PipelineTest;
import org.cvote.server.secret.MasterKey;
import org.cvote.server.store.StoreSettings;
import org.cvote.server.support.NodeProcess;
import org.cvote.server.support.PostgresServer;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on different ports sharing one PostgreSQL database, as behind a round-robin
 * reverse proxy: started together on an empty database, one poll run through both (every
 * secretariat, committee and voter request alternating between them), 200 casts fired at both at
 * once with tokens repeated among them. Exactly the distinct tokens are accepted, the chain has no
 * gap and no duplicate, and the published record verifies.
 */
class TwoNodeTest {
  static final int DISTINCT = 160;
  static final int REPEATS = 40;
  static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void twoNodesRunOnePollOnOneGapFreeBoard(@TempDir Path work) throws Exception {
    PostgresServer pg = PostgresServer.shared();
    String database =
        "two_nodes_" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(4));
    pg.createDatabase(database);
    StoreSettings store = pg.settings(database, 6);
    Path master = work.resolve("master-keyset.json");
    MasterKey.loadOrCreate(master); // one master keyset, shared by every node
    List<String> jvm = List.of("-Xmx512m");
    try (NodeProcess a = NodeProcess.start(work.resolve("a"), master, store, jvm);
        NodeProcess b = NodeProcess.start(work.resolve("b"), master, store, jvm)) {
      a.awaitReady(Duration.ofMinutes(2));
      b.awaitReady(Duration.ofMinutes(2));
      // started together on an empty database: one of them made the first account, and it serves
      // both
      List<String> passwords = Stream.of(a, b).flatMap(n -> n.firstRunPassword().stream()).toList();
      assertEquals(1, passwords.size(), "one first-run account:\n" + a.log() + "\n" + b.log());
      Api apiA = new Api(a.uri());
      Api apiB = new Api(b.uri());

      DemoRunner runner =
          new DemoRunner(List.of(a.uri(), b.uri()), "admin", passwords.get(0), QUIET);
      runner.setUp(
          DemoRunner.Options.of(3, DISTINCT, 3, 2)); // ceremony steps spread over both nodes
      String pollId = runner.pollId();
      JsonNode pollAtA = apiA.get("/api/polls/" + pollId, null).json();
      assertEquals(
          pollAtA,
          apiB.get("/api/polls/" + pollId, null).json(),
          "one poll, one context, one signing key");

      List<DemoRunner.PreparedBallot> ballots = runner.prepare(DISTINCT);
      wrongCodesCountOnBothNodes(
          apiA, apiB, pollId); // after the tokens: all simulated voters share one address
      // Each double spend sits right after the ballot it races, so the two go to different nodes at
      // once;
      // every fourth is the very same ballot again, the others a new ballot with the same token.
      List<DemoRunner.PreparedBallot> casts = new ArrayList<>();
      for (int i = 0; i < DISTINCT; i++) {
        casts.add(ballots.get(i));
        if (i < REPEATS) {
          casts.add(i % 4 == 0 ? ballots.get(i) : runner.again(ballots.get(i)));
        }
      }
      assertEquals(200, casts.size());
      List<DemoRunner.CastAnswer> answers = castAllAtOnce(runner, casts);

      Map<String, List<Integer>> byToken = new HashMap<>();
      Set<Integer> indices = new HashSet<>();
      for (int k = 0; k < casts.size(); k++) {
        DemoRunner.CastAnswer ans = answers.get(k);
        String token = HexFormat.of().formatHex(casts.get(k).token().msg());
        byToken.computeIfAbsent(token, t -> new ArrayList<>()).add(ans.status());
        if (ans.status() == 200) {
          runner.counted(casts.get(k));
          assertTrue(
              indices.add(ans.body().get("index").asInt()), "index given twice: " + ans.body());
        } else {
          assertEquals(409, ans.status(), ans.body().toString());
          assertEquals("token_spent", ans.body().path("error").asText(), ans.body().toString());
        }
      }
      assertEquals(DISTINCT, byToken.size());
      byToken.forEach(
          (token, statuses) ->
              assertEquals(
                  1,
                  statuses.stream().filter(s -> s == 200).count(),
                  "token " + token + ": " + statuses));
      Set<Integer> expected = new HashSet<>();
      for (int k = 1; k <= DISTINCT; k++) {
        expected.add(k);
      }
      assertEquals(expected, indices, "receipts carry the indices 1..n");

      // the same board on both nodes: indices 1..n, each T_k recomputed from T_{k-1} and B_k
      JsonNode board = apiA.get("/api/polls/" + pollId + "/board", null).json();
      assertEquals(board, apiB.get("/api/polls/" + pollId + "/board", null).json());
      Digest q =
          Digest.fromHex(
              apiB.get("/api/polls/" + pollId, null).json().get("context").get("Q").asText());
      BallotRoutesTest.assertChain(board, q, DISTINCT);

      // close, members 1 and 2 decrypt at different nodes, tally, publish: the record verifies
      runner.close();
      runner.decrypt(1);
      runner.decrypt(2);
      JsonNode tally = runner.tally(null).path("tally");
      assertTrue(runner.summary(tally), "the decrypted totals equal the accepted ballots' choices");
      runner.publish();
      Path record = work.resolve("record");
      runner.download(record);
      assertEquals(0, PipelineTest.verify(record));
      assertEquals(DISTINCT, tally.path("collected").asInt());

      for (NodeProcess n : List.of(a, b)) {
        assertFalse(n.log().contains(pg.password()), "the database password is never logged");
        assertFalse(n.log().contains("SEVERE"), n.log());
      }
    }
  }

  /**
   * The wrong-code limit (5 per client) holds across nodes: after 3 failures at A and 2 at B, A
   * answers the next wrong code 429.
   */
  private static void wrongCodesCountOnBothNodes(Api a, Api b, String pollId) {
    AccessCodes codes = new AccessCodes();
    String blinded = "00".repeat(384);
    for (int i = 0; i < 5; i++) {
      Api node = i < 3 ? a : b;
      Api.Res r =
          node.post(
              "/api/polls/" + pollId + "/tokens",
              Map.of("accessCode", codes.generate(), "blindedMsg", blinded),
              null);
      assertEquals(403, r.status(), r.toString());
      assertEquals("wrong_access_code", r.error());
    }
    Api.Res locked =
        a.post(
            "/api/polls/" + pollId + "/tokens",
            Map.of("accessCode", codes.generate(), "blindedMsg", blinded),
            null);
    assertEquals(429, locked.status(), locked.toString());
  }

  /** Fires every cast at once from 16 threads; cast k goes to node k mod 2. */
  private static List<DemoRunner.CastAnswer> castAllAtOnce(
      DemoRunner runner, List<DemoRunner.PreparedBallot> casts) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<DemoRunner.CastAnswer>> fs = new ArrayList<>();
      for (int k = 0; k < casts.size(); k++) {
        int node = k % 2;
        DemoRunner.PreparedBallot p = casts.get(k);
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  return runner.cast(p, node);
                }));
      }
      go.countDown();
      List<DemoRunner.CastAnswer> out = new ArrayList<>();
      for (Future<DemoRunner.CastAnswer> f : fs) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
