package org.cvote.server.store;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cvote.server.CvoteServer;
import org.cvote.server.ServerConfig;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.server.support.TestStore;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/security.md "What the store keeps after close": an erase of the write order that fails at
 * close is recorded (orderErased false in the secretariat's poll view, an audit entry) and tried
 * again at start-up and before the tally. The failure is a real one: the table the erase clears
 * last is renamed away, so its transaction rolls back.
 */
class OrderErasureRetryTest {

  @Test
  void aFailedEraseIsShownAuditedAndDoneAtTheNextStart(@TempDir Path dir) throws Exception {
    ServerConfig config = TestStore.config(dir);
    String pollId;
    String password;
    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      password = server.app().firstRunPassword().orElseThrow();
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      String admin = api.login("admin", password);
      pollId = closedWithFailedErase(api, server, admin);
      assertEquals(false, poll(api, admin, pollId).get("orderErased").asBoolean(true));
      List<JsonNode> failures = failures(api, admin, pollId);
      assertEquals(1, failures.size(), failures.toString());
      String detail = failures.get(0).get("detail").asText();
      assertTrue(detail.startsWith("StoreException"), detail);
      assertFalse(
          detail.toLowerCase(java.util.Locale.ROOT).contains("access_code_failure"),
          "no store message in the audit: " + detail);
      rename(server, "acf_away", "access_code_failure");
      assertEquals(
          false,
          poll(api, admin, pollId).get("orderErased").asBoolean(true),
          "nothing erased it yet");
    }
    // a stop between the close and a successful erase: the start-up erases it
    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      String admin = api.login("admin", password);
      assertEquals(true, poll(api, admin, pollId).get("orderErased").asBoolean(false));
      assertEquals(
          1, failures(api, admin, pollId).size(), "the retry succeeded: no second failure");
      assertEquals(
          List.of(1, 2, 3), heapOrder(server, pollId), "the issuance rows lie in voter_no order");
    }
  }

  @Test
  void theTallyTriesTheEraseAgainFirst(@TempDir Path dir) throws Exception {
    try (CvoteServer server = CvoteServer.start(TestStore.config(dir), null, 0, TestApp.crypto())) {
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      String admin = api.login("admin", server.app().firstRunPassword().orElseThrow());
      String pollId = closedWithFailedErase(api, server, admin);
      assertEquals(false, poll(api, admin, pollId).get("orderErased").asBoolean(true));
      rename(server, "acf_away", "access_code_failure");
      // the simulated ceremony leaves the committee without shares, so this tally stops later; the
      // erase came first
      api.post("/admin/polls/" + pollId + "/tally", Map.of(), admin);
      assertEquals(true, poll(api, admin, pollId).get("orderErased").asBoolean(false));
      assertEquals(List.of(1, 2, 3), heapOrder(server, pollId));
    }
  }

  /**
   * A poll whose three voters cast in the order 3, 1, 2 and whose close ran while the erase could
   * not.
   */
  private static String closedWithFailedErase(Api api, CvoteServer server, String admin)
      throws Exception {
    Scenario s = Scenario.openPoll(api, server.app(), admin, 1, 3, 3);
    for (int v : List.of(3, 1, 2)) {
      expect(s.cast(s.ballot(s.token(s.codes.get(v - 1)))), 200);
    }
    assertEquals(
        List.of(3, 1, 2),
        heapOrder(server, s.pollId),
        "control: the write order is there before close");
    rename(server, "access_code_failure", "acf_away");
    JsonNode closed =
        expect(api.post("/admin/polls/" + s.pollId + "/close", null, admin), 200).json();
    assertEquals("CLOSED", closed.get("status").asText(), "the close itself stands");
    assertEquals(List.of(3, 1, 2), heapOrder(server, s.pollId), "the failed erase rolled back");
    return s.pollId;
  }

  private static JsonNode poll(Api api, String admin, String pollId) {
    return expect(api.get("/admin/polls/" + pollId, admin), 200).json();
  }

  private static List<JsonNode> failures(Api api, String admin, String pollId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e :
        expect(api.get("/admin/polls/" + pollId + "/audit", admin), 200).json().get("entries")) {
      if ("poll.order-erase-failed".equals(e.get("action").asText())) {
        out.add(e);
      }
    }
    return out;
  }

  private static void rename(CvoteServer server, String from, String to) throws Exception {
    try (Connection c = server.app().database().connect();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute(
          TestStore.postgres()
              ? "ALTER TABLE " + from + " RENAME TO " + to
              : "RENAME TABLE " + from + " TO " + to);
    }
  }

  /**
   * The voter numbers of token_issuance in the store's own order (PostgreSQL ctid, Derby heap
   * scan).
   */
  private static List<Integer> heapOrder(CvoteServer server, String pollId) throws Exception {
    String sql =
        TestStore.postgres()
            ? "SELECT voter_no FROM token_issuance WHERE poll_id = ? ORDER BY ctid"
            : "SELECT voter_no FROM token_issuance --DERBY-PROPERTIES index=NULL\n WHERE poll_id = ?";
    List<Integer> out = new ArrayList<>();
    try (Connection c = server.app().database().connect();
        var ps = c.prepareStatement(sql)) {
      ps.setString(1, pollId);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    assertTrue(out.size() == 3, out.toString());
    return out;
  }
}
