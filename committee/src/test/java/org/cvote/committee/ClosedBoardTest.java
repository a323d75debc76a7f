package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.committee.server.CommitteeApi;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.committee.server.InMemoryPartialStore;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.board.BoardFinding;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.RecordSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committee decrypts only the board the room saw (docs/security.md): a member decrypts a board
 * only if it ends at the server's signed closing statement and that statement carries the figures
 * announced in the hall (ballots collected, head fingerprint), and only one board per poll. The
 * server here is dishonest: it holds the record key and signs a closing statement for whatever
 * board it serves; the members run the real member code through the in-memory transport (every
 * message through its JSON form), as the command line does: download, check, decrypt, then post.
 */
class ClosedBoardTest {
  @TempDir Path dir;
  Fixture f;
  Fixture.Poll poll;

  /** What was read aloud in the hall: the true board's N and head fingerprint. */
  MemberDecryptor.Announced hall;

  @BeforeEach
  void ceremonyAndVoting() {
    f = new Fixture("poll-closing", 3, dir);
    f.coordinator.start(f.pollId, 2);
    List<Progress> last = f.runCeremony();
    assertTrue(last.stream().allMatch(Progress::finished), last.toString());
    assertEquals(Phase.DONE, f.coordinator.view(f.pollId).phase());
    poll = f.poll(2, 6);
    hall = new MemberDecryptor.Announced(6, poll.input().closing().headFingerprint());
  }

  /**
   * A member's run of {@code cvote-committee decrypt}: nothing is posted unless every check passed.
   */
  private PartialDecryption run(int slot, MemberDecryptor.Announced heard)
      throws BoardRejectedException {
    TallyInput in = f.transport.tallyInput(f.pollId);
    PartialDecryption p =
        MemberDecryptor.decryptOnce(
                f.ids.get(slot - 1), f.stores.get(slot - 1), in, heard, Fixture.RNG)
            .partial();
    f.transport.decryption(f.pollId, p);
    return p;
  }

  /** The first ballot alone: a prefix of the chain is a valid board (the attack of issue 18). */
  private List<RecordedBallot> prefix() {
    return poll.board().subList(0, 1);
  }

  /** Ballot 3 dropped, the others re-indexed and the chain recomputed from T_0. */
  private List<RecordedBallot> dropped() {
    List<RecordedBallot> out = new ArrayList<>();
    Digest chain = BallotHashes.chainStart(poll.q());
    for (RecordedBallot rb : poll.board()) {
      if (rb.index() == 3) {
        continue;
      }
      chain = BallotHashes.chainNext(chain, rb.hash());
      out.add(RecordedBallot.of(rb.ballot(), out.size() + 1, rb.hash(), chain));
    }
    return out;
  }

  private TallyInput servedWithItsOwnStatement(List<RecordedBallot> board) {
    return Fixture.closed(
        poll.manifest(), poll.context(), poll.input().tokenSpki(), board, f.recordPrivateKey);
  }

  private static List<String> fields(BoardRejectedException e) {
    return e.problems().stream().map(BoardFinding::field).toList();
  }

  @Test
  void aSubsetBoardWithAClosingStatementSignedForItIsRefusedByEveryMemberNamingTheFigure() {
    for (List<RecordedBallot> subset : List.of(prefix(), dropped())) {
      f.transport.publish(f.pollId, servedWithItsOwnStatement(subset));
      for (int slot = 1; slot <= 3; slot++) { // t = 2 would do; every member refuses
        int s = slot;
        var e = assertThrows(BoardRejectedException.class, () -> run(s, hall));
        assertTrue(fields(e).contains("ballots"), e.getMessage());
        assertTrue(
            e.getMessage().contains("số phiếu") && e.getMessage().contains("announced " + 6),
            e.getMessage());
        assertNull(f.state(s).decryptedHead(), "nothing decrypted");
      }
    }
    assertEquals(List.of(), f.transport.partials(f.pollId), "nothing posted");
  }

  @Test
  void aBoardOfTheRightSizeButAnotherHeadIsRefusedNamingTheHead() {
    // the server swaps the last ballot for one it cast itself: N unchanged, the chain ends
    // elsewhere
    List<RecordedBallot> swapped = new ArrayList<>(poll.board().subList(0, 5));
    Fixture.Poll other = f.poll(2, 1);
    RecordedBallot own = other.board().get(0);
    Digest h = BallotHashes.ballotHash(poll.q(), own.ballot());
    swapped.add(
        RecordedBallot.of(own.ballot(), 6, h, BallotHashes.chainNext(swapped.get(4).chain(), h)));
    f.transport.publish(f.pollId, servedWithItsOwnStatement(swapped));
    for (int slot = 1; slot <= 2; slot++) {
      int s = slot;
      var e = assertThrows(BoardRejectedException.class, () -> run(s, hall));
      assertEquals(List.of("head"), fields(e), e.getMessage());
    }
    assertEquals(List.of(), f.transport.partials(f.pollId));
  }

