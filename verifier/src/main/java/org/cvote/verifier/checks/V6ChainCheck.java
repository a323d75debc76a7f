package org.cvote.verifier.checks;

import org.cvote.crypto.board.BoardChain;
import org.cvote.crypto.board.BoardFinding;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.hash.Digest;
import org.cvote.verifier.report.Report;

/**
 * V6 (docs/protocol.md §11, §16.5 for version 2): over the ballots in order, index k on line k, B_k
 * recomputed and T_k = H(T_{k−1}, B_k) from T_0; and V4's "each token spent once". The rules are
 * crypto's {@link BoardChain}, shared with the committee's check before decrypting; this class
 * reports its findings. Not thread-safe: fed in order by the streaming pass.
 */
final class V6ChainCheck {
  private final BoardChain chain;
  private final Report rep;

  V6ChainCheck(Digest q, Report rep) {
    this.chain = new BoardChain(q);
    this.rep = rep;
  }

  /** The next ballot in order; returns false when a finding makes it a bad ballot. */
  boolean next(BoardChain.Entry e) {
    rep.count(CheckId.V6, 1);
    boolean ok = true;
    for (BoardFinding f : chain.next(e)) {
      rep.fail(
          f.check(),
          V4TokenCheck.line(e.position()) + (f.field().isEmpty() ? "" : " " + f.field()),
          f.message());
      ok &= !f.checked();
    }
    return ok;
  }

  /**
   * T_N, the last published chain value (T_0 with no ballot); null when a line or Q did not decode.
   */
  Digest head() {
    return chain.head();
  }
}
