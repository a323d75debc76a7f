package org.cvote.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollForm;

/**
 * A managing authority's read-only key as stored: its label, its holder (001 §8) and its scope —
 * poll ids and units (a poll's organising body, {@link PollForm#body()}). A key reads a poll only
 * inside its scope, and an Executive Committee key only the results of Standing Committee members;
 * a key without scope reads nothing.
 */
public record AuthorityKey(
    String hash, String label, Holder holder, Set<String> polls, Set<String> units) {
  /**
   * DIRECT_AUTHORITY: cấp có thẩm quyền trực tiếp quản lý cán bộ (§8.1). EXECUTIVE_COMMITTEE: Ban
   * Chấp hành (§8.2).
   */
  public enum Holder {
    DIRECT_AUTHORITY,
    EXECUTIVE_COMMITTEE
  }

  public AuthorityKey {
    polls = Set.copyOf(polls);
    units = Set.copyOf(units);
  }

  /** Units compare as typed, but NFC, trimmed, without case and with inner spaces collapsed. */
  public static String unit(String s) {
    return Normalizer.normalize(s.strip(), Normalizer.Form.NFC)
        .replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
  }

  /** Whether this key may read the results of {@code p} whose heading is {@code form}. */
  public boolean covers(Poll p, PollForm form) {
    boolean inScope =
        polls.contains(p.id()) || (!form.body().isEmpty() && units.contains(unit(form.body())));
    if (!inScope) {
      return false;
    }
    return holder == Holder.DIRECT_AUTHORITY
        || form.disclosure() == PollForm.Disclosure.STANDING_COMMITTEE;
  }

  static Optional<AuthorityKey> load(Connection c, String hash) throws SQLException {
    String label, holder;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT label, holder FROM authority_key WHERE key_hash = ?")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        label = rs.getString(1);
        holder = rs.getString(2);
      }
    }
    Set<String> polls = new LinkedHashSet<>(), units = new LinkedHashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT scope_kind, scope FROM authority_scope WHERE key_hash = ?")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ("POLL".equals(rs.getString(1)) ? polls : units).add(rs.getString(2));
        }
      }
    }
    return Optional.of(new AuthorityKey(hash, label, Holder.valueOf(holder), polls, units));
  }

  void insertScope(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO authority_scope (key_hash, scope_kind, scope) VALUES (?, ?, ?)")) {
      for (String p : polls) {
        ps.setString(1, hash);
        ps.setString(2, "POLL");
        ps.setString(3, p);
        ps.executeUpdate();
      }
      for (String u : units) {
        ps.setString(1, hash);
        ps.setString(2, "UNIT");
        ps.setString(3, u);
        ps.executeUpdate();
      }
    }
  }
}
