package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cvote.committee.ceremony.CeremonyMath;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.CommitPost;
import org.cvote.committee.ceremony.ConfirmPost;
import org.cvote.committee.ceremony.EncryptedShare;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Posts;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.ceremony.RevealPost;
import org.cvote.committee.ceremony.SharesPost;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.PublicKeys;
import org.cvote.committee.transport.CommitteeTransport;
import org.cvote.committee.transport.InMemoryTransport;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.SchnorrProof;
import org.cvote.crypto.threshold.Polynomial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeremonyAttackTest {
  @TempDir Path dir;

  /** A transport that lets a test rewrite what goes up or comes down. */
  static class Tampering extends InMemoryTransport {
    Tampering(InMemoryTransport base) {
      super(base.coordinator());
    }
  }

  @Test
  void aRelaySwappingAMembersCommitmentTowardOneMemberIsCaughtByTheTranscript() {
    Fixture f = new Fixture("poll-relay", 5, dir);
    f.coordinator.start(f.pollId, 3);
    // An equivocating member 1 (or a relay holding its key) shows member 3 another polynomial:
    // commit, reveal and the share to 3 are all validly signed, so member 3's own checks pass.
    MemberIdentity one = f.ids.get(0);
    Polynomial alt = Polynomial.random(3, Fixture.RNG);
    AtomicBoolean swapped = new AtomicBoolean();
    CommitteeTransport relayToward3 =
        new InMemoryTransport(f.coordinator) {
          @Override
          public CeremonyState ceremony(String pollId) {
            CeremonyState v = super.ceremony(pollId);
            Digest g = v.ceremonyId();
            List<Point> ks = alt.commitments();
            Digest ch = CeremonyMath.commitHash(g, 1, ks);
            // the relay rewrites what it forwards (the state's lists are read-only views: edit the
            // JSON it relays)
            CommitPost commit = new CommitPost(1, ch, one.sign(Posts.commit(g, 1, ch).bytes()));
            List<SchnorrProof> proofs = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
              proofs.add(SchnorrProof.prove(g, 1, j, alt.coefficient(j), Fixture.RNG));
            }
            RevealPost reveal =
                new RevealPost(1, ks, proofs, one.sign(Posts.reveal(g, 1, ks, proofs).bytes()));
            ObjectNode n = (ObjectNode) tree(v);
            swap(n, "commits", e -> e.get("member").asInt() == 1, commit);
            swap(n, "reveals", e -> e.get("member").asInt() == 1, reveal);
            if (v.share(1, 3).isPresent()) {
              byte[] ct =
                  PublicKeys.hpkeEncrypt(
                      v.members().get(2).hpkePublicKey(),
                      alt.evaluate(3).encode(),
                      CeremonyMath.shareInfo(g, 1, 3));
              swap(
                  n,
                  "shares",
                  e -> e.get("from").asInt() == 1 && e.get("to").asInt() == 3,
                  new EncryptedShare(1, 3, ct, one.sign(Posts.share(g, 1, 3, ct).bytes())));
              swapped.set(true);
            }
            return CeremonyState.fromJson(n.toString());
          }
        };
    List<Progress> last = f.runCeremony(i -> i == 3 ? relayToward3 : f.transport, 20);
    assertTrue(swapped.get());
    CeremonyState s = f.coordinator.view(f.pollId);
    assertEquals(Phase.FAILED, s.phase(), last.toString());
    assertTrue(
        s.failure().reason().contains("member 3")
            && s.failure().reason().contains("different ceremony transcript"),
        s.failure().reason());
    assertTrue(
        s.complaints().isEmpty(),
        "member 3's Feldman checks passed: only the transcript catches it");
    assertThrows(CommitteeException.class, () -> f.coordinator.result(f.pollId));
  }

  @Test
  void aMemberResumesAfterACrashBetweenAnyRounds() {
    Fixture f = new Fixture("poll-crash", 4, dir);
    f.coordinator.start(f.pollId, 3);
    // member 1 crashes right after saving its encrypted shares, before posting them
    AtomicBoolean crashed = new AtomicBoolean();
    CommitteeTransport crashing =
        new InMemoryTransport(f.coordinator) {
          @Override
          public void shares(String pollId, SharesPost p) {
            if (crashed.compareAndSet(false, true)) {
              throw new IllegalStateException("simulated crash");
            }
            super.shares(pollId, p);
          }
        };
    MemberState before = null;
    for (int round = 0; round < 20 && f.coordinator.view(f.pollId).phase() != Phase.DONE; round++) {
      for (int i = 1; i <= 4; i++) {
        try {
          // a fresh object each step: the process restarts between every round
          f.member(i, i == 1 ? crashing : f.transport).step();
        } catch (IllegalStateException e) {
          assertEquals("simulated crash", e.getMessage());
          before = f.state(1);
        }
      }
    }
    assertTrue(crashed.get());
    assertEquals(Phase.DONE, f.coordinator.view(f.pollId).phase());
    // the shares posted after the restart are exactly the ones saved before the crash
    for (EncryptedShare e : before.shares()) {
      assertTrue(f.coordinator.view(f.pollId).share(1, e.to()).orElseThrow().sameAs(e));
    }
    assertTrue(f.runCeremony().stream().allMatch(Progress::finished));
    for (int i = 1; i <= 4; i++) {
      assertTrue(f.state(i).done());
    }
  }

  @Test
  void everyUnsignedMisSignedOrForeignPostIsRejected() {
    Fixture f = new Fixture("poll-sigs", 3, dir);
    String poll = f.pollId;
    // registration with a bad self-signature
    Registration good = Registration.create(poll, MemberIdentity.generate("Người lạ"));
    Registration forged =
        new Registration(
            poll,
            "Người lạ",
            good.hpkePublicKey(),
            good.signingPublicKey(),
            good.hpkeKeyset(),
            good.signingKeyset(),
            null,
            new byte[64]);
    assertEquals(
        403,
        assertThrows(CommitteeException.class, () -> f.coordinator.register(poll, forged))
            .status());
    f.coordinator.start(poll, 2);
    Digest g = f.coordinator.view(poll).ceremonyId();
    Digest ch = Digest.sha256(new byte[] {1});
    MemberIdentity m1 = f.ids.get(0);
    MemberIdentity m2 = f.ids.get(1);
    MemberIdentity stranger = MemberIdentity.generate("Người ngoài");
    byte[] goodSig = m1.sign(Posts.commit(g, 1, ch).bytes());
    // unsigned (empty and zero signatures)
    assertCode(
        403, "bad_signature", () -> f.coordinator.commit(poll, new CommitPost(1, ch, new byte[0])));
    assertCode(
        403,
        "bad_signature",
        () -> f.coordinator.commit(poll, new CommitPost(1, ch, new byte[64])));
    // signed by another member, or by a non-member, for member 1's slot
    assertCode(
        403,
        "bad_signature",
        () ->
            f.coordinator.commit(
                poll, new CommitPost(1, ch, m2.sign(Posts.commit(g, 1, ch).bytes()))));
    assertCode(
        403,
        "bad_signature",
        () ->
            f.coordinator.commit(
                poll, new CommitPost(1, ch, stranger.sign(Posts.commit(g, 1, ch).bytes()))));
    // a signature over another message (replayed) or another ceremony
    assertCode(
        403,
        "bad_signature",
        () ->
            f.coordinator.commit(poll, new CommitPost(1, Digest.sha256(new byte[] {2}), goodSig)));
    assertCode(
        403,
        "bad_signature",
        () ->
            f.coordinator.commit(
                poll,
                new CommitPost(
                    1, ch, m1.sign(Posts.commit(Digest.sha256(new byte[0]), 1, ch).bytes()))));
    // a non-member index
    assertCode(
        403,
        "not_a_member",
        () ->
            f.coordinator.commit(
                poll, new CommitPost(4, ch, stranger.sign(Posts.commit(g, 4, ch).bytes()))));
    // the good one is accepted, and accepted again (idempotent), but not replaced
    f.coordinator.commit(poll, new CommitPost(1, ch, goodSig));
    f.coordinator.commit(poll, new CommitPost(1, ch, goodSig));
    Digest other = Digest.sha256(new byte[] {3});
    assertCode(
        409,
        "already_committed",
        () ->
            f.coordinator.commit(
                poll, new CommitPost(1, other, m1.sign(Posts.commit(g, 1, other).bytes()))));
    // no reveal before all commits
    Polynomial p = Polynomial.random(2, Fixture.RNG);
    List<SchnorrProof> proofs =
        List.of(
            SchnorrProof.prove(g, 1, 0, p.coefficient(0), Fixture.RNG),
            SchnorrProof.prove(g, 1, 1, p.coefficient(1), Fixture.RNG));
    RevealPost early =
        new RevealPost(
            1,
            p.commitments(),
            proofs,
            m1.sign(Posts.reveal(g, 1, p.commitments(), proofs).bytes()));
    assertCode(409, "wrong_phase", () -> f.coordinator.reveal(poll, early));
    // let everyone else commit for real, then member 1's reveal does not match its commit hash
    for (int i = 2; i <= 3; i++) {
      f.member(i, f.transport).step();
    }
    assertEquals(Phase.REVEAL, f.coordinator.view(poll).phase());
    assertCode(400, "bad_reveal", () -> f.coordinator.reveal(poll, early));
    // shares and confirmations are checked the same way
    assertCode(
        403,
        "bad_signature",
        () ->
            f.coordinator.confirm(
                poll, new ConfirmPost(2, ch, m1.sign(Posts.confirm(g, 2, ch).bytes()))));
    assertCode(
        403,
        "bad_signature",
        () ->
            f.coordinator.shares(
                poll,
                new SharesPost(
                    2,
                    List.of(
                        new EncryptedShare(2, 1, new byte[80], new byte[64]),
                        new EncryptedShare(2, 3, new byte[80], new byte[64])))));
    assertCode(403, "not_a_member", () -> f.coordinator.shares(poll, new SharesPost(7, List.of())));
  }

  private static void assertCode(
      int status, String code, org.junit.jupiter.api.function.Executable e) {
    CommitteeException ex = assertThrows(CommitteeException.class, e);
    assertEquals(status, ex.status(), ex.getMessage());
    assertEquals(code, ex.code(), ex.getMessage());
  }

  @Test
  void aStuckAttemptIsAbortedNamingTheAbsentAndRestartedWithoutThem() {
    Fixture f = new Fixture("poll-absent", 4, dir);
    f.coordinator.start(f.pollId, 2);
    for (int i = 1; i <= 3; i++) { // member 4 never runs its tool
      f.member(i, f.transport).step();
    }
    assertEquals(Phase.COMMIT, f.coordinator.view(f.pollId).phase());
    CeremonyState s = f.coordinator.abort(f.pollId, "member 4 did not come");
    assertEquals(Phase.FAILED, s.phase());
    assertEquals(List.of(4), s.failure().accused());
    f.coordinator.restartWithout(f.pollId, Set.copyOf(s.failure().accused()));
    List<Progress> last = f.runCeremony();
    assertEquals(Phase.DONE, f.coordinator.view(f.pollId).phase(), last.toString());
    assertEquals(3, f.coordinator.result(f.pollId).n());
  }

  /**
   * γ covers the members, not the attempt: a restart that drops nobody would repeat γ, and every
   * post of the failed attempt (commitments, shares, complaints, all public on the ceremony view)
   * would then be valid in the new one, for anyone to replay (docs/protocol.md §8.2: "a restart …
   * has a new γ"). So it is refused.
   */
  @Test
  void aRestartThatDropsNobodyIsRefusedSoTheFailedAttemptsPostsCannotBeReplayed() {
    Fixture f = new Fixture("poll-same-gamma", 4, dir);
    f.coordinator.start(f.pollId, 2);
    for (int i = 1; i <= 3; i++) {
      f.member(i, f.transport).step();
    }
    CeremonyState failed = f.coordinator.abort(f.pollId, "member 4 did not come");
    var gamma = failed.ceremonyId();
    assertCode(400, "nobody_excluded", () -> f.coordinator.restartWithout(f.pollId, Set.of(99)));
    assertCode(400, "nobody_excluded", () -> f.coordinator.restartWithout(f.pollId, Set.of()));
    assertEquals(Phase.FAILED, f.coordinator.view(f.pollId).phase());
    CeremonyState again = f.coordinator.restartWithout(f.pollId, Set.of(4));
    assertTrue(!again.ceremonyId().equals(gamma), "a restart has a new γ");
  }

  /** The JSON as the state's own mapper writes it (hex byte strings, no nulls). */
  private static JsonNode tree(Object o) {
    try {
      return CommitteeJson.mapper().readTree(CommitteeJson.mapper().writeValueAsString(o));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the entries of {@code n[list]} that match by {@code with}, as JSON. */
  private static void swap(
      ObjectNode n, String list, java.util.function.Predicate<JsonNode> which, Object with) {
    ArrayNode a = (ArrayNode) n.get(list);
    for (int i = 0; i < a.size(); i++) {
      if (which.test(a.get(i))) {
        a.set(i, tree(with));
      }
    }
  }
}
