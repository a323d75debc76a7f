package org.cvote.verifier.checks;

import java.security.GeneralSecurityException;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.verifier.report.Report;

/**
 * V4 (docs/protocol.md §11) for one ballot of either version: the token names this poll and its
 * RSA-PSS signature verifies under token-key.json. That each token is spent once needs the ballots
 * in order: {@link V6ChainCheck}'s board chain reports it, under V4. Thread-safe (the report is).
 */
final class V4TokenCheck {
  /**
   * τ = H(token message), the spend key SHA-256(message) for the uniqueness fold, and whether the
   * token passed.
   */
  record Result(Digest tau, Digest spendKey, boolean ok) {}

  private final Setup.Values v;
  private final Report rep;

  V4TokenCheck(Setup.Values v, Report rep) {
    this.v = v;
    this.rep = rep;
  }

  /**
   * {@code at} names the ballot ("ballots.ndjson line k"), {@code poll} is the poll the ballot
   * names.
   */
  Result check(String at, String poll, Ballot.Token token) {
    byte[] msg = token.msg();
    Digest tau = BallotHashes.tokenHash(msg);
    boolean ok = true;
    rep.count(CheckId.V4, 1);
    if (v.tokens() == null || v.pollId() == null) {
      rep.fail(
          CheckId.V4,
          at,
          "cannot check the token: token-key.json or manifest.json broken (see V1)");
      ok = false;
    } else {
      if (!v.pollId().equals(poll)) {
        rep.fail(
            CheckId.V4,
            at + " poll",
            "ballot is for poll '" + poll + "', not '" + v.pollId() + "'");
        ok = false;
      }
      try {
        v.tokens().verify(msg, token.sig());
      } catch (GeneralSecurityException e) {
        rep.fail(CheckId.V4, at + " token", e.getMessage());
        ok = false;
      }
    }
    return new Result(tau, Digest.sha256(msg), ok);
  }

  /** How the report names a ballot: its line in ballots.ndjson (= its board index). */
  static String line(int index) {
    return RecordFiles.BALLOTS + " line " + index;
  }
}
