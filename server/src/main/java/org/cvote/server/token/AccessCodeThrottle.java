package org.cvote.server.token;

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
import org.cvote.crypto.encoding.Hex;
import org.cvote.server.refusal.RetryLater;
import org.cvote.server.store.Tx;

/**
 * Limits the answers to <em>wrong</em> access codes, per (poll, client address) and per poll, over
 * a window.
 *
 * <p>It is consulted only after a code was found wrong: a code that matches an issued code is
 * always served (the check comes first, in {@link org.cvote.server.issuance.TokenIssuance}), so
 * other people's mistakes — a typist behind the hall's NAT, or an attacker — can never keep a voter
 * with a right code from their token. Past a limit a wrong code is answered 429 with {@code
 * Retry-After} instead of 403.
 *
 * <p>This does not slow down a guesser (a wrong answer is a wrong answer, 403 or 429); 80-bit codes
 * do (docs/security.md "Access codes"). What it bounds is the server's work: a wrong code costs one
 * lookup and at most one small transaction here, and rows are written only while the client and the
 * poll are under their limits, so {@code access_code_failure} never holds more than {@code
 * maxPerPoll} rows per poll in the window, however many addresses send codes (concurrent failures
 * may each see the count just under a limit: the overshoot is at most the number of requests in
 * flight). The rows live in the database so the limits hold across every node that shares it; a
 * client is kept only as the SHA-256 of its address, and only for the window.
 */
public final class AccessCodeThrottle {
  /** The limits: wrong codes per client and per poll within {@code window}. */
  public record Settings(int maxPerClient, int maxPerPoll, Duration window) {
    public Settings {
      if (maxPerClient < 1) {
        throw new IllegalArgumentException(
            "access-code max-failures-per-client must be at least 1");
      }
      if (maxPerPoll < maxPerClient) {
        throw new IllegalArgumentException(
            "access-code max-failures-per-poll must be at least max-failures-per-client");
      }
      if (window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("access-code window must be positive");
      }
    }

    public static Settings defaults() {
      return new Settings(5, 200, Duration.ofMinutes(5));
    }
  }

  /** Wrong codes in the window, and how long until the oldest of them leaves it. */
  private record Count(int n, Instant oldest) {}

  /**
   * Both counts after this failure; {@code counted} is false when a limit was already reached
   * (nothing written).
   */
  private record Outcome(Count mine, Count poll, boolean counted) {}

  private final Tx tx;
  private final Settings settings;
  private final Clock clock;

  public AccessCodeThrottle(Tx tx, Settings settings, Clock clock) {
    this.tx = tx;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Counts a wrong code (in a transaction of its own) and returns the client's failures in the
   * window. Throws 429 {@code too_many_wrong_codes} with {@code Retry-After} when the client or the
   * poll is past its limit.
   */
  public int wrong(String pollId, String client) {
    String key = clientKey(client);
    Instant now = clock.instant();
    Timestamp since = Timestamp.from(now.minus(settings.window()));
    Outcome o =
        tx.run(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "DELETE FROM access_code_failure WHERE poll_id = ? AND failed_at < ?")) {
                ps.setString(1, pollId);
                ps.setTimestamp(2, since);
                ps.executeUpdate();
              }
              Count mine = count(c, pollId, key, since, now);
              Count poll = count(c, pollId, null, since, now);
              // written only below both limits: the table's size per poll is bounded whatever the
              // number of addresses
              if (mine.n() < settings.maxPerClient() && poll.n() < settings.maxPerPoll()) {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO access_code_failure (poll_id, client_key, failed_at) VALUES (?, ?, ?)")) {
                  ps.setString(1, pollId);
                  ps.setString(2, key);
                  ps.setTimestamp(3, Timestamp.from(now));
                  ps.executeUpdate();
                }
                return new Outcome(
                    new Count(mine.n() + 1, mine.oldest()),
                    new Count(poll.n() + 1, poll.oldest()),
                    true);
              }
              return new Outcome(mine, poll, false);
            });
    Count mine = o.mine(), poll = o.poll();
    if (!o.counted()) {
      boolean clientOver = mine.n() >= settings.maxPerClient();
      Instant until = (clientOver ? mine.oldest() : poll.oldest()).plus(settings.window());
      throw RetryLater.tooMany(
          "too_many_wrong_codes",
          clientOver
              ? "too many wrong access codes from this address; check the code on your slip (a right code is always accepted)"
              : "too many wrong access codes for this poll; check the code on your slip (a right code is always accepted)",
          "accessCode",
          Duration.between(now, until));
    }
    return mine.n();
  }

  /** Failures since {@code since}: of one client, or of the whole poll when {@code key} is null. */
  private static Count count(Connection c, String pollId, String key, Timestamp since, Instant now)
      throws SQLException {
    String sql =
        "SELECT COUNT(*), MIN(failed_at) FROM access_code_failure WHERE poll_id = ? AND failed_at >= ?"
            + (key == null ? "" : " AND client_key = ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, pollId);
      ps.setTimestamp(2, since);
      if (key != null) {
        ps.setString(3, key);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Timestamp oldest = rs.getTimestamp(2);
        return new Count(rs.getInt(1), oldest == null ? now : oldest.toInstant());
      }
    }
  }

  /** The client's address is not stored, only its SHA-256 (enough to count). */
  static String clientKey(String client) {
    try {
      return Hex.encode(
          MessageDigest.getInstance("SHA-256").digest(client.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
