package org.cvote.server.board;

import org.cvote.server.ballot.BallotJson;
import org.cvote.server.http.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the accepted ballots of a poll in chain order. */
public final class BoardStore {

    public List<BallotJson.BoardLine> lines(Connection c, String pollId) throws SQLException {
        List<BallotJson.BoardLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT chain_index, ballot_hash, chain_hash, body FROM ballot WHERE poll_id = ? ORDER BY chain_index")) {
            ps.setString(1, pollId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BallotJson.Ballot b = Json.trusted(rs.getString(4), BallotJson.Ballot.class);
                    out.add(new BallotJson.BoardLine(b.poll(), b.token(), b.rows(), rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    public int count(Connection c, String pollId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_index FROM chain_head WHERE poll_id = ?")) {
            ps.setString(1, pollId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
