package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cvote.committee.ceremony.AnswerPost;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyMath;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.ComplaintPost;
import org.cvote.committee.ceremony.EncryptedShare;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Posts;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.SharesPost;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.PublicKeys;
import org.cvote.committee.transport.CommitteeTransport;
import org.cvote.committee.transport.InMemoryTransport;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Complaints that can be answered (docs/protocol.md §8.8): the accused publishes the disputed
 * share, everyone checks it against the accused's commitments; a share that checks dismisses the
 * complaint (the complainer uses it and the attempt goes on), one that fails, or no answer in time,
 * excludes the accused. So one dishonest member can push nobody else out: neither by a false
 * complaint nor by sending an honest member an unusable share.
 */
class ComplaintAnswerTest {
  @TempDir Path dir;

  /**
   * Member {@code from}'s transport that replaces its share for {@code to} with garbage (validly
   * signed).
   */
  static CommitteeTransport badShareTo(Fixture f, int from, int to) {
    MemberIdentity sender = f.ids.get(from - 1);
    return new InMemoryTransport(f.coordinator) {
      @Override
      public void shares(String pollId, SharesPost p) {
        CeremonyState v = ceremony(pollId);
        List<EncryptedShare> out = new ArrayList<>();
        for (EncryptedShare e : p.shares()) {
          if (e.to() == to) {
            byte[] wrong = Scalar.random(Fixture.RNG).encode();
            byte[] ct =
                PublicKeys.hpkeEncrypt(
                    v.members().get(to - 1).hpkePublicKey(),
                    wrong,
                    CeremonyMath.shareInfo(v.ceremonyId(), from, to));
            e =
                new EncryptedShare(
                    from, to, ct, sender.sign(Posts.share(v.ceremonyId(), from, to, ct).bytes()));
          }
          out.add(e);
        }
        super.shares(pollId, new SharesPost(p.member(), out));
      }
    };
  }

  /** Runs members round-robin until every share is posted (phase CONFIRM), nobody past it. */
  static void untilSharesAreIn(
      Fixture f, java.util.function.Function<Integer, CommitteeTransport> via) {
    for (int round = 0;
        round < 10 && f.coordinator.view(f.pollId).phase() != Phase.CONFIRM;
        round++) {
      for (int i = 1;
          i <= f.coordinator.view(f.pollId).n()
              && f.coordinator.view(f.pollId).phase() != Phase.CONFIRM;
          i++) {
        f.member(i, via.apply(i)).step();
      }
    }
    assertEquals(Phase.CONFIRM, f.coordinator.view(f.pollId).phase());
  }

  @Test
  void aFalseComplaintIsResolvedAgainstTheComplainerAndTheCeremonyCompletes() {
    Fixture f = new Fixture("poll-false-complaint", 5, dir);
    f.coordinator.start(f.pollId, 3);
    untilSharesAreIn(f, i -> f.transport);
    // member 3 falsely accuses honest member 1 (its share was fine)
    CeremonyState v = f.coordinator.view(f.pollId);
    String reason = "share does not decrypt";
    f.transport.complain(
        f.pollId,
        new ComplaintPost(
            3,
            1,
            reason,
            f.ids.get(2).sign(Posts.complaint(v.ceremonyId(), 3, 1, reason).bytes())));
    assertEquals(
        Phase.CONFIRM, f.coordinator.view(f.pollId).phase(), "a complaint alone excludes nobody");
    List<Progress> last = f.runCeremony();
    CeremonyState s = f.coordinator.view(f.pollId);
    assertEquals(Phase.DONE, s.phase(), last.toString());
    assertEquals(1, s.attempt(), "no restart");
    assertEquals(5, s.n(), "the accused stays, nobody was pushed out");
    assertNull(s.failure());
    assertEquals(1, s.answers().size());
    AnswerPost a = s.answers().get(0);
    assertEquals(1, a.member());
    assertEquals(3, a.complainant());
    assertTrue(
        CeremonyCoordinator.answerChecks(s, a),
        "the published share checks: the complaint is resolved against the complainer");
    // the published share is the one member 1's polynomial gives member 3: P_1(3)·G = Σ 3^j·K_1j
    assertEquals(
        Point.baseMul(a.share()),
        org.cvote.crypto.threshold.Feldman.publicShare(
            List.of(s.reveal(1).orElseThrow().commitments()), 3));
    for (int i = 1; i <= 5; i++) {
      assertTrue(f.state(f.memberSlot(i)).done());
    }
  }

