package org.cvote.crypto.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.hash.Digest;
import org.junit.jupiter.api.Test;

/**
 * The in-order board checks the committee and the verifier share (docs/protocol.md §11 V4
 * uniqueness, V6).
 */
class BoardChainTest {
  private static final Digest Q = Digest.sha256("Q".getBytes(StandardCharsets.US_ASCII));

  private static Digest h(String s) {
    return Digest.sha256(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** A sound board of n entries: B_k = h("b"+k), spend key h("tok"+k), T_k chained from T_0. */
  private static List<BoardChain.Entry> board(int n) {
    List<BoardChain.Entry> out = new ArrayList<>();
    Digest t = BallotHashes.chainStart(Q);
    for (int k = 1; k <= n; k++) {
      Digest b = h("b" + k);
      t = BallotHashes.chainNext(t, b);
      out.add(new BoardChain.Entry(k, k, b, t, b, h("tok" + k)));
    }
    return out;
  }

  private static List<BoardFinding> run(List<BoardChain.Entry> board) {
    BoardChain c = new BoardChain(Q);
    List<BoardFinding> out = new ArrayList<>();
    board.forEach(e -> out.addAll(c.next(e)));
    return out;
  }

  @Test
  void aSoundBoardPassesAndEndsAtItsLastChainValue() {
    List<BoardChain.Entry> b = board(4);
    BoardChain c = new BoardChain(Q);
    b.forEach(e -> assertEquals(List.of(), c.next(e)));
    assertEquals(b.get(3).declaredChain(), c.head());
    assertEquals(
        BallotHashes.chainStart(Q), new BoardChain(Q).head(), "an empty board ends at T_0");
  }

  @Test
  void aWrongIndexAForgedHashAndASpentTokenAreTypedFindings() {
    List<BoardChain.Entry> b = board(3);
    BoardChain.Entry e2 = b.get(1);
    b.set(
        1, new BoardChain.Entry(2, 5, e2.declaredHash(), e2.declaredChain(), e2.hash(), h("tok1")));
    List<BoardFinding> f = run(b);
    assertEquals(2, f.size(), f.toString());
    assertEquals(
        BoardFinding.failed(2, CheckId.V4, "token", "token already spent by the ballot on line 1"),
        f.get(0));
    assertEquals(
        BoardFinding.failed(2, CheckId.V6, "index", "index 5 differs from the line number 2"),
        f.get(1));

    List<BoardChain.Entry> c = board(3);
    BoardChain.Entry e3 = c.get(2);
    c.set(
        2,
        new BoardChain.Entry(
            3, 3, e3.declaredHash(), e3.declaredChain(), h("other contents"), e3.spendKey()));
    List<BoardFinding> g = run(c);
    assertEquals(
        List.of(CheckId.V6, CheckId.V6),
        g.stream().map(BoardFinding::check).toList(),
        g.toString());
    assertEquals(List.of("hash", "chain"), g.stream().map(BoardFinding::field).toList());
    assertTrue(g.stream().allMatch(BoardFinding::checked));
  }

  @Test
  void aBrokenLinkIsReportedOnceAndTheChainGoesOnFromThePublishedValue() {
    List<BoardChain.Entry> b = board(4);
    BoardChain.Entry e2 = b.get(1);
    b.set(1, new BoardChain.Entry(2, 2, e2.declaredHash(), h("not T_2"), e2.hash(), e2.spendKey()));
    List<BoardFinding> f = run(b);
    // T_2 is wrong, and T_3 does not follow the published T_2: two breaks, each reported once, T_4
    // fine
    assertEquals(List.of(2, 3), f.stream().map(BoardFinding::index).toList(), f.toString());
    assertTrue(f.stream().allMatch(x -> x.field().equals("chain")));
  }

  @Test
  void anEntryThatDidNotDecodeIsUncheckedAndLeavesNoHead() {
    List<BoardChain.Entry> b = board(2);
    b.set(0, new BoardChain.Entry(1, 0, null, null, null, null));
    BoardChain c = new BoardChain(Q);
    List<BoardFinding> f = c.next(b.get(0));
    assertEquals(1, f.size());
    assertFalse(f.get(0).checked());
    assertEquals(CheckId.V6, f.get(0).check());
    assertEquals(
        List.of(), c.next(b.get(1)), "the chain cannot be checked past an undecodable entry");
    assertEquals(b.get(1).declaredChain(), c.head());
    BoardChain noQ = new BoardChain(null);
    assertNull(noQ.head());
    assertEquals(
        List.of(
            BoardFinding.unchecked(
                1, CheckId.V6, "hash", "cannot recompute B: Q is broken (see V2)")),
        noQ.next(new BoardChain.Entry(1, 1, h("b1"), h("t1"), null, null)));
  }
}
