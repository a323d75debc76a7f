package org.cvote.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.CvoteServer;
import org.cvote.server.ServerConfig;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;

/**
 * The world the hostile corpus attacks: the production server ({@link CvoteServer} with the shipped
 * {@code application.yaml}, so the real payload cap applies) on loopback, and polls in every state.
 * {@code open} is the main target: three subjects, twenty voters present; {@code token} is an
 * issued, unspent token of it that every refused ballot carries — if any refusal spent it, the
 * closing control cast would fail.
 */
final class HostileFixture implements AutoCloseable {
  final Path dir;
  final CvoteServer server;
  final Api api;
  final URI base;
  final String admin;

  /** Open, 3 subjects, 20 voters present. */
  final Scenario open;

  /** Open, another poll of three subjects with its own Q and token key. */
  final Scenario other;

  /** Key ceremony done, not yet open. */
  final Scenario ready;

  /** Closed after voting. */
  final Scenario closed;

  /** Draft, roster of 3. */
  final Scenario draft;

  /** Open; only the access-code brute-force case touches it. */
  final Scenario brute;

  final Digest q;
  final Point jointKey;

  /**
   * The unspent token every refused ballot carries, and a valid ballot with it (choices 0, 1, 2).
   */
  final Ballot.Token token;

  final Ballot valid;

  /** A ballot already on the board (code 1): the victim of copying and replay. */
  final Ballot victim;

  /** The victim's signed receipt (what only its caster holds). */
  final JsonNode victimReceipt;

  /** Open, participants only (mục 8.1), one ballot cast; and that voter's signed receipt. */
  final Scenario members;

  final JsonNode memberReceipt;

  /** A valid ballot of the closed poll, built while it was open. */
  final Ballot lateBallot;

  /** An open version 2 poll (docs/protocol.md §16; automatic for 5 summoned), with its B. */
  final Scenario openV2;

  final EncodingV2 encV2;

  /** A valid, unspent token of {@link #openV2} and a valid version 2 ballot under it. */
  final Ballot.Token tokenV2;

  final BallotV2 validV2;

  private int nextCode = 2;

  HostileFixture() {
    try {
      dir = Files.createTempDirectory("cvote-hostile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the shipped server section (max-payload-size etc.), on loopback and a free port
    Config yaml =
        Config.builder()
            .sources(
                ConfigSources.create(Map.of("server.host", "127.0.0.1", "server.port", "0")),
                ConfigSources.classpath("application.yaml"))
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .build();
    server = CvoteServer.start(ServerConfig.defaults(dir), yaml.get("server"), 0, TestApp.crypto());
    base = URI.create("http://127.0.0.1:" + server.port());
    api = new Api(base);
    admin = api.login("admin", server.app().firstRunPassword().orElseThrow());
    open = Scenario.openPoll(api, server.app(), admin, 3, 20, 20);
    other = Scenario.openPoll(api, server.app(), admin, 3, 3, 3);
    ready = new Scenario(api, server.app(), admin).draft(1, 3).checkIn(3).ceremony();
    closed = Scenario.openPoll(api, server.app(), admin, 1, 3, 3);
    lateBallot = closed.ballot(closed.token(closed.codes.get(0)));
    Scenario.expect(api.post("/admin/polls/" + closed.pollId + "/close", null, admin), 200);
    draft = new Scenario(api, server.app(), admin).draft(2, 3);
    brute = Scenario.openPoll(api, server.app(), admin, 1, 3, 3);
    JsonNode ctx = open.publicPoll().get("context");
    q = Digest.fromHex(ctx.get("Q").asText());
    jointKey = Point.fromHex(ctx.get("jointKey").asText());
    token = open.token(open.codes.get(0));
    valid = open.ballot(token, 0, 1, 2);
    victim = open.ballot(open.token(open.codes.get(1)), 2, 0, 1);
    victimReceipt = Scenario.expect(open.cast(victim), 200).json();
    members =
        new Scenario(api, server.app(), admin)
            .participantsOnly()
            .draft(1, 3)
            .checkIn(3)
            .ceremony()
            .open();
    memberReceipt =
        Scenario.expect(members.cast(members.ballot(members.token(members.codes.get(0)), 1)), 200)
            .json();
    openV2 =
        new Scenario(api, server.app(), admin)
            .ballotVersion(null)
            .draft(3, 5)
            .checkIn(5)
            .ceremony()
            .open();
    encV2 = BallotVersion.of(openV2.publicPoll().get("manifest")).orElseThrow();
    tokenV2 = openV2.token(openV2.codes.get(0));
    validV2 = openV2.ballotV2(tokenV2, 0, 1, 2).ballot();
  }

  /** A fresh token of the open poll (uses up one voter's code; done before the snapshot). */
  Ballot.Token freshToken() {
    return open.token(open.codes.get(nextCode++));
  }

  /** The access code of a present voter of the open poll who has no token yet. */
  String unusedCode() {
    return open.codes.get(nextCode++);
  }

  /** The valid ballot as an editable JSON tree. */
  ObjectNode tree(Ballot b) {
    try {
      return (ObjectNode) Api.JSON.readTree(Scenario.json(b));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The valid ballot with one edit, as bytes. */
  byte[] edited(Consumer<ObjectNode> edit) {
    ObjectNode n = tree(valid);
    edit.accept(n);
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  String validText() {
    return new String(Scenario.json(valid), StandardCharsets.UTF_8);
  }

  Api.Res castRaw(String pollId, byte[] body, String contentType) {
    return api.send("POST", "/api/polls/" + pollId + "/ballots", body, contentType, null);
  }

  Api.Res cast(byte[] body) {
    return castRaw(open.pollId, body, "application/json");
  }

  @Override
  public void close() {
    server.close();
  }
}
