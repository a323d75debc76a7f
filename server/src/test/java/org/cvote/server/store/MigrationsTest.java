package org.cvote.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {

    @Test
    void appliedOnceAndRecorded(@TempDir Path dir) throws Exception {
        try (Database db = org.cvote.server.support.TestStore.open(dir)) {
            try (Connection c = db.connect()) {
                assertEquals(highest(), Migrations.currentVersion(c));
            }
        }
        try (Database db = org.cvote.server.support.TestStore.open(dir)) { // reopening applies nothing twice
            try (Connection c = db.connect()) {
                assertEquals(highest(), Migrations.currentVersion(c));
            }
        }
    }

    /** Versions need not be consecutive (V10__committee.sql sits after V1): the highest listed one is current. */
    private static int highest() {
        return Migrations.index().stream().mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0);
    }

    @Test
    void uniqueViolationsAreRecognised(@TempDir Path dir) throws Exception {
        try (Database db = org.cvote.server.support.TestStore.open(dir)) {
            Tx tx = new Tx(db);
            tx.exec(c -> insertAccount(c, "a"));
            var e = assertThrows(org.cvote.server.http.ApiException.class, () -> tx.exec(c -> insertAccount(c, "a")));
            assertEquals(409, e.status());
        }
    }

    @Test
    void aNodeInAnotherTimeZoneIsRefused(@TempDir Path dir) throws Exception {
        try (Database db = org.cvote.server.support.TestStore.open(dir); Connection c = db.connect()) {
            java.time.ZoneId mine = java.time.ZoneId.systemDefault();
            TimeZoneGuard.check(c, mine); // recorded at the first open: same zone passes
            java.time.ZoneId other = java.time.ZoneId.of(mine.getId().equals("Asia/Ho_Chi_Minh") ? "UTC" : "Asia/Ho_Chi_Minh");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TimeZoneGuard.check(c, other));
            assertTrue(e.getMessage().contains(mine.getId()) && e.getMessage().contains(other.getId()), e.getMessage());
        }
    }

    @Test
    void rowLocksDifferOnlyInTheirSql() {
        assertEquals("UPDATE chain_head SET last_index = last_index WHERE poll_id = ?",
                Dialect.DERBY.rowLock("chain_head", "last_index", "poll_id = ?"));
        assertEquals("SELECT last_index FROM chain_head WHERE poll_id = ? FOR UPDATE",
                Dialect.POSTGRES.rowLock("chain_head", "last_index", "poll_id = ?"));
        assertEquals(Dialect.POSTGRES, Dialect.ofUrl("jdbc:postgresql://db:5432/cvote"));
        assertThrows(IllegalArgumentException.class, () -> Dialect.ofUrl("jdbc:mysql://db/cvote"));
    }

    @Test
    void splitsStatementsAndDialects() {
        List<String> s = Migrations.statements("-- c\nCREATE TABLE a (x ${BLOB});\n\nCREATE TABLE b (y INT);\n");
        assertEquals(2, s.size());
        assertTrue(Dialect.POSTGRES.expand(s.get(0)).contains("BYTEA"));
        assertTrue(Dialect.DERBY.expand(s.get(0)).contains("BLOB"));
    }

    private static void insertAccount(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO account (username, password_hash, created_at) VALUES (?, 'x', CURRENT_TIMESTAMP)")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }
}
