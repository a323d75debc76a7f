package org.cvote.server.issuance;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalInt;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.server.attendance.AccessCodeStore;
import org.cvote.server.attendance.AccessCodes;
import org.cvote.server.ops.Counters;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.AttendanceStatus;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.roster.Voter;
import org.cvote.server.store.Dialect;
import org.cvote.server.store.Tx;
import org.cvote.server.token.AccessCodeThrottle;
import org.cvote.server.token.TokenCrypto;
import org.cvote.server.token.TokenKeyStore;

/**
 * Issues eligibility tokens: one blind signature per present voter. The voter's row is locked for
 * the duration, so two concurrent requests of one voter cannot both get a signature.
 */
public final class TokenIssuance {
  private static final System.Logger LOG = System.getLogger(TokenIssuance.class.getName());
  private static final String WRONG_CODE = "wrong_access_code";
  private final Tx tx;
  private final PollStore polls;
  private final RosterStore roster;
  private final AccessCodeStore codes;
  private final AccessCodes codec;
  private final TokenKeyStore keys;
  private final TokenCrypto crypto;
  private final AccessCodeThrottle throttle;
  private final java.time.Clock clock;

  public TokenIssuance(
      Tx tx,
      PollStore polls,
      RosterStore roster,
      AccessCodeStore codes,
      AccessCodes codec,
      TokenKeyStore keys,
      TokenCrypto crypto,
      AccessCodeThrottle throttle,
      java.time.Clock clock) {
    this.clock = clock;
    this.tx = tx;
    this.polls = polls;
    this.roster = roster;
    this.codes = codes;
    this.codec = codec;
    this.keys = keys;
    this.crypto = crypto;
    this.throttle = throttle;
  }

  public byte[] issue(String pollId, String client, String accessCode, String blindedHex) {
    if (accessCode == null) {
      throw Refusal.missing("accessCode");
    }
    if (blindedHex == null) {
      throw Refusal.missing("blindedMsg");
    }
    byte[] blinded = Hex.decodeOrNull(blindedHex);
    if (blinded == null) {
      throw Refusal.invalid("blindedMsg", "not lowercase hex");
    }
    // No throttle before the check: a right code is served whatever others typed (see
    // AccessCodeThrottle).
    String codeHash;
    try {
      codeHash = codec.hash(accessCode);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("accessCode", e.getMessage());
    }
    try {
      return sign(pollId, codeHash, blinded);
    } catch (Refusal e) {
      if (WRONG_CODE.equals(e.code())) {
        // counted after the refusal's rollback, in a transaction of its own, so every node sees it;
        // past a limit this throws 429 (nothing written, nothing logged: both stay bounded)
        Counters.ACCESS_CODE_FAILURES.increment();
        int n = throttle.wrong(pollId, client);
        // Neither the code nor the client's address is logged (docs/security.md: only a hash of the
        // address
        // is kept, for the throttle's window); the count is this address's, within the window.
        LOG.log(
            System.Logger.Level.WARNING,
            "wrong access code for poll "
                + pollId
                + " ("
                + n
                + " from the same address in the window)");
      }
      throw e;
    }
  }

  private byte[] sign(String pollId, String codeHash, byte[] blinded) {
    return tx.run(
        c -> {
          if (!polls.get(c, pollId).acceptsVotes(clock.instant())) {
            throw Refusal.conflict(
                "poll_not_open", "tokens are issued only while the poll is open");
          }
          OptionalInt voter = codes.voterOf(c, pollId, codeHash);
          if (voter.isEmpty()) {
            // the failure is counted after the rollback (see above); the code itself is never
            // logged
            throw new Refusal(
                Refusal.Kind.FORBIDDEN,
                WRONG_CODE,
                "the access code is not valid for this poll",
                "accessCode");
          }
          int voterNo = voter.getAsInt();
          lockVoter(c, pollId, voterNo);
          Voter v = roster.find(c, pollId, voterNo).orElseThrow();
          if (v.status() != AttendanceStatus.PRESENT) {
            throw Refusal.forbidden("not_present", "the voter is not checked in as present");
          }
          String blindedHash = sha256(blinded);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT blinded_hash, blind_sig_hex FROM token_issuance WHERE poll_id = ? AND voter_no = ?")) {
            ps.setString(1, pollId);
            ps.setInt(2, voterNo);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                if (rs.getString(1).equals(blindedHash)) {
                  return Hex.decodeOrNull(rs.getString(2)); // retry after a lost reply
                }
                throw Refusal.conflict(
                    "token_already_issued",
                    "a different blinded message was already signed for this voter",
                    "blindedMsg");
              }
            }
          }
          if (blinded.length != TokenPublicKey.MODULUS_LENGTH) {
            throw Refusal.invalid(
                "blindedMsg", "must be " + TokenPublicKey.MODULUS_LENGTH + " bytes");
          }
          byte[] sig;
          try {
            sig = crypto.blindSign(keys.privateKey(c, pollId), blinded);
          } catch (IllegalArgumentException e) {
            throw Refusal.invalid("blindedMsg", e.getMessage());
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO token_issuance (poll_id, voter_no, blinded_hash, blind_sig_hex) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, pollId);
            ps.setInt(2, voterNo);
            ps.setString(3, blindedHash);
            ps.setString(4, Hex.encode(sig));
            ps.executeUpdate();
          }
          return sig;
        });
  }

  /** Number of tokens issued: the report's "ballots issued". */
  public int issuedCount(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM token_issuance WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void lockVoter(Connection c, String pollId, int voterNo) throws SQLException {
    Dialect.lockRow(c, "voter", "late", "poll_id = ? AND voter_no = ?", pollId, voterNo);
  }

  static String sha256(byte[] b) {
    try {
      return Hex.encode(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
