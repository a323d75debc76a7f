package org.cvote.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.CvoteServer;
import org.cvote.server.ServerConfig;
import org.cvote.server.ballot.BallotRoutesTest;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code POST /api/polls/{id}/ballots} over real HTTP on loopback (the production {@link
 * CvoteServer}): the body is either the fuzzer's bytes or a valid ballot with fuzzer-chosen bytes
 * spliced in (so mutations reach the proofs and the token, not only the JSON parser). Never a 5xx;
 * every refusal is a 4xx in the error shape; the board grows only by an accepted (200) ballot and
 * stays a valid chain. The ballot's token is issued and unspent, so an edit the server wrongly
 * accepted would show up as a 200.
 */
class CastRouteFuzzTest {
  private static CvoteServer server;
  private static Api api;
  private static Scenario poll;
  private static Digest q;
  private static byte[] template;
  private static int accepted;
  private static Scenario pollV2;
  private static Digest qV2;
  private static byte[] templateV2;
  private static int acceptedV2;
  private static boolean guarded;

  @BeforeAll
  static void start() throws Exception {
    Config yaml =
        Config.builder()
            .sources(
                ConfigSources.create(Map.of("server.host", "127.0.0.1", "server.port", "0")),
                ConfigSources.classpath("application.yaml"))
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .build();
    server =
        CvoteServer.start(
            ServerConfig.defaults(Files.createTempDirectory("cvote-cast-fuzz")),
            yaml.get("server"),
            0,
            TestApp.crypto());
    api = new Api(URI.create("http://127.0.0.1:" + server.port()));
    String admin = api.login("admin", server.app().firstRunPassword().orElseThrow());
    poll = Scenario.openPoll(api, server.app(), admin, 2, 3, 3);
    q = Digest.fromHex(poll.publicPoll().get("context").get("Q").asText());
    template = Scenario.json(poll.ballot(poll.token(poll.codes.get(0)), 0, 2));
    // a version 2 poll (automatic for 3 summoned) and a valid version 2 ballot with an unspent
    // token
    pollV2 =
        new Scenario(api, server.app(), admin)
            .ballotVersion(null)
            .draft(2, 3)
            .checkIn(3)
            .ceremony()
            .open();
    qV2 = Digest.fromHex(pollV2.publicPoll().get("context").get("Q").asText());
    templateV2 = Scenario.json(pollV2.ballotV2(pollV2.token(pollV2.codes.get(0)), 0, 2).ballot());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @FuzzTest(maxDuration = "3s")
  void cast(FuzzedDataProvider data) {
    accepted += castInto(data, poll, template, q, accepted);
  }

  /**
   * The same on a version 2 poll (docs/protocol.md §16.2): the seeds in {@code
   * CastRouteFuzzTestInputs/castV2} are hostile version 2 bodies (proof arrays of 3, a version 1
   * row, a point off the curve, a scalar ≥ q, a base inside the ballot), each with a trailing 0x01
   * so the provider takes them whole.
   */
  @FuzzTest(maxDuration = "3s")
  void castV2(FuzzedDataProvider data) {
    acceptedV2 += castInto(data, pollV2, templateV2, qV2, acceptedV2);
  }

  /** One fuzzed cast; returns 1 when it was accepted. */
  private static int castInto(
      FuzzedDataProvider data, Scenario poll, byte[] template, Digest q, int accepted) {
    if (!guarded) {
      // Jazzer's SSRF detector is loaded with the fuzzer (after @BeforeAll): the target talks to
      // its own server
      // on loopback, and to nothing else
      BugDetectors.allowNetworkConnections(
          (host, port) ->
              port == server.port()
                  && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")));
      guarded = true;
    }
    byte[] body;
    if (data.consumeBoolean()) {
      body = data.consumeRemainingAsBytes();
    } else {
      int at = data.consumeInt(0, template.length);
      int cut = data.consumeInt(0, Math.min(64, template.length - at));
      byte[] ins = data.consumeBytes(64);
      body = new byte[template.length - cut + ins.length];
      System.arraycopy(template, 0, body, 0, at);
      System.arraycopy(ins, 0, body, at, ins.length);
      System.arraycopy(template, at + cut, body, at + ins.length, template.length - at - cut);
    }
    Api.Res r =
        api.send("POST", "/api/polls/" + poll.pollId + "/ballots", body, "application/json", null);
    String why =
        r + "\nbody: " + new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8);
    assertTrue(r.status() < 500, why);
    int now = 0;
    if (r.status() == 200) {
      now = 1;
    } else {
      assertTrue(r.status() >= 400, why);
      JsonNode n = r.json();
      List<String> keys = List.of("error", "message", "field");
      List<String> got = new java.util.ArrayList<>();
      n.fieldNames().forEachRemaining(got::add);
      assertEquals(keys, got, why);
    }
    JsonNode board =
        Scenario.expect(api.get("/api/polls/" + poll.pollId + "/board", null), 200).json();
    BallotRoutesTest.assertChain(board, q, accepted + now);
    return now;
  }
}
