package org.cvote.server;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server stopped and started again on the same data folder keeps everything. */
class RestartTest {

  @Test
  void restartKeepsBallotsChainKeysAndSessions(@TempDir Path dir) throws Exception {
    ServerConfig config = org.cvote.server.support.TestStore.config(dir);
    String pollId;
    String password;
    JsonNode boardBefore;
    String signingKey;
    Scenario s;
    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      password = server.app().firstRunPassword().orElseThrow();
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      String admin = api.login("admin", password);
      s = Scenario.openPoll(api, server.app(), admin, 2, 6, 6);
      pollId = s.pollId;
      for (int i = 0; i < 3; i++) {
        expect(s.cast(s.ballot(s.token(s.codes.get(i)))), 200);
      }
      boardBefore = api.get("/api/polls/" + pollId + "/board", null).json();
      signingKey = s.publicPoll().get("signingKey").get("ed25519").asText();
    }
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(config.masterKey())));

    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      assertTrue(
          server.app().firstRunPassword().isEmpty(), "the first-run password is made only once");
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      JsonNode boardAfter = api.get("/api/polls/" + pollId + "/board", null).json();
      assertEquals(boardBefore, boardAfter, "every accepted ballot and chain link survives");
      JsonNode poll = api.get("/api/polls/" + pollId, null).json();
      assertEquals("OPEN", poll.get("status").asText());
      assertEquals(
          signingKey, poll.get("signingKey").get("ed25519").asText(), "same record-signing key");
      String admin = api.login("admin", password);
      assertNotNull(admin);

      // the chain continues where it stopped; the token key still decrypts and signs
      Scenario again = new Scenario(api, server.app(), admin);
      again.pollId = pollId;
      again.subjects = 2;
      again.codes.addAll(s.codes);
      JsonNode rc = expect(again.cast(again.ballot(again.token(s.codes.get(3)))), 200).json();
      assertEquals(4, rc.get("index").asInt());
      // a token spent before the restart is still spent
      com.fasterxml.jackson.databind.node.ObjectNode first =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              boardBefore.get("ballots").get(0).deepCopy();
      first.remove(java.util.List.of("index", "hash", "chain"));
      Api.Res replay = again.cast(first.toString().getBytes());
      assertEquals(409, replay.status(), replay.toString());
      org.cvote.server.ballot.BallotRoutesTest.assertChain(
          api.get("/api/polls/" + pollId + "/board", null).json(),
          Digest.fromHex(poll.get("context").get("Q").asText()),
          4);
    }
  }

  @Test
  void aWrongMasterKeyRefusesToStart(@TempDir Path dir) {
    ServerConfig config = org.cvote.server.support.TestStore.config(dir);
    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      assertTrue(server.port() > 0);
    }
    ServerConfig otherKey = config.withMasterKey(dir.resolve("other-master.json"));
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> CvoteServer.start(otherKey, null, 0, TestApp.crypto()).close());
    assertTrue(e.getMessage().contains("master key"), e.getMessage());
  }
}
