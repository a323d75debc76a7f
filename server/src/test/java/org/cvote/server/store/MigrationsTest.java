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
