package org.cvote.crypto.board;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.token.TokenVerifier;

/**
 * A whole ballot version 2 board checked as a committee member does before decrypting
 * (docs/protocol.md §9.2 with §16): indices 1..N, every ballot's shape, B_k (§16.5) and the chain
 * from T_0, every token unique (and, when the token key is given, well-formed and validly signed),
 * every row proof under the manifest's B — batched in parallel chunks, falling back to single
 * checks that name the failing row — no more ballots than B − 1 (§16.6), and the per-subject
 * aggregate the member decrypts.
 */
public final class BoardCheckV2 {
  private static final int CHUNK = 256;

  /**
   * The findings (empty when the board is valid), the last chain value T_N, and Σ rows per subject.
   */
  public record Result(List<BoardFinding> problems, Digest head, List<Ciphertext> aggregate) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private BoardCheckV2() {}

  public static Result check(
      List<RecordedBallotV2> board,
      Digest q,
      Point jointKey,
      String pollId,
      int subjects,
      EncodingV2 encoding,
      TokenVerifier tokens) {
    Objects.requireNonNull(board, "board");
    List<BoardFinding> problems = Collections.synchronizedList(new ArrayList<>());
    BallotCheck check =
        BallotCheck.ofV2(BallotV2Verifier.create(q, jointKey, pollId, subjects, encoding), tokens);
    if (board.size() >= encoding.base()) {
      // §16.6: counts split uniquely only when N < B (N ≤ summoned = B − 1); more ballots than
      // voters could carry
      // HIGH marks into MID (B of them pack like one MID): refuse before any share is made
      problems.add(
          BoardFinding.failed(
              0,
              CheckId.V10,
              "ballots",
              board.size()
                  + " ballots on the board, but B = "
                  + encoding.base()
                  + " admits at most B − 1 = "
                  + (encoding.base() - 1)
                  + " (the number summoned)"));
    }
    // in order: indices, tokens spent once, B_k (§16.5) and the chain, the same routine as version
    // 1's
    BoardChain chain = new BoardChain(q);
    Digest[] tau = new Digest[board.size()];
    for (int k = 0; k < board.size(); k++) {
      RecordedBallotV2 rb = board.get(k);
      byte[] msg = rb.token().msg();
      tau[k] = BallotHashes.tokenHash(msg);
      problems.addAll(
          chain.next(
              new BoardChain.Entry(
                  k + 1,
                  rb.index(),
                  rb.hash(),
                  rb.chain(),
                  BallotV2.hash(q, tau[k], rb.rows()),
                  Digest.sha256(msg))));
    }
    int chunks = (board.size() + CHUNK - 1) / CHUNK;
    PointSum[][] a = new PointSum[chunks][subjects];
    PointSum[][] b = new PointSum[chunks][subjects];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              BatchVerifier<ProofRef> batch = new BatchVerifier<>(new SecureRandom());
              for (int s = 0; s < subjects; s++) {
                a[c][s] = new PointSum();
                b[c][s] = new PointSum();
              }
              for (int k = c * CHUNK; k < Math.min(board.size(), (c + 1) * CHUNK); k++) {
                BallotV2 ballot = board.get(k).ballot();
                int idx = k + 1;
                List<BoardFinding> shape = check.shape(idx, ballot);
                if (!shape.isEmpty()) {
                  problems.addAll(shape);
                  continue;
                }
                problems.addAll(check.token(idx, ballot.token()));
                check.addProofs(idx, ballot, tau[k], batch);
                for (int s = 0; s < subjects; s++) {
                  a[c][s].add(ballot.rows().get(s).alpha());
                  b[c][s].add(ballot.rows().get(s).beta());
                }
              }
              problems.addAll(check.proofFailures(batch));
            });
    List<Ciphertext> aggregate = new ArrayList<>();
    if (!board.isEmpty()) {
      for (int s = 0; s < subjects; s++) {
        PointSum sa = new PointSum();
        PointSum sb = new PointSum();
        for (int c = 0; c < chunks; c++) {
          sa.add(a[c][s]);
          sb.add(b[c][s]);
        }
        aggregate.add(new Ciphertext(sa.result(), sb.result()));
      }
    }
    List<BoardFinding> sorted = new ArrayList<>(problems);
    sorted.sort((x, y) -> Integer.compare(x.index(), y.index()));
    return new Result(List.copyOf(sorted), chain.head(), List.copyOf(aggregate));
  }
}