  @Test
  void aTallyInputWithheldTokenKeyIsRefusedBeforeAnyShare() {
    // the true board and its true statement, but no token key: §9.2 checks every token's
    // signature, so the member refuses rather than skip the check
    f.transport.publish(
        f.pollId,
        Fixture.closed(poll.manifest(), poll.context(), null, poll.board(), f.recordPrivateKey));
    for (int slot = 1; slot <= 3; slot++) {
      int s = slot;
      var e = assertThrows(BoardRejectedException.class, () -> run(s, hall));
      assertEquals(List.of("tokenSpki"), fields(e), e.getMessage());
      assertNull(f.state(s).decryptedHead(), "nothing decrypted");
    }
    assertEquals(List.of(), f.transport.partials(f.pollId), "nothing posted");
    // the same input with the key decrypts: the refusal was the missing key alone
    f.transport.publish(f.pollId, poll.input());
    assertEquals(6, assertDoesNotThrowRun(1).count());
  }

  private PartialDecryption assertDoesNotThrowRun(int slot) {
    try {
      return run(slot, hall);
    } catch (BoardRejectedException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @Test
  void aSubsetBoardServedWithTheTrueStatementIsRefused() {
    f.transport.publish(f.pollId, poll.input().withBoard(dropped()));
    var e = assertThrows(BoardRejectedException.class, () -> run(1, hall));
    assertTrue(fields(e).contains("ballots") && fields(e).contains("head"), e.getMessage());
    f.transport.publish(f.pollId, poll.input().withBoard(prefix()));
    assertThrows(BoardRejectedException.class, () -> run(2, hall));
    assertEquals(List.of(), f.transport.partials(f.pollId));
  }

  @Test
  void aClosingStatementWithABadSignatureOrWrongFiguresIsRefused() {
    TallyInput good = poll.input();
    ClosingStatement cs = good.closing();
    byte[] sig = cs.signature();
    sig[5] ^= 1;
    var badSig = new ClosingStatement(cs.poll(), cs.q(), cs.count(), cs.head(), sig);
    // a statement claiming 7 ballots, signed with a key that is not the record key bound to Q
    byte[] otherSeed = new byte[32];
    otherSeed[0] = 9;
    var wrongN =
        ClosingStatement.sign(
            cs.poll(), cs.q(), 7, cs.head(), d -> RecordSignature.sign(f.recordPrivateKey, d));
    var otherKey =
        ClosingStatement.sign(
            cs.poll(), cs.q(), cs.count(), cs.head(), d -> RecordSignature.sign(otherSeed, d));
    var otherPoll =
        ClosingStatement.sign(
            "poll-other",
            cs.q(),
            cs.count(),
            cs.head(),
            d -> RecordSignature.sign(f.recordPrivateKey, d));
    List<TallyInput> bad =
        List.of(
            good.withClosing(good.signingKey(), badSig),
            good.withClosing(good.signingKey(), wrongN),
            good.withClosing(good.signingKey(), otherKey),
            good.withClosing(RecordSignature.publicKey(otherSeed), otherKey),
            good.withClosing(good.signingKey(), otherPoll),
            good.withClosing(null, null));
    List<String> expected =
        List.of(
            "signature",
            "ballots",
            "signature",
            "record key",
            "another poll",
            "no signed closing statement");
    for (int k = 0; k < bad.size(); k++) {
      f.transport.publish(f.pollId, bad.get(k));
      var e = assertThrows(BoardRejectedException.class, () -> run(1, hall));
      assertTrue(e.getMessage().contains(expected.get(k)), k + ": " + e.getMessage());
    }
    assertEquals(List.of(), f.transport.partials(f.pollId));
    assertNull(f.state(1).decryptedHead());
  }

  @Test
  void theAnnouncedFiguresMustMatchEachOneNamed() {
    f.transport.publish(f.pollId, poll.input());
    var e =
        assertThrows(
            BoardRejectedException.class,
            () -> run(1, new MemberDecryptor.Announced(5, hall.head())));
    assertEquals(List.of("ballots"), fields(e));
    var e2 =
        assertThrows(
            BoardRejectedException.class,
            () -> run(1, new MemberDecryptor.Announced(6, "0000 0000 0000 0000")));
    assertEquals(List.of("head"), fields(e2));
    var e3 =
        assertThrows(
            BoardRejectedException.class, () -> run(1, new MemberDecryptor.Announced(6, "1A2B")));
    assertEquals(List.of("head"), fields(e3), "fewer than 16 digits never match");
    assertEquals(List.of(), f.transport.partials(f.pollId));
    // lower case, no spaces, or the whole T_N: the same figure
    String hex = poll.input().closing().head().toHex();
    assertEquals(
        6, assertDoesNotThrow(1, new MemberDecryptor.Announced(6, hex.substring(0, 16))).count());
    assertEquals(6, assertDoesNotThrow(1, new MemberDecryptor.Announced(6, hex)).count());
  }

  private PartialDecryption assertDoesNotThrow(int slot, MemberDecryptor.Announced a) {
    try {
      return run(slot, a);
    } catch (BoardRejectedException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @Test
  void aMemberDecryptsOneBoardPerPollAndMayPostItAgain() throws Exception {
    f.transport.publish(f.pollId, poll.input());
    PartialDecryption first = run(1, hall);
    assertEquals(6, f.state(1).decryptedCount());
    assertEquals(poll.input().closing().head(), f.state(1).decryptedHead());
    // the same board again: allowed (a lost answer, a retry), the same statement signed
    PartialDecryption again = run(1, hall);
    assertEquals(first.head(), again.head());
    assertEquals(first.count(), again.count());
    // then a different board for the same poll, even with figures "announced" for it: refused
    TallyInput other = servedWithItsOwnStatement(dropped());
    f.transport.publish(f.pollId, other);
    var e =
        assertThrows(
            BoardRejectedException.class,
            () -> run(1, MemberDecryptor.Announced.of(other.closing())));
    assertTrue(e.getMessage().contains("already decrypted another board"), e.getMessage());
    assertEquals(2, f.transport.partials(f.pollId).size(), "only the two posts of the first board");
    // the state survives the tool: a fresh load of the sealed file still refuses
    assertThrows(
        BoardRejectedException.class,
        () -> MemberDecryptor.decrypt(f.ids.get(0), f.state(1), other, Fixture.RNG));
  }

  @Test
  void theServerAcceptsOnlyPartialsOfItsClosingStatementAndTalliesThem() throws Exception {
    f.transport.publish(f.pollId, poll.input());
    var desk =
        new DecryptionDesk(f.coordinator, f.transport::tallyInput, new InMemoryPartialStore());
    var api = new CommitteeApi(f.coordinator, desk, f.transport::tallyInput);
    PartialDecryption p1 = run(1, hall);
    // a member's honest partial of another board (the dishonest server showed it a subset): the
    // desk refuses it
    int slot2 = 2;
    var st2 = f.state(slot2);
    TallyInput subset = servedWithItsOwnStatement(dropped());
    PartialDecryption otherBoard =
        MemberDecryptor.decrypt(f.ids.get(slot2 - 1), st2, subset, Fixture.RNG).partial();
    var refused =
        api.handle(
            "POST",
            f.pollId,
            "committee/decryption",
            CommitteeJson.mapper().writeValueAsBytes(otherBoard));
    assertEquals(400, refused.status());
    // the same shares relabelled with the closing statement's head, without a new signature: the
    // signature fails
    PartialDecryption relabelled =
        new PartialDecryption(
            otherBoard.member(), 6, p1.head(), otherBoard.shares(), otherBoard.signature());
    assertEquals(
        403,
        api.handle(
                "POST",
                f.pollId,
                "committee/decryption",
                CommitteeJson.mapper().writeValueAsBytes(relabelled))
            .status());
    assertEquals(0, desk.progress(f.pollId)[0]);
    assertEquals(
        200,
        api.handle(
                "POST",
                f.pollId,
                "committee/decryption",
                CommitteeJson.mapper().writeValueAsBytes(p1))
            .status());
    assertEquals(
        200,
        api.handle(
                "POST",
                f.pollId,
                "committee/decryption",
                CommitteeJson.mapper().writeValueAsBytes(run(3, hall)))
            .status());
    TallyResult r = desk.tally(f.pollId);
    for (int s = 0; s < 2; s++) {
      assertArrayEquals(poll.truth()[s], r.counts().get(s));
    }
    assertEquals(2, r.partials().size());
    assertTrue(r.partials().stream().allMatch(x -> x.head().equals(poll.input().closing().head())));
  }
}
