package org.cvote.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;

/**
 * TIMESTAMP columns hold wall-clock time in the writing JVM's time zone (that is what JDBC's
 * setTimestamp does on both databases), so a node in another zone would read every end time and
 * session expiry shifted. The first start records its zone in {@code cluster_setting}; a node in a
 * different zone refuses to start.
 */
public final class TimeZoneGuard {
  static final String NAME = "jvm-time-zone";

  private TimeZoneGuard() {}

  /**
   * Records {@code zone} on the first start; afterwards refuses any other. {@code c} is in
   * auto-commit mode.
   */
  public static void check(Connection c, ZoneId zone) throws SQLException {
    String stored = null;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT setting_value FROM cluster_setting WHERE name = ?")) {
      ps.setString(1, NAME);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          stored = rs.getString(1);
        }
      }
    }
    if (stored == null) {
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO cluster_setting (name, setting_value) VALUES (?, ?)")) {
        ps.setString(1, NAME);
        ps.setString(2, zone.getId());
        ps.executeUpdate();
      }
    } else if (!stored.equals(zone.getId())) {
      throw new IllegalStateException(
          "this node runs in time zone "
              + zone.getId()
              + " but the database's times are"
              + " written in "
              + stored
              + "; run every node in the same zone (TZ="
              + stored
              + " or -Duser.timezone="
              + stored
              + ")");
    }
  }
}
