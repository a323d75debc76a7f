package org.cvote.server.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java half of migration V90: copies each ballot's text body into {@code body_json} as UTF-8
 * bytes, then makes {@code body_json} NOT NULL and drops the text column. Runs inside the
 * migration's transaction.
 */
final class BallotBodyBytes {
  private BallotBodyBytes() {}

  static void migrate(Connection c, Dialect dialect) throws SQLException {
    // The keys first, then one row at a time: a scan of the table being updated could meet a moved
    // row twice,
    // and the bodies of a large board do not fit in memory together.
    List<Object[]> keys = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT poll_id, chain_index FROM ballot")) {
      while (rs.next()) {
        keys.add(new Object[] {rs.getString(1), rs.getInt(2)});
      }
    }
    try (PreparedStatement read =
            c.prepareStatement("SELECT body FROM ballot WHERE poll_id = ? AND chain_index = ?");
        PreparedStatement write =
            c.prepareStatement(
                "UPDATE ballot SET body_json = ? WHERE poll_id = ? AND chain_index = ?")) {
      for (Object[] k : keys) {
        read.setString(1, (String) k[0]);
        read.setInt(2, (Integer) k[1]);
        String body;
        try (ResultSet rs = read.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException(
                "ballot " + k[0] + "/" + k[1] + " vanished during the migration");
          }
          body = rs.getString(1);
        }
        write.setBytes(1, body.getBytes(StandardCharsets.UTF_8));
        write.setString(2, (String) k[0]);
        write.setInt(3, (Integer) k[1]);
        write.executeUpdate();
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(dialect.setNotNull("ballot", "body_json"));
      s.execute("ALTER TABLE ballot DROP COLUMN body");
    }
  }
}
