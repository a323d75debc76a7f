package org.cvote.server.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.cvote.crypto.encoding.Hex;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.secret.SecretBox;

/**
 * The per-poll token key: SPKI in clear, PKCS#8 sealed under the master key (AD =
 * token_key/<poll>).
 */
public final class TokenKeyStore {
  private final SecretBox box;

  public TokenKeyStore(SecretBox box) {
    this.box = box;
  }

  public void put(Connection c, String pollId, TokenCrypto.KeyPair kp) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO token_key (poll_id, spki_hex, private_enc) VALUES (?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setString(2, Hex.encode(kp.spki()));
      ps.setBytes(3, box.seal(kp.pkcs8(), rowName(pollId)));
      ps.executeUpdate();
    }
  }

  public Optional<byte[]> spki(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT spki_hex FROM token_key WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Hex.decodeOrNull(rs.getString(1))) : Optional.empty();
      }
    }
  }

  /** The decrypted private key; kept in memory only for the signing call. */
  public byte[] privateKey(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT private_enc FROM token_key WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw Refusal.conflict("no_token_key", "the poll has no token key yet");
        }
        return box.open(rs.getBytes(1), rowName(pollId));
      }
    }
  }

  private static String rowName(String pollId) {
    return "token_key/" + pollId;
  }
}
