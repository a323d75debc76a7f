package org.cvote.server.ceremony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.server.PartialStore;
import org.cvote.server.store.Tx;

/**
 * {@link PartialStore} in {@code partial_decryption}: the valid partial decryption of each member
 * (replaced on re-post).
 */
public final class SqlPartialStore implements PartialStore {
  private final Tx tx;

  public SqlPartialStore(Tx tx) {
    this.tx = tx;
  }

  @Override
  public List<PartialDecryption> load(String pollId) {
    return tx.run(
        c -> {
          List<PartialDecryption> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT body FROM partial_decryption WHERE poll_id = ? ORDER BY member")) {
            ps.setString(1, pollId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs.getString(1)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void put(String pollId, PartialDecryption p) {
    String json;
    try {
      json = new String(CommitteeJson.mapper().writeValueAsBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tx.exec(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE partial_decryption SET body = ? WHERE poll_id = ? AND member = ?")) {
            ps.setString(1, json);
            ps.setString(2, pollId);
            ps.setInt(3, p.member());
            if (ps.executeUpdate() == 1) {
              return;
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO partial_decryption (poll_id, member, body) VALUES (?, ?, ?)")) {
            ps.setString(1, pollId);
            ps.setInt(2, p.member());
            ps.setString(3, json);
            ps.executeUpdate();
          }
        });
  }

  private static PartialDecryption read(String json) {
    try {
      return CommitteeJson.mapper().readValue(json, PartialDecryption.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
