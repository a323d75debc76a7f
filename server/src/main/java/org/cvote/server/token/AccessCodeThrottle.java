package org.cvote.server.token;

import org.cvote.server.http.ApiException;
import org.cvote.server.store.Tx;
import org.cvote.server.util.Hex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts wrong access codes per poll and per (poll, client) over a sliding window. A client
 * that reaches its limit is locked out for the window; once a whole poll reaches its limit every
 * attempt on it is slowed down (not locked, so an attacker cannot lock honest voters out).
 * The failures live in the database ({@code access_code_failure}), so the limits hold across every node
 * that shares it; a client is kept only as the SHA-256 of its address, and only for the window.
 */
public final class AccessCodeThrottle {
    public record Settings(int maxPerClient, int maxPerPoll, Duration window, Duration pollDelay) {
        public static Settings defaults() {
            return new Settings(5, 100, Duration.ofMinutes(5), Duration.ofSeconds(1));
        }
    }

    private final Tx tx;
    private final Settings settings;
    private final Clock clock;

    public AccessCodeThrottle(Tx tx, Settings settings, Clock clock) {
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    /** Refuses (429) a locked-out client; sleeps when the poll as a whole is under attack. */
    public void admit(String pollId, String client) {
        String key = clientKey(client);
        Timestamp since = Timestamp.from(cutoff());
        int[] counts = tx.run(c -> new int[] {count(c, pollId, key, since), count(c, pollId, null, since)});
        if (counts[0] >= settings.maxPerClient()) {
            throw ApiException.tooMany("too many wrong access codes from this client; try again later");
        }
        if (counts[1] >= settings.maxPerPoll() && !settings.pollDelay().isZero()) {
            try {
                Thread.sleep(settings.pollDelay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records a failure (in a transaction of its own) and returns the client's failure count in the window. */
    public int fail(String pollId, String client) {
        String key = clientKey(client);
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(cutoff());
        return tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM access_code_failure WHERE poll_id = ? AND failed_at < ?")) {
                ps.setString(1, pollId);
                ps.setTimestamp(2, since);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO access_code_failure (poll_id, client_key, failed_at) VALUES (?, ?, ?)")) {
                ps.setString(1, pollId);
                ps.setString(2, key);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.executeUpdate();
            }
            return count(c, pollId, key, since);
        });
    }

    private Instant cutoff() {
        return clock.instant().minus(settings.window());
    }

    /** Failures since {@code since}: of one client, or of the whole poll when {@code key} is null. */
    private static int count(Connection c, String pollId, String key, Timestamp since) throws SQLException {
        String sql = "SELECT COUNT(*) FROM access_code_failure WHERE poll_id = ? AND failed_at >= ?"
                + (key == null ? "" : " AND client_key = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, pollId);
            ps.setTimestamp(2, since);
            if (key != null) ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The client's address is not stored, only its SHA-256 (enough to count). */
    static String clientKey(String client) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(client.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
