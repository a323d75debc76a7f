package org.cvote.server.board;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cvote.server.json.Json;

/**
 * Reads the accepted ballots of a poll in chain order, as board lines: the stored canonical ballot
 * JSON plus {@code index}, {@code hash} (B_k) and {@code chain} (T_k), as in ballots.ndjson.
 */
public final class BoardStore {

  public List<ObjectNode> lines(Connection c, String pollId) throws SQLException {
    List<ObjectNode> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT chain_index, ballot_hash, chain_hash, body_json FROM ballot WHERE poll_id = ? ORDER BY chain_index")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode line = (ObjectNode) Json.tree(rs.getBytes(4));
          line.put("index", rs.getInt(1));
          line.put("hash", rs.getString(2));
          line.put("chain", rs.getString(3));
          out.add(line);
        }
      }
    }
    return out;
  }

  public int count(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT last_index FROM chain_head WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }
}
