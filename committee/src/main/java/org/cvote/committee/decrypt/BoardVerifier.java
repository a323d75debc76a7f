package org.cvote.committee.decrypt;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.board.BallotCheck;
import org.cvote.crypto.board.BoardChain;
import org.cvote.crypto.board.BoardFinding;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.board.ProofRef;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.crypto.token.TokenVerifier;

/**
 * Verifies a whole board as a member does before decrypting (docs/protocol.md §9.2): indices 1..N,
 * every ballot's shape, hash B_k and chain link T_k from T_0, every token unique (and, when the
 * token key is known, well-formed and validly signed), and every range and row proof — batched, in
 * parallel chunks. The in-order part is crypto's {@link BoardChain}, the same routine the verifier
 * runs for V4 and V6, so a member and an auditor name the same problem the same way ({@link
 * BoardFinding}: ballot index, check id, field); what one ballot needs alone (shape, token, proofs)
 * is crypto's {@link BallotCheck}, the verifier's too.
 */
public final class BoardVerifier {
  private static final int CHUNK = 256;

  private BoardVerifier() {}

  public static void verify(
      List<RecordedBallot> board,
      Digest q,
      Point jointKey,
      String pollId,
      int subjects,
      byte[] tokenSpki)
      throws BoardRejectedException {
    List<BoardFinding> problems = Collections.synchronizedList(new ArrayList<>());
    TokenVerifier tokenVerifier =
        tokenSpki == null ? null : tokenVerifier(tokenSpki, pollId, problems);
    BallotCheck check =
        BallotCheck.of(BallotVerifier.create(q, jointKey, pollId, subjects), tokenVerifier);
    // sequential: numbering, token uniqueness, hash and chain (the verifier's V4/V6 routine)
    BoardChain chain = new BoardChain(q);
    Digest[] tau = new Digest[board.size()];
    for (int k = 0; k < board.size(); k++) {
      RecordedBallot rb = board.get(k);
      byte[] msg = rb.token().msg();
      tau[k] = BallotHashes.tokenHash(msg);
      Digest b = BallotHashes.ballotHash(q, tau[k], rb.rows());
      problems.addAll(
          chain.next(
              new BoardChain.Entry(
                  k + 1, rb.index(), rb.hash(), rb.chain(), b, Digest.sha256(msg))));
    }
    // parallel: structure, tokens, proofs
    int chunks = (board.size() + CHUNK - 1) / CHUNK;
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              SecureRandom rng = new SecureRandom();
              BatchVerifier<ProofRef> batch = new BatchVerifier<>(rng);
              for (int k = c * CHUNK; k < Math.min(board.size(), (c + 1) * CHUNK); k++) {
                problems.addAll(check.check(k + 1, board.get(k).ballot(), tau[k], batch));
              }
              problems.addAll(check.proofFailures(batch));
            });
    if (!problems.isEmpty()) {
      List<BoardFinding> sorted = new ArrayList<>(problems);
      sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
      throw new BoardRejectedException(sorted);
    }
  }

  /** The token verifier of the poll; a key that does not parse is a finding (field tokenKey). */
  static TokenVerifier tokenVerifier(byte[] spki, String pollId, List<BoardFinding> problems) {
    try {
      return TokenVerifier.create(TokenPublicKey.fromSpki(spki), pollId);
    } catch (IllegalArgumentException e) {
      problems.add(
          BoardFinding.failed(0, CheckId.V1, "tokenKey", "token key rejected: " + e.getMessage()));
      return null;
    }
  }
}
