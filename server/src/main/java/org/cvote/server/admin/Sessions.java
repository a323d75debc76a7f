package org.cvote.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.cvote.crypto.encoding.Hex;
import org.cvote.server.store.Tx;

/** Bearer sessions: a random token handed out once; only its SHA-256 is stored, with an expiry. */
public final class Sessions {
  private final Tx tx;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();

  public Sessions(Tx tx, Clock clock, Duration ttl) {
    this.tx = tx;
    this.clock = clock;
    this.ttl = ttl;
  }

  public record Session(String token, String username, Instant expiresAt) {}

  public Session create(String username) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant expires = clock.instant().plus(ttl);
    tx.exec(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM admin_session WHERE expires_at < ?")) {
            del.setTimestamp(1, Timestamp.from(clock.instant()));
            del.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO admin_session (token_hash, username, expires_at) VALUES (?, ?, ?)")) {
            ps.setString(1, hash(token));
            ps.setString(2, username);
            ps.setTimestamp(3, Timestamp.from(expires));
            ps.executeUpdate();
          }
        });
    return new Session(token, username, expires);
  }

  /** The user of a live session, if the token is known and not expired. */
  public Optional<String> resolve(String token) {
    return tx.run(c -> resolve(c, token));
  }

  /**
   * The same inside a transaction the caller holds (a second pooled connection could starve the
   * pool).
   */
  public Optional<String> resolve(Connection c, String token) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT username, expires_at FROM admin_session WHERE token_hash = ?")) {
      ps.setString(1, hash(token));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (rs.getTimestamp(2).toInstant().isBefore(clock.instant())) {
          return Optional.empty();
        }
        return Optional.of(rs.getString(1));
      }
    }
  }

  public void delete(String token) {
    tx.exec(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM admin_session WHERE token_hash = ?")) {
            ps.setString(1, hash(token));
            ps.executeUpdate();
          }
        });
  }

  static String hash(String token) {
    try {
      return Hex.encode(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
