package org.cvote.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.tools.bench.CommitteeBoardBench.Board;
import org.cvote.tools.bench.CommitteeBoardBench.Size;
import org.junit.jupiter.api.Test;

/**
 * The committee board benchmark's board is one the CLI's verifier accepts (and a tampered copy it
 * refuses); its size option parses.
 */
class CommitteeBoardBenchTest {

  @Test
  void theGeneratedBoardPassesTheCommitteeVerifierAndATamperedOneDoesNot() throws Exception {
    Board board = CommitteeBoardBench.generate(new Size(4, 2), new SecureRandom());
    assertEquals(4, board.ballots().size());
    assertEquals(2, board.ballots().get(0).rows().size());
    CommitteeBoardBench.cliSeconds(board); // throws BoardRejectedException when any check fails

    // ballot 2 carries ballot 3's rows under its own token, hash and chain link: B_2 and the proofs
    // bound to τ_2 fail
    List<RecordedBallot> lines = new ArrayList<>(board.ballots());
    RecordedBallot b2 = lines.get(1);
    lines.set(
        1,
        new RecordedBallot(
            b2.poll(), b2.token(), lines.get(2).rows(), b2.index(), b2.hash(), b2.chain()));
    Board tampered =
        new Board(
            board.pollId(),
            board.q(),
            board.jointKey(),
            board.tokenSpki(),
            board.subjects(),
            lines);
    BoardRejectedException e =
        assertThrows(BoardRejectedException.class, () -> CommitteeBoardBench.cliSeconds(tampered));
    assertTrue(e.problems().stream().allMatch(f -> f.index() == 2), e.problems().toString());
  }

  @Test
  void thePageInputHasTheKeysAndEveryLine() {
    Board board = CommitteeBoardBench.generate(new Size(2, 1), new SecureRandom());
    ObjectNode json = board.json();
    assertEquals(board.q().toHex(), json.get("Q").asText());
    assertEquals(board.jointKey().toHex(), json.get("K").asText());
    assertEquals(1, json.get("subjects").asInt());
    assertEquals(2, json.get("board").size());
    assertEquals(2, json.get("board").get(1).get("index").asInt());
    assertEquals(
        board.ballots().get(1).chain().toHex(), json.get("board").get(1).get("chain").asText());
  }

  @Test
  void theSizeOptionParses() {
    assertEquals(new Size(500, 50), Size.parse("500x50"));
    assertEquals(new Size(7, 3), Size.parse(" 7X3 "));
    assertEquals(new Size(7, 3), Size.parse("7×3"));
    assertTrue(Size.parse("0").skip());
    assertFalse(Size.FULL.skip());
    assertEquals(new Size(500, 50), Size.FULL);
    assertTrue(
        Size.QUICK.voters() * Size.QUICK.subjects() < 1_000, "quick mode uses a small board");
    for (String bad : List.of("500", "500x", "x50", "ax5", "500x50x1", "")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Size.parse(bad), bad);
      assertTrue(e.getMessage().contains("VOTERSxSUBJECTS"), e.getMessage());
    }
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Size.parse("0x5"))
            .getMessage()
            .contains("voters must be at least 1"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Size.parse("5x0"))
            .getMessage()
            .contains("subjects must be 1..500"));
  }
}
