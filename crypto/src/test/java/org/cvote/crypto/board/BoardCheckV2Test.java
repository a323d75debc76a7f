package org.cvote.crypto.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.junit.jupiter.api.Test;

/**
 * A member's check of a version 2 board (docs/protocol.md §9.2, §16): valid board, aggregate, and
 * each defect named.
 */
class BoardCheckV2Test {
  private final SecureRandom rng = new SecureRandom();
  private final Scalar x = Scalar.random(rng);
  private final Point k = Point.baseMul(x).precomputed();
  private final Digest q = Digest.sha256(new byte[] {9});
  private final EncodingV2 enc = EncodingV2.forSummoned(12);

  private List<RecordedBallotV2> board(int n, int[][] choices) {
    List<RecordedBallotV2> out = new ArrayList<>();
    Digest chain = BallotHashes.chainStart(q);
    for (int i = 0; i < n; i++) {
      byte[] msg = new byte[112];
      rng.nextBytes(msg);
      BallotV2 b =
          BallotV2Encryptor.encrypt(
                  "p", q, k, enc, new Ballot.Token(msg, new byte[384]), choices[i], rng)
              .ballot();
      Digest h = b.hash(q);
      chain = BallotHashes.chainNext(chain, h);
      out.add(RecordedBallotV2.of(b, i + 1, h, chain));
    }
    return out;
  }

  @Test
  void aValidBoardPassesAndItsAggregateDecryptsToTheCounts() {
    int[][] choices = {{0, 2}, {1, -1}, {2, 2}, {0, 0}, {-1, 1}};
    List<RecordedBallotV2> board = board(5, choices);
    BoardCheckV2.Result r = BoardCheckV2.check(board, q, k, "p", 2, enc, null);
    assertEquals(List.of(), r.problems());
    assertEquals(board.get(4).chain(), r.head());
    for (int s = 0; s < 2; s++) {
      long value = 0;
      for (int[] c : choices) {
        value += enc.value(c[s]);
      }
      Ciphertext agg = r.aggregate().get(s);
      assertEquals(
          Point.baseMul(value), agg.beta().subtract(agg.alpha().multiply(x)), "subject " + (s + 1));
    }
    assertTrue(BoardCheckV2.check(List.of(), q, k, "p", 2, enc, null).ok());
  }

  @Test
  void eachDefectIsNamedByIndexAndField() {
    int[][] choices = {{0, 2}, {1, -1}, {2, 2}, {0, 0}, {-1, 1}};
    List<RecordedBallotV2> board = new ArrayList<>(board(5, choices));
    // ballot 3: row 2 taken from ballot 4 (another token): its proof fails, B_3 and T_3 no longer
    // match (once: 4 goes on)
    RecordedBallotV2 b3 = board.get(2);
    List<BallotV2.Row> rows = new ArrayList<>(b3.rows());
    rows.set(1, board.get(3).rows().get(1));
    board.set(2, new RecordedBallotV2(b3.poll(), b3.token(), rows, 3, b3.hash(), b3.chain()));
    BoardCheckV2.Result r = BoardCheckV2.check(board, q, k, "p", 2, enc, null);
    assertEquals(
        List.of("3:chain", "3:hash", "3:rows[1].proof"),
        r.problems().stream().map(p -> p.index() + ":" + p.field()).sorted().toList());
    // the whole board under another B: every row of every ballot
    assertEquals(
        10,
        BoardCheckV2.check(board(5, choices), q, k, "p", 2, new EncodingV2(14), null)
            .problems()
            .size());
  }

  @Test
  void aBoardOfAtLeastBBallotsIsRefusedBecauseItsCountsCouldCarryIntoTheNextDigit() {
    // B = 3 (2 summoned): 3 HIGH marks pack to 3 = 1·B, the value of one MID. An operator who mints
    // tokens can
    // post more ballots than voters; the member must refuse before decrypting (docs/protocol.md
    // §16.6: N < B).
    EncodingV2 small = EncodingV2.forSummoned(2);
    int[][] choices = {{0}, {0}, {0}};
    List<RecordedBallotV2> board = new ArrayList<>();
    Digest chain = BallotHashes.chainStart(q);
    for (int i = 0; i < 3; i++) {
      byte[] msg = new byte[112];
      rng.nextBytes(msg);
      BallotV2 b =
          BallotV2Encryptor.encrypt(
                  "p", q, k, small, new Ballot.Token(msg, new byte[384]), choices[i], rng)
              .ballot();
      Digest h = b.hash(q);
      chain = BallotHashes.chainNext(chain, h);
      board.add(RecordedBallotV2.of(b, i + 1, h, chain));
    }
    assertTrue(
        BoardCheckV2.check(board.subList(0, 2), q, k, "p", 1, small, null).ok(), "N = 2 < B = 3");
    BoardCheckV2.Result r = BoardCheckV2.check(board, q, k, "p", 1, small, null);
    assertEquals(
        List.of("0:ballots"), r.problems().stream().map(p -> p.index() + ":" + p.field()).toList());
  }
}
