package org.cvote.server.admin;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.store.Tx;

/** Secretariat accounts: the first-run account and password checks. */
public final class Accounts {
  public static final String FIRST_USER = "admin";
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private final Tx tx;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Accounts(Tx tx, PasswordHasher hasher, AuditLog audit, Clock clock) {
    this.tx = tx;
    this.hasher = hasher;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Creates the first account when none exists and returns its one-time password, which the caller
   * prints once; it is never stored or logged in clear.
   */
  public Optional<String> ensureFirstAccount() {
    return tx.run(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM account")) {
            rs.next();
            if (rs.getInt(1) > 0) {
              return Optional.empty();
            }
          }
          String password = randomPassword();
          insert(c, FIRST_USER, password);
          audit.append(c, "system", null, "account.created", FIRST_USER);
          return Optional.of(password);
        });
  }

  public void create(String actor, String username, String password) {
    tx.exec(
        c -> {
          insert(c, username, password);
          audit.append(c, actor, null, "account.created", username);
        });
  }

  public void changePassword(String username, String newPassword) {
    tx.exec(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE account SET password_hash = ? WHERE username = ?")) {
            ps.setString(1, hasher.hash(newPassword));
            ps.setString(2, username);
            ps.executeUpdate();
          }
          audit.append(c, username, null, "account.password-changed", null);
        });
  }

  /** Checks a password; the hash is computed even for an unknown user so timing does not tell. */
  public boolean check(String username, String password) {
    Optional<String> stored =
        tx.run(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT password_hash FROM account WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
              }
            });
    if (stored.isEmpty()) {
      hasher.verify(password, DUMMY);
      return false;
    }
    return hasher.verify(password, stored.get());
  }

  private static final String DUMMY = new PasswordHasher().hash("dummy-password-for-timing");

  private void insert(java.sql.Connection c, String username, String password)
      throws java.sql.SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO account (username, password_hash, created_at) VALUES (?, ?, ?)")) {
      ps.setString(1, username);
      ps.setString(2, hasher.hash(password));
      ps.setTimestamp(3, Timestamp.from(clock.instant()));
      ps.executeUpdate();
    }
  }

  private String randomPassword() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