  @Test
  void aDealerWhoSendsAnUnusableShareCannotPushItsRecipientOut() {
    Fixture f = new Fixture("poll-framed", 5, dir);
    f.coordinator.start(f.pollId, 3);
    // dishonest member 2 sends member 4 garbage, then (its tool being honest otherwise) answers the
    // complaint truly:
    // member 4's complaint is then "false", yet member 4 is not excluded: it uses the published
    // share
    CommitteeTransport cheater = badShareTo(f, 2, 4);
    List<Progress> last = f.runCeremony(i -> i == 2 ? cheater : f.transport, 30);
    CeremonyState s = f.coordinator.view(f.pollId);
    assertEquals(Phase.DONE, s.phase(), last.toString());
    assertEquals(1, s.attempt());
    assertEquals(5, s.n());
    assertEquals(1, s.complaints().size());
    assertEquals(4, s.complaints().get(0).member());
    assertEquals(2, s.complaints().get(0).accused());
    assertTrue(CeremonyCoordinator.answerChecks(s, s.answer(2, 4).orElseThrow()));
    // member 4's secret share includes the published P_2(4) and matches its public share S_4
    var st4 = f.state(f.memberSlot(4));
    assertTrue(st4.done());
    assertEquals(s.publicShares().get(3), st4.ownPublicShare());
  }

  @Test
  void aTrueComplaintExcludesTheAccusedWhoseAnswerFailsTheCheck() {
    Fixture f = new Fixture("poll-true-complaint", 5, dir);
    f.coordinator.start(f.pollId, 3);
    MemberIdentity two = f.ids.get(1);
    // member 2 sends member 4 a bad share and, asked, publishes a share that is not P_2(4) either
    InMemoryTransport badShare = (InMemoryTransport) badShareTo(f, 2, 4);
    CommitteeTransport cheater =
        new InMemoryTransport(f.coordinator) {
          @Override
          public void shares(String pollId, SharesPost p) {
            badShare.shares(pollId, p);
          }

          @Override
          public void answer(String pollId, AnswerPost p) {
            Scalar wrong = p.share().add(Scalar.ONE);
            super.answer(
                pollId,
                new AnswerPost(
                    p.member(),
                    p.complainant(),
                    wrong,
                    two.sign(
                        Posts.answer(
                                ceremony(pollId).ceremonyId(), p.member(), p.complainant(), wrong)
                            .bytes())));
          }
        };
    List<Progress> last = f.runCeremony(i -> i == 2 ? cheater : f.transport, 30);
    CeremonyState s = f.coordinator.view(f.pollId);
    assertEquals(Phase.FAILED, s.phase(), last.toString());
    assertEquals(List.of(2), s.failure().accused());
    assertEquals(4, s.failure().complainant());
    assertTrue(s.failure().reason().contains("upheld"), s.failure().reason());
    assertFalse(CeremonyCoordinator.answerChecks(s, s.answer(2, 4).orElseThrow()));
    assertTrue(
        f.runCeremony().stream().allMatch(Progress::failed), "every member sees the failure");
    assertThrows(CommitteeException.class, () -> f.coordinator.result(f.pollId));
    // restart without the accused: 4 members, t = 3
    f.coordinator.restartWithout(f.pollId, Set.copyOf(s.failure().accused()));
    last = f.runCeremony();
    CeremonyState s2 = f.coordinator.view(f.pollId);
    assertEquals(Phase.DONE, s2.phase(), last.toString());
    assertEquals(2, s2.attempt());
    assertEquals(4, s2.n());
    assertEquals(List.of(2), s2.history().get(0).accused());
    assertTrue(s2.memberByKey(two.signingPublicKey()).isEmpty());
  }

