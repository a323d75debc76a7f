package org.cvote.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cvote.server.ballot.BallotRoutesTest;
import org.cvote.server.support.DbSnapshot;
import org.cvote.server.support.Scenario;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Sends every case of {@link HostileCorpus} to the running server and checks, for each: a 4xx
 * status (the exact one), the error shape {@code {error, message, field}} with the expected code
 * and field path, no stack trace or input echoed back in bulk, every table of the database
 * byte-for-byte unchanged (the access-code cases: all but the throttle's failure log, which grows
 * by exactly their failures), and the open poll's board still a valid chain. After the corpus, the
 * shared token that every refused ballot carried is cast and accepted: nothing was refused for a
 * reason the case did not intend, and nothing spent it.
 */
class HostileInputTest {
  static HostileFixture fx;
  static final List<String> table = new ArrayList<>();

  @BeforeAll
  static void start() {
    fx = new HostileFixture();
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
    System.out.println("hostile corpus: " + table.size() + " cases\n" + String.join("\n", table));
  }

  @TestFactory
  Stream<DynamicTest> corpus() {
    List<HostileCorpus.Case> cases = HostileCorpus.all();
    Set<String> names = new HashSet<>();
    for (HostileCorpus.Case c : cases) {
      assertTrue(names.add(c.name()), "duplicate case name " + c.name());
    }
    assertTrue(cases.size() >= 60, "the corpus has at least 60 cases, has " + cases.size());
    return Stream.concat(
        cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c))),
        Stream.of(
            DynamicTest.dynamicTest(
                "control: the token every refused ballot carried is still unspent",
                HostileInputTest::control)));
  }

  private static void run(HostileCorpus.Case c) throws Exception {
    HostileCorpus.Sender sender = c.attack().prepare(fx);
    int boardBefore = board().get("count").asInt();
    DbSnapshot before = DbSnapshot.take(fx.server.app().database());
    List<Api.Res> responses = sender.send(fx);
    DbSnapshot after = DbSnapshot.take(fx.server.app().database());

    for (Api.Res r : responses) {
      assertRefusal(c, r);
    }
    Api.Res last = responses.get(responses.size() - 1);
    table.add(
        String.format("  %-80s %d %-24s %s", c.name(), last.status(), last.error(), last.field()));
    assertEquals(c.status(), last.status(), c.name() + ": " + last);
    JsonNode body = last.json();
    assertEquals(c.error(), body.get("error").asText(), c.name() + ": " + last);
    assertEquals(c.field(), last.field(), c.name() + ": field of " + last);
    for (var g : c.grows().entrySet()) {
      assertEquals(
          before.tables().get(g.getKey()).rows() + g.getValue(),
          after.tables().get(g.getKey()).rows(),
          c.name() + ": rows added to " + g.getKey());
    }
    DbSnapshot rest = before.without(c.grows().keySet());
    assertEquals(
        List.of(),
        rest.changedIn(after.without(c.grows().keySet())),
        c.name() + ": the database changed");
    assertEquals(rest, after.without(c.grows().keySet()), c.name() + ": the database changed");
    JsonNode board = board();
    assertEquals(boardBefore, board.get("count").asInt(), "no ballot added");
    BallotRoutesTest.assertChain(board, fx.q, boardBefore);
  }

  /** Any 4xx in the error shape, with a short human message that is not a stack trace. */
  private static void assertRefusal(HostileCorpus.Case c, Api.Res r) {
    assertTrue(r.status() >= 400 && r.status() < 500, c.name() + ": not a 4xx: " + r);
    assertTrue(
        r.contentType().startsWith("application/json"),
        c.name() + ": content type " + r.contentType());
    JsonNode n = r.json();
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("error", "message", "field"), keys, c.name() + ": error shape of " + r);
    assertTrue(
        n.get("error").isTextual() && !n.get("error").asText().isBlank(),
        c.name() + ": error code");
    assertTrue(
        n.get("message").isTextual() && !n.get("message").asText().isBlank(),
        c.name() + ": message");
    assertTrue(n.get("field").isNull() || n.get("field").isTextual(), c.name() + ": field");
    String m = n.get("message").asText();
    assertTrue(m.length() < 400, c.name() + ": message too long (echoes input?): " + m.length());
    assertFalse(
        m.contains("Exception") || m.contains("\tat ") || m.contains("org.cvote"),
        c.name() + ": internals in " + m);
  }

  private static JsonNode board() {
    return Scenario.expect(fx.api.get("/api/polls/" + fx.open.pollId + "/board", null), 200).json();
  }

  /**
   * The token is unspent, and the snapshot that found "no change" after each refusal does see an
   * accepted cast.
   */
  private static void control() {
    DbSnapshot before = DbSnapshot.take(fx.server.app().database());
    Api.Res r = fx.open.cast(fx.valid);
    assertEquals(200, r.status(), "the valid ballot with the shared token: " + r);
    BallotRoutesTest.assertChain(board(), fx.q, 2);
    List<String> changed = before.changedIn(DbSnapshot.take(fx.server.app().database()));
    assertTrue(
        changed.stream().anyMatch(t -> t.startsWith("ballot ")),
        "the snapshot sees the stored ballot: " + changed);
    assertTrue(
        changed.stream().anyMatch(t -> t.startsWith("token_spend ")),
        "the snapshot sees the spent token: " + changed);
  }
}
