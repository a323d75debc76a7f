package org.cvote.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.server.support.DbSnapshot;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.server.support.TestStore;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md, "the server cannot link a ballot to a voter": what the server keeps of a cast
 * is the ballot (poll, token, rows), its chain position and hashes, and the token's spend key — no
 * address, no time, no header, no voter number; the cast writes no audit line and logs nothing
 * about its sender; and nothing stored at issuance (voter, hash of the blinded message, blind
 * signature) equals anything stored at casting.
 */
@LocalServer
class SenderAnonymityTest {
  static final TestApp APP = TestApp.create();
  private static final String UA = "sender-marker-user-agent-7f3a";
  private static final String FORWARDED = "198.51.100.77";
  private final Api api;
  private final URI base;
  private final String admin;

  SenderAnonymityTest(URI uri) {
    this.base = uri;
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  @Test
  void aCastStoresNothingAboutItsSender() throws Exception {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 2, 3, 3);
    Ballot b = s.ballot(s.token(s.codes.get(0)), 0, 2);
    int auditBefore = count("audit_log");

    List<String> logged = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logged.add(r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    HttpResponse<String> r;
    try {
      HttpRequest req =
          HttpRequest.newBuilder(base.resolve("/api/polls/" + s.pollId + "/ballots"))
              .header("Content-Type", "application/json")
              .header("User-Agent", UA)
              .header("X-Forwarded-For", FORWARDED)
              .header("X-Voter", "voter-1")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Scenario.json(b)))
              .build();
      r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    } finally {
      root.removeHandler(capture);
    }
    assertEquals(200, r.statusCode(), r.body());

