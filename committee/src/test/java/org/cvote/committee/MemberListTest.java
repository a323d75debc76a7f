package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.Member;
import org.cvote.committee.ceremony.MemberList;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.transport.InMemoryTransport;
import org.cvote.crypto.hash.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/protocol.md §8.7: the server's operator picks the committee unless each member's tool
 * confirms the approved list (names, fingerprints, order, t) against the one announced in the hall
 * before committing. Here the server is the attacker.
 */
class MemberListTest {
  @TempDir Path dir;

  private static List<String> fps(Fixture f, int... slots) {
    List<String> out = new ArrayList<>();
    for (int s : slots) {
      out.add(f.ids.get(s - 1).fingerprint());
    }
    return out;
  }

  private static List<byte[]> keys(List<MemberIdentity> ids) {
    return ids.stream().map(MemberIdentity::signingPublicKey).toList();
  }

  private static CommitteeException refusedAt(Fixture f, int slot, MemberList announced) {
    return assertThrows(
        CommitteeException.class,
        () -> f.member(slot, f.transport, ListConfirmation.exactly(announced)).step());
  }

  private static void nothingPosted(Fixture f, int slot) {
    assertTrue(f.coordinator.view(f.pollId).commits().isEmpty(), "no commitment posted");
    assertTrue(
        f.stores.get(slot - 1).load(f.pollId).isEmpty(), "no ceremony state (no polynomial) kept");
  }

  @Test
  void aMemberTheServerApprovedOnItsOwnIsNamedAndNothingIsCommitted() {
    Fixture f = new Fixture("poll-extra", 3, dir);
    // the operator registers a key of its own, under an invitation it created itself, and approves
    // it with the ticked three
    MemberIdentity op = MemberIdentity.generate("Người của nhà điều hành");
    f.transport.register(
        f.pollId, Registration.create(f.pollId, op, f.store.invite(f.pollId, "Cán bộ Văn phòng")));
    List<MemberIdentity> served = new ArrayList<>(f.ids);
    served.add(op);
    f.coordinator.start(f.pollId, 2, keys(served));
    MemberList announced = new MemberList(2, fps(f, 1, 2, 3));
    for (int slot = 1; slot <= 3; slot++) {
      CommitteeException e = refusedAt(f, slot, announced);
      assertEquals("member_list_refused", e.code());
      assertTrue(
          e.getMessage().contains("unexpected member 4 (Cán bộ Văn phòng): " + op.fingerprint()),
          e.getMessage());
      nothingPosted(f, slot);
    }
  }

  @Test
  void aMissingMemberAnotherOrderOrAnotherThresholdIsRefused() {
    Fixture f = new Fixture("poll-order", 4, dir);
    // the server swaps members 1 and 2 (indices, hence shares, change) and drops member 4
    f.coordinator.start(f.pollId, 2, keys(List.of(f.ids.get(1), f.ids.get(0), f.ids.get(2))));
    CommitteeException missing = refusedAt(f, 1, new MemberList(2, fps(f, 1, 2, 3, 4)));
    assertTrue(
        missing.getMessage().contains("missing member: " + f.ids.get(3).fingerprint()),
        missing.getMessage());
    CommitteeException order = refusedAt(f, 1, new MemberList(2, fps(f, 1, 2, 3)));
    assertTrue(order.getMessage().contains("the order differs"), order.getMessage());
    CommitteeException t = refusedAt(f, 3, new MemberList(3, fps(f, 2, 1, 3)));
    assertTrue(t.getMessage().contains("t differs: served 2, announced 3"), t.getMessage());
    nothingPosted(f, 1);
    nothingPosted(f, 3);
    // a member the server left out is told so, and posts nothing
    CommitteeException out =
        assertThrows(
            CommitteeException.class,
            () ->
                f.member(
                        4,
                        f.transport,
                        ListConfirmation.exactly(new MemberList(2, fps(f, 1, 2, 3, 4))))
                    .step());
    assertEquals("not_a_member", out.code());
    nothingPosted(f, 4);
  }

  @Test
  void theAnnouncedListProceedsAndIsKeptInTheSealedState() {
    Fixture f = new Fixture("poll-right", 3, dir);
    f.coordinator.start(f.pollId, 2, keys(f.ids));
    MemberList announced = new MemberList(2, fps(f, 1, 2, 3));
    ListConfirmation exactly = ListConfirmation.exactly(announced);
    for (int round = 0; round < 20 && f.coordinator.view(f.pollId).phase() != Phase.DONE; round++) {
      for (int slot = 1; slot <= 3; slot++) {
        Progress p = f.member(slot, f.transport, exactly).step();
        assertTrue(!p.failed(), p.message());
      }
    }
    assertEquals(Phase.DONE, f.coordinator.view(f.pollId).phase());
    for (int slot = 1; slot <= 3; slot++) {
      assertTrue(f.member(slot, f.transport, exactly).step().finished());
      assertEquals(announced.fingerprints(), f.state(slot).confirmedFingerprints());
      assertEquals(2, f.state(slot).confirmedT());
    }
  }

