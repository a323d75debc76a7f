package org.cvote.crypto.board;

import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.hash.Digest;

/**
 * The board checks that need the ballots in order (docs/protocol.md §11 V4 uniqueness and V6):
 * index k at position k, each token spent once, B_k recomputed, T_k = H(T_{k−1}, B_k) from T_0. The
 * committee (before decrypting, §9.2) and the verifier (V4, V6) both feed every ballot through one
 * instance; what can be checked alone (shape, token, proofs) is {@link
 * org.cvote.crypto.ballot.BallotVerifier}'s. Not thread-safe.
 */
public final class BoardChain {
  /**
   * One board entry as published and what the checker recomputed: {@code declaredHash} and {@code
   * declaredChain} are null when the entry did not decode; {@code hash} (B_k recomputed) is null
   * when it could not be computed; {@code spendKey} (SHA-256 of the token's prepared message) null
   * when unknown.
   */
  public record Entry(
      int position,
      int declaredIndex,
      Digest declaredHash,
      Digest declaredChain,
      Digest hash,
      Digest spendKey) {}

  private final TokenSet spent = new TokenSet();
  private Digest prev;

  /** {@code q} is Q of the poll, or null when it is broken (then no chain value can be checked). */
  public BoardChain(Digest q) {
    this.prev = q == null ? null : BallotHashes.chainStart(q);
  }

  /** Checks the next entry (positions 1, 2, … in order); empty when it passes. */
  public List<BoardFinding> next(Entry e) {
    List<BoardFinding> out = new ArrayList<>(0);
    int k = e.position();
    if (e.spendKey() != null) {
      byte[] s = e.spendKey().bytes();
      int first = spent.add(longAt(s, 0), longAt(s, 8), k);
      if (first != 0) {
        out.add(
            BoardFinding.failed(
                k, CheckId.V4, "token", "token already spent by the ballot on line " + first));
      }
    }
    if (e.declaredHash() == null) {
      out.add(
          BoardFinding.unchecked(
              k, CheckId.V6, "", "cannot check hash and chain: the line did not decode (see V1)"));
      prev = null;
      return out;
    }
    if (e.declaredIndex() != k) {
      out.add(
          BoardFinding.failed(
              k,
              CheckId.V6,
              "index",
              "index " + e.declaredIndex() + " differs from the line number " + k));
    }
    if (e.hash() == null) {
      out.add(
          BoardFinding.unchecked(
              k, CheckId.V6, "hash", "cannot recompute B: Q is broken (see V2)"));
    } else if (!e.hash().equals(e.declaredHash())) {
      out.add(
          BoardFinding.failed(
              k, CheckId.V6, "hash", "B_" + k + " differs from the hash of the ballot's contents"));
    }
    if (prev != null && e.hash() != null) {
      Digest t = BallotHashes.chainNext(prev, e.hash());
      if (!t.equals(e.declaredChain())) {
        out.add(
            BoardFinding.failed(
                k, CheckId.V6, "chain", "T_" + k + " ≠ H(T_" + (k - 1) + ", B_" + k + ")"));
      }
    }
    // continue from the published link, so that one break is reported once
    prev = e.declaredChain();
    return out;
  }

  /**
   * The last published chain value T_N (T_0 before any entry); null once an entry did not decode or
   * Q is broken.
   */
  public Digest head() {
    return prev;
  }

  private static long longAt(byte[] b, int off) {
    long x = 0;
    for (int i = 0; i < 8; i++) {
      x = (x << 8) | (b[off + i] & 0xff);
    }
    return x;
  }
}