  @Test
  void anAccusedWhoDoesNotAnswerInTimeIsExcludedNotTheWaitingComplainer() {
    Fixture f = new Fixture("poll-no-answer", 4, dir);
    f.coordinator.start(f.pollId, 2);
    InMemoryTransport badShare = (InMemoryTransport) badShareTo(f, 3, 1);
    CommitteeTransport silent =
        new InMemoryTransport(f.coordinator) {
          @Override
          public void shares(String pollId, SharesPost p) {
            badShare.shares(pollId, p);
          }

          @Override
          public void answer(String pollId, AnswerPost p) {
            // never answers
          }
        };
    for (int round = 0; round < 15; round++) {
      for (int i = 1; i <= 4; i++) {
        f.member(i, i == 3 ? silent : f.transport).step();
      }
    }
    CeremonyState s = f.coordinator.view(f.pollId);
    assertEquals(Phase.CONFIRM, s.phase(), "stuck: member 1 waits for the answer");
    assertEquals(1, s.unanswered().size());
    assertTrue(s.confirmation(1).isEmpty());
    CeremonyState failed = f.coordinator.abort(f.pollId, "no answer in time");
    assertEquals(List.of(3), failed.failure().accused(), failed.failure().reason());
    f.coordinator.restartWithout(f.pollId, Set.copyOf(failed.failure().accused()));
    List<Progress> last = f.runCeremony();
    assertEquals(Phase.DONE, f.coordinator.view(f.pollId).phase(), last.toString());
    assertEquals(3, f.coordinator.result(f.pollId).n());
  }

  @Test
  void aMemberWhoWithholdsItsSharesAndAccusesEveryoneCannotTakeThemOutWithIt() {
    Fixture f = new Fixture("poll-withhold-and-accuse", 4, dir);
    f.coordinator.start(f.pollId, 2);
    // member 4 commits and reveals, then never posts its shares (the phase stays SHARES) and
    // instead
    // complains about every honest member, who all posted theirs
    CommitteeTransport withholding =
        new InMemoryTransport(f.coordinator) {
          @Override
          public void shares(String pollId, SharesPost p) {
            // withheld
          }
        };
    for (int round = 0; round < 6; round++) {
      for (int i = 1; i <= 4; i++) {
        f.member(f.memberSlot(i), i == 4 ? withholding : f.transport).step();
      }
    }
    CeremonyState v = f.coordinator.view(f.pollId);
    assertEquals(Phase.SHARES, v.phase());
    MemberIdentity four = f.ids.get(f.memberSlot(4) - 1);
    for (int accused = 1; accused <= 3; accused++) {
      String reason = "share does not decrypt";
      f.coordinator.complain(
          f.pollId,
          new ComplaintPost(
              4,
              accused,
              reason,
              four.sign(Posts.complaint(v.ceremonyId(), 4, accused, reason).bytes())));
    }
    // the honest members' tools keep running while member 4 stalls: they answer in time
    for (int round = 0; round < 3; round++) {
      for (int i = 1; i <= 3; i++) {
        f.member(f.memberSlot(i), f.transport).step();
      }
    }
    CeremonyState failed = f.coordinator.abort(f.pollId, "member 4 posted no shares");
    assertEquals(
        List.of(4),
        failed.failure().accused(),
        "only the member that stalled is excluded: " + failed.failure().reason());
  }

  @Test
  void answersAreSignedByTheAccusedAndOnlyAnswerAComplaint() {
    Fixture f = new Fixture("poll-answer-checks", 3, dir);
    f.coordinator.start(f.pollId, 2);
    untilSharesAreIn(f, i -> f.transport);
    var g = f.coordinator.view(f.pollId).ceremonyId();
    Scalar share = Scalar.random(Fixture.RNG);
    // no complaint yet
    CommitteeException none =
        assertThrows(
            CommitteeException.class,
            () ->
                f.coordinator.answer(
                    f.pollId,
                    new AnswerPost(
                        1, 2, share, f.ids.get(0).sign(Posts.answer(g, 1, 2, share).bytes()))));
    assertEquals("no_complaint", none.code());
    String reason = "no share addressed to me";
    f.coordinator.complain(
        f.pollId,
        new ComplaintPost(
            2, 1, reason, f.ids.get(1).sign(Posts.complaint(g, 2, 1, reason).bytes())));
    // signed by someone else than the accused (the complainer itself, or a forged signature)
    assertEquals(
        403,
        assertThrows(
                CommitteeException.class,
                () ->
                    f.coordinator.answer(
                        f.pollId,
                        new AnswerPost(
                            1, 2, share, f.ids.get(1).sign(Posts.answer(g, 1, 2, share).bytes()))))
            .status());
    assertEquals(
        403,
        assertThrows(
                CommitteeException.class,
                () -> f.coordinator.answer(f.pollId, new AnswerPost(1, 2, share, new byte[64])))
            .status());
    assertTrue(f.coordinator.view(f.pollId).answers().isEmpty());
    assertEquals(Phase.CONFIRM, f.coordinator.view(f.pollId).phase());
  }
}
