package org.cvote.server.poll;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.server.secret.RecordSigner;

/**
 * The poll's closing statement (docs/protocol.md §9.5) in {@code poll_closing}: signed and stored
 * by {@link org.cvote.server.lifecycle.PollLifecycle#close} in the close's own transaction, from
 * the chain head it holds locked, so the statement names exactly the board that can no longer grow.
 * Read by the public routes, the committee's tally input and the record.
 */
public final class ClosingStore {
  /** A stored statement and the raw record key that signed it. */
  public record Stored(ClosingStatement statement, byte[] recordKey) {}

  private ClosingStore() {}

  /**
   * Signs (poll, Q, N, T_N) of the locked chain head and stores it; the caller holds the chain-head
   * lock.
   */
  public static ClosingStatement create(Connection c, Poll p, RecordSigner signer)
      throws SQLException {
    if (p.q() == null) {
      throw new IllegalStateException("poll " + p.id() + " has no Q: it cannot be closed");
    }
    long n;
    Digest head;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT last_index, last_hash FROM chain_head WHERE poll_id = ?")) {
      ps.setString(1, p.id());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("poll " + p.id() + " has no chain head");
        }
        n = rs.getLong(1);
        head = Digest.fromHex(rs.getString(2).strip());
      }
    }
    ClosingStatement cs =
        ClosingStatement.sign(p.id(), Digest.fromHex(p.q()), n, head, d -> signer.sign(d.bytes()));
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO poll_closing (poll_id, ballots, head, signature, record_key) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, p.id());
      ps.setLong(2, n);
      ps.setString(3, head.toHex());
      ps.setString(4, Hex.encode(cs.signature()));
      ps.setString(5, Hex.encode(signer.publicKey()));
      ps.executeUpdate();
    }
    return cs;
  }

  public static Optional<Stored> find(Connection c, Poll p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ballots, head, signature, record_key FROM poll_closing WHERE poll_id = ?")) {
      ps.setString(1, p.id());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        ClosingStatement cs =
            new ClosingStatement(
                p.id(),
                Digest.fromHex(p.q()),
                rs.getLong(1),
                Digest.fromHex(rs.getString(2).strip()),
                Hex.decodeOrNull(rs.getString(3).strip()));
        return Optional.of(new Stored(cs, Hex.decodeOrNull(rs.getString(4).strip())));
      }
    }
  }

  /**
   * The public form: the statement's fields and the head fingerprint read aloud in the hall (null
   * before the close).
   */
  public static Map<String, Object> publicJson(Connection c, Poll p) throws SQLException {
    return find(c, p)
        .map(
            s -> {
              ClosingStatement cs = s.statement();
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("poll", cs.poll());
              out.put("Q", cs.q().toHex());
              out.put("count", cs.count());
              out.put("head", cs.head().toHex());
              out.put("signature", Hex.encode(cs.signature()));
              out.put("fingerprint", cs.headFingerprint());
              return out;
            })
        .orElse(null);
  }
}