    // 1. the ballot table holds the ballot, its position and hashes; the spend table the spend key
    // — nothing else
    assertEquals(
        Set.of("poll_id", "chain_index", "ballot_hash", "chain_hash", "body_json"),
        columns("ballot"));
    assertEquals(Set.of("poll_id", "token_hash"), columns("token_spend"));
    JsonNode stored =
        Api.JSON.readTree(
            singleBytes("SELECT body_json FROM ballot WHERE poll_id = '" + s.pollId + "'"));
    List<String> fields = new ArrayList<>();
    stored.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of("poll", "token", "rows"), fields, "the stored body is the ballot and nothing more");
    assertEquals(Api.JSON.readTree(Scenario.json(b)), stored);

    // 2. no header, address or voter number anywhere in the database; the cast wrote no audit line
    String dump = DbSnapshot.dump(APP.app.database());
    for (String marker :
        List.of(UA, FORWARDED, "voter-1", "127.0.0.1", "localhost:" + base.getPort())) {
      assertFalse(dump.contains(marker), "the database holds " + marker);
    }
    assertEquals(
        auditBefore, count("audit_log"), "casting is not audited (an audit line has a time)");

    // 3. nothing logged about the sender
    for (String line : logged) {
      for (String marker : List.of(UA, FORWARDED, "127.0.0.1", "voter-1")) {
        assertFalse(line.contains(marker), "logged: " + line);
      }
    }

    // 4. issuance and cast share no stored value: the spend key and ballot row cannot be joined to
    // the voter's row
    String blindedHash =
        single(
            "SELECT blinded_hash FROM token_issuance WHERE poll_id = '"
                + s.pollId
                + "' AND voter_no = 1");
    String blindSig =
        single(
            "SELECT blind_sig_hex FROM token_issuance WHERE poll_id = '"
                + s.pollId
                + "' AND voter_no = 1");
    String spend = single("SELECT token_hash FROM token_spend WHERE poll_id = '" + s.pollId + "'");
    assertNotEquals(blindedHash, spend, "the spend key is not the hash the issuance kept");
    assertFalse(
        stored.toString().contains(blindedHash) || stored.toString().contains(blindSig),
        "the ballot carries nothing the issuance kept (the signature it carries is the unblinded one)");
    assertTrue(dump.contains(spend));
  }

  /**
   * docs/security.md "What the store keeps after close": before close, the store's own bookkeeping
   * links issuance to casting — PostgreSQL's transaction ids (xmin) interleave issuance rows (with
   * voter_no) and ballot rows, and on both stores the issuance rows lie in the order they were
   * written. After close, every row of the poll on the issuance and ballot side carries one
   * transaction id and no lock (xmax), and the issuance rows lie in voter_no order. Voters take
   * tokens and cast in the order 3, 1, 4, 2, unlike the roster's.
   */
  @Test
  void afterCloseNoStoredOrderLinksIssuanceToBallots() throws Exception {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 4, 4);
    List<Integer> order = List.of(3, 1, 4, 2);
    for (int v : order) {
      Scenario.expect(s.cast(s.ballot(s.token(s.codes.get(v - 1)))), 200);
    }
    boolean pg = TestStore.postgres();
    // control: the order is there before close, and this test can see it
    assertEquals(order, heapOrder(s.pollId));
    if (pg) {
      List<Long> issued = new ArrayList<>();
      for (int v : order) {
        issued.add(
            Long.parseLong(
                single(
                    "SELECT xmin::text FROM token_issuance WHERE poll_id = '"
                        + s.pollId
                        + "' AND voter_no = "
                        + v)));
      }
      List<Long> cast =
          longs(
              "SELECT xmin::text FROM ballot WHERE poll_id = '"
                  + s.pollId
                  + "' ORDER BY chain_index");
      for (int i = 0; i < order.size(); i++) {
        assertTrue(
            issued.get(i) < cast.get(i),
            "voter " + order.get(i) + " took a token before ballot " + (i + 1));
        if (i + 1 < order.size()) {
          assertTrue(
              cast.get(i) < issued.get(i + 1), "ballot " + (i + 1) + " before the next token");
        }
      }
      assertFalse(
          longs("SELECT xmax::text FROM voter WHERE poll_id = '" + s.pollId + "'").stream()
              .allMatch(x -> x == 0),
          "the issuance's row lock left its transaction id in the voter rows");
    }

    List<String> files =
        List.of(storageOf("token_issuance"), storageOf("voter"), storageOf("access_code"));

    Scenario.expect(api.post("/admin/polls/" + s.pollId + "/close", null, admin), 200);

    // the issuance side was rewritten into new files (PostgreSQL CLUSTER, Derby compress): old row
    // versions are not in them
    List<String> rewritten =
        List.of(storageOf("token_issuance"), storageOf("voter"), storageOf("access_code"));
    for (int i = 0; i < files.size(); i++) {
      assertNotEquals(files.get(i), rewritten.get(i), "table " + i + " rewritten");
    }

    assertEquals(
        List.of(1, 2, 3, 4), heapOrder(s.pollId), "the issuance rows lie in voter_no order");
    if (pg) {
      Set<Long> xids = new TreeSet<>();
      for (String t :
          List.of(
              "token_issuance", "voter", "access_code", "ballot", "token_spend", "chain_head")) {
        List<Long> x = longs("SELECT xmin::text FROM " + t + " WHERE poll_id = '" + s.pollId + "'");
        assertFalse(x.isEmpty(), t);
        xids.addAll(x);
        assertTrue(
            longs("SELECT xmax::text FROM " + t + " WHERE poll_id = '" + s.pollId + "'").stream()
                .allMatch(v -> v == 0),
            t + ": no lock or deletion left a transaction id");
      }
      assertEquals(1, xids.size(), "every row of the poll carries one transaction id: " + xids);
    }
    // the data itself is unchanged: the four issuances and four ballots are still there
    assertEquals(
        4,
        Integer.parseInt(
            single("SELECT COUNT(*) FROM token_issuance WHERE poll_id = '" + s.pollId + "'")));
    assertEquals(
        4,
        Integer.parseInt(single("SELECT COUNT(*) FROM ballot WHERE poll_id = '" + s.pollId + "'")));
  }

  /**
   * docs/security.md: a wrong access code is logged without the client's address (the throttle
   * keeps only a hash of it, for its window). Control: the warning itself is captured.
   */
  @Test
  void aWrongAccessCodeLogsNoAddress() throws Exception {
    Scenario s = Scenario.openPoll(api, APP.app, admin, 1, 2, 2);
    List<String> logged = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logged.add(
                r.getLoggerName()
                    + " "
                    + r.getMessage()
                    + " "
                    + java.util.Arrays.toString(r.getParameters()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      HttpRequest req =
          HttpRequest.newBuilder(base.resolve("/api/polls/" + s.pollId + "/tokens"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"accessCode\":\""
                          + new org.cvote.server.attendance.AccessCodes().generate()
                          + "\",\"blindedMsg\":\"00\"}"))
              .build();
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      assertEquals(403, r.statusCode(), r.body());
    } finally {
      root.removeHandler(capture);
    }
    assertTrue(
        logged.stream().anyMatch(l -> l.contains("wrong access code for poll " + s.pollId)),
        "control: " + logged);
    for (String line : logged) {
      for (String marker : List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1", "localhost")) {
        assertFalse(line.contains(marker), "logged: " + line);
      }
    }
  }

  /**
   * This poll's voter numbers in token_issuance in the order the store keeps the rows: by ctid on
   * PostgreSQL, by a table scan that bypasses every index on Derby (its heap order).
   */
  private List<Integer> heapOrder(String pollId) throws Exception {
    String sql =
        TestStore.postgres()
            ? "SELECT voter_no FROM token_issuance WHERE poll_id = ? ORDER BY ctid"
            : "SELECT voter_no FROM token_issuance --DERBY-PROPERTIES index=NULL\n WHERE poll_id = ?";
    List<Integer> out = new ArrayList<>();
    try (Connection c = APP.app.database().connect();
        var ps = c.prepareStatement(sql)) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    return out;
  }

  /**
   * Where the table's rows are stored: PostgreSQL's file node, Derby's heap conglomerate number.
   */
  private String storageOf(String table) throws Exception {
    return single(
        TestStore.postgres()
            ? "SELECT pg_relation_filenode('" + table + "')::text"
            : "SELECT c.CONGLOMERATENUMBER FROM SYS.SYSCONGLOMERATES c JOIN SYS.SYSTABLES t"
                + " ON c.TABLEID = t.TABLEID WHERE t.TABLENAME = '"
                + table.toUpperCase(Locale.ROOT)
                + "' AND c.ISINDEX = FALSE");
  }

  private List<Long> longs(String sql) throws Exception {
    List<Long> out = new ArrayList<>();
    try (Connection c = APP.app.database().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(Long.parseLong(rs.getString(1)));
      }
    }
    return out;
  }

  /**
   * The table's column names, in lower case; the table's name as the store keeps it (Derby
   * upper-cases it).
   */
  private Set<String> columns(String table) throws Exception {
    Set<String> out = new TreeSet<>();
    try (Connection c = APP.app.database().connect()) {
      DatabaseMetaData md = c.getMetaData();
      String stored = md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
      try (ResultSet rs = md.getColumns(null, c.getSchema(), stored, null)) {
        while (rs.next()) {
          out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    assertFalse(out.isEmpty(), "no columns found for " + table);
    return out;
  }

  private int count(String table) throws Exception {
    return Integer.parseInt(single("SELECT COUNT(*) FROM " + table));
  }

  private byte[] singleBytes(String sql) throws Exception {
    try (Connection c = APP.app.database().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getBytes(1);
    }
  }

  private String single(String sql) throws Exception {
    try (Connection c = APP.app.database().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