  @Test
  void onceConfirmedTheToolGoesOnWithoutAskingAndAsksAgainAfterARestart() {
    Fixture f = new Fixture("poll-restart", 3, dir);
    f.coordinator.start(f.pollId, 2, keys(f.ids));
    MemberList first = new MemberList(2, fps(f, 1, 2, 3));
    f.member(1, f.transport, ListConfirmation.exactly(first)).step(); // confirms and commits
    assertEquals(1, f.coordinator.view(f.pollId).commits().size());
    ListConfirmation never =
        (served, list) -> {
          throw new AssertionError("asked again for the list it confirmed");
        };
    f.member(1, f.transport, never).step(); // resumes: the confirmed list is in its sealed state
    // member 3 never shows up; the secretariat restarts without it (a new γ, a new list): the tool
    // asks again
    f.coordinator.abort(f.pollId, "member 3 is absent");
    f.coordinator.restartWithout(f.pollId, Set.of(3));
    CommitteeException stale = refusedAt(f, 1, first);
    assertTrue(
        stale.getMessage().contains("missing member: " + f.ids.get(2).fingerprint()),
        stale.getMessage());
    assertTrue(
        f.coordinator.view(f.pollId).commits().isEmpty(), "nothing posted in the new attempt");
    MemberList second = new MemberList(2, fps(f, 1, 2));
    f.member(1, f.transport, ListConfirmation.exactly(second)).step();
    assertEquals(second.fingerprints(), f.state(1).confirmedFingerprints());
    assertEquals(1, f.coordinator.view(f.pollId).commits().size());
  }

  @Test
  void aServedListThatIsNotTheOneGammaBindsIsRefused() {
    Fixture f = new Fixture("poll-gamma", 3, dir);
    MemberIdentity op = MemberIdentity.generate("Người lạ");
    f.coordinator.start(f.pollId, 2, keys(f.ids));
    // the server shows member 1 the announced list but keeps a γ computed over another (its own key
    // in place of member 3)
    InMemoryTransport lying =
        new InMemoryTransport(f.coordinator) {
          @Override
          public CeremonyState ceremony(String pollId) {
            CeremonyState v = super.ceremony(pollId);
            Member m3 = v.members().get(2);
            Digest forged =
                org.cvote.committee.ceremony.CeremonyMath.ceremonyId(
                    pollId,
                    v.t(),
                    List.of(
                        v.members().get(0),
                        v.members().get(1),
                        new Member(
                            3,
                            m3.name(),
                            op.hpkePublicKey(),
                            op.signingPublicKey(),
                            m3.hpkeKeyset(),
                            m3.signingKeyset())));
            return CeremonyState.fromJson(
                v.toJson().replace(v.ceremonyId().toHex(), forged.toHex()));
          }
        };
    CommitteeException e =
        assertThrows(
            CommitteeException.class,
            () ->
                f.member(1, lying, ListConfirmation.exactly(new MemberList(2, fps(f, 1, 2, 3))))
                    .step());
    assertEquals("bad_board", e.code());
    nothingPosted(f, 1);
  }

  @Test
  void aServedListGivingThisMemberAnotherHpkeKeyIsRefusedEvenWhenConfirmed() {
    Fixture f = new Fixture("poll-own-key", 3, dir);
    MemberIdentity op = MemberIdentity.generate("Nhà điều hành");
    f.coordinator.start(f.pollId, 2, keys(f.ids));
    // the server keeps member 1's signing key but serves its own X25519 key, γ recomputed: the
    // others' shares to
    // member 1 would be sealed to the server
    java.util.HexFormat hex = java.util.HexFormat.of();
    InMemoryTransport lying =
        new InMemoryTransport(f.coordinator) {
          @Override
          public CeremonyState ceremony(String pollId) {
            CeremonyState v = super.ceremony(pollId);
            Member m1 = v.members().get(0);
            Digest forged =
                org.cvote.committee.ceremony.CeremonyMath.ceremonyId(
                    pollId,
                    v.t(),
                    List.of(
                        new Member(
                            1,
                            m1.name(),
                            op.hpkePublicKey(),
                            m1.signingPublicKey(),
                            m1.hpkeKeyset(),
                            m1.signingKeyset()),
                        v.members().get(1),
                        v.members().get(2)));
            return CeremonyState.fromJson(
                v.toJson()
                    .replace(v.ceremonyId().toHex(), forged.toHex())
                    .replace(hex.formatHex(m1.hpkePublicKey()), hex.formatHex(op.hpkePublicKey())));
          }
        };
    List<String> served = new ArrayList<>(fps(f, 1, 2, 3));
    served.set(
        0,
        org.cvote.committee.identity.PublicKeys.fingerprint(
            op.hpkePublicKey(), f.ids.get(0).signingPublicKey()));
    CommitteeException e =
        assertThrows(
            CommitteeException.class,
            () -> f.member(1, lying, ListConfirmation.exactly(new MemberList(2, served))).step());
    assertEquals("not_a_member", e.code(), e.getMessage());
    nothingPosted(f, 1);
  }

  @Test
  void theExpectedListIsParsedStrictly() {
    Fixture f = new Fixture("poll-parse", 2, dir);
    String a = f.ids.get(0).fingerprint();
    String b = f.ids.get(1).fingerprint();
    assertEquals(
        List.of(a, b), MemberList.parse(" " + a.toUpperCase() + " ," + b, 2).fingerprints());
    assertThrows(
        IllegalArgumentException.class, () -> MemberList.parse(a + "," + b.substring(1), 2));
    assertThrows(IllegalArgumentException.class, () -> MemberList.parse(a + "," + a, 2));
    assertThrows(IllegalArgumentException.class, () -> MemberList.parse(a + "," + b, 0));
  }
}
