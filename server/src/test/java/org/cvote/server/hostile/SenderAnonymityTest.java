package org.cvote.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.server.support.Api;
import org.cvote.server.support.DbSnapshot;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/security.md, "the server cannot link a ballot to a voter": what the server keeps of a cast is the ballot
 * (poll, token, rows), its chain position and hashes, and the token's spend key — no address, no time, no
 * header, no voter number; the cast writes no audit line and logs nothing about its sender; and nothing stored
 * at issuance (voter, hash of the blinded message, blind signature) equals anything stored at casting.
 */
@ServerTest
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

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.app.routing(routing);
    }

    @AfterAll
    static void close() {
        APP.close();
    }

    @Test
    void aCastStoresNothingAboutItsSender() throws Exception {
        Scenario s = Scenario.openPoll(api, APP.app, admin, 2, 3, 3);
        Ballot b = s.ballot(s.token(s.codes.get(0)), 0, 2);
        int auditBefore = count("audit_log");

        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
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
            HttpRequest req = HttpRequest.newBuilder(base.resolve("/api/polls/" + s.pollId + "/ballots"))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", UA)
                    .header("X-Forwarded-For", FORWARDED)
                    .header("X-Voter", "voter-1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Scenario.json(b))).build();
            r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(200, r.statusCode(), r.body());

        // 1. the ballot table holds the ballot, its position and hashes; the spend table the spend key — nothing else
        assertEquals(Set.of("poll_id", "chain_index", "ballot_hash", "chain_hash", "body_json"), columns("ballot"));
        assertEquals(Set.of("poll_id", "token_hash"), columns("token_spend"));
        JsonNode stored = Api.JSON.readTree(singleBytes("SELECT body_json FROM ballot WHERE poll_id = '" + s.pollId + "'"));
        List<String> fields = new ArrayList<>();
        stored.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("poll", "token", "rows"), fields, "the stored body is the ballot and nothing more");
        assertEquals(Api.JSON.readTree(Scenario.json(b)), stored);

        // 2. no header, address or voter number anywhere in the database; the cast wrote no audit line
        String dump = DbSnapshot.dump(APP.app.database());
        for (String marker : List.of(UA, FORWARDED, "voter-1", "127.0.0.1", "localhost:" + base.getPort())) {
            assertFalse(dump.contains(marker), "the database holds " + marker);
        }
        assertEquals(auditBefore, count("audit_log"), "casting is not audited (an audit line has a time)");

        // 3. nothing logged about the sender
        for (String line : logged) {
            for (String marker : List.of(UA, FORWARDED, "127.0.0.1", "voter-1")) {
                assertFalse(line.contains(marker), "logged: " + line);
            }
        }

        // 4. issuance and cast share no stored value: the spend key and ballot row cannot be joined to the voter's row
        String blindedHash = single("SELECT blinded_hash FROM token_issuance WHERE poll_id = '" + s.pollId + "' AND voter_no = 1");
        String blindSig = single("SELECT blind_sig_hex FROM token_issuance WHERE poll_id = '" + s.pollId + "' AND voter_no = 1");
        String spend = single("SELECT token_hash FROM token_spend WHERE poll_id = '" + s.pollId + "'");
        assertNotEquals(blindedHash, spend, "the spend key is not the hash the issuance kept");
        assertFalse(stored.toString().contains(blindedHash) || stored.toString().contains(blindSig),
                "the ballot carries nothing the issuance kept (the signature it carries is the unblinded one)");
        assertTrue(dump.contains(spend));
    }

    /** The table's column names, in lower case; the table's name as the store keeps it (Derby upper-cases it). */
    private Set<String> columns(String table) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = APP.app.database().connect()) {
            DatabaseMetaData md = c.getMetaData();
            String stored = md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
            try (ResultSet rs = md.getColumns(null, c.getSchema(), stored, null)) {
                while (rs.next()) out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        assertFalse(out.isEmpty(), "no columns found for " + table);
        return out;
    }

    private int count(String table) throws Exception {
        return Integer.parseInt(single("SELECT COUNT(*) FROM " + table));
    }

    private byte[] singleBytes(String sql) throws Exception {
        try (Connection c = APP.app.database().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getBytes(1);
        }
    }

    private String single(String sql) throws Exception {
        try (Connection c = APP.app.database().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
