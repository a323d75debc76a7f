package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.InMemoryCeremonyStore;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.server.CommitteeApi;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's side of docs/protocol.md §8.6–§8.7, over the in-memory store and the
 * framework-free API.
 */
class InvitationTest {
  final InMemoryCeremonyStore store = new InMemoryCeremonyStore();
  final CeremonyCoordinator coordinator = new CeremonyCoordinator(store);

  private static void refused(
      int status, String code, org.junit.jupiter.api.function.Executable e) {
    CommitteeException ex = assertThrows(CommitteeException.class, e);
    assertEquals(status, ex.status(), ex.getMessage());
    assertEquals(code, ex.code(), ex.getMessage());
  }

  @Test
  void onlyAnUnusedInvitationOfThePollRegistersAndTheStoredNameIsTheInvitations() throws Exception {
    String code = store.invite("p1", "Đỗ Thị Mai");
    String other = store.invite("p2", "Lý Văn Cường");
    MemberIdentity m = MemberIdentity.generate("do thi mai");
    CommitteeApi api = new CommitteeApi(coordinator, null, null);
    var none =
        api.handle(
            "POST",
            "p1",
            "committee/members",
            CommitteeJson.mapper().writeValueAsBytes(Registration.create("p1", m)));
    assertEquals(403, none.status());
    assertTrue(
        new String(none.body(), java.nio.charset.StandardCharsets.UTF_8)
            .contains("\"field\":\"invitation\""));
    refused(
        403,
        "invitation_other_poll",
        () -> coordinator.register("p1", Registration.create("p1", m, other)));
    refused(
        403,
        "invitation_unknown",
        () -> coordinator.register("p1", Registration.create("p1", m, "ZZZZ-ZZZZ")));
    assertTrue(store.load("p1").isEmpty(), "nothing stored");

    assertEquals(m.fingerprint(), coordinator.register("p1", Registration.create("p1", m, code)));
    assertEquals(
        m.fingerprint(),
        coordinator.register("p1", Registration.create("p1", m, code)),
        "a resend is answered the same");
    Registration stored = coordinator.view("p1").registrations().get(0);
    assertEquals(1, coordinator.view("p1").registrations().size());
    assertEquals("Đỗ Thị Mai", stored.displayName());
    assertEquals("do thi mai", stored.name());
    assertEquals(null, stored.invitation(), "the code is not kept");
    stored.check(); // the member's own signature still verifies
    assertEquals(
        "Đỗ Thị Mai",
        coordinator.start("p1", 1, List.of(m.signingPublicKey())).members().get(0).name());

    String p3 = store.invite("p3", "A");
    String p3b = store.invite("p3", "B");
    MemberIdentity a = MemberIdentity.generate("A");
    coordinator.register("p3", Registration.create("p3", a, p3));
    refused(
        403,
        "invitation_used",
        () ->
            coordinator.register(
                "p3", Registration.create("p3", MemberIdentity.generate("X"), p3)));
    // the same keys under another invitation: 409, and that invitation stays usable
    refused(409, "key_in_use", () -> coordinator.register("p3", Registration.create("p3", a, p3b)));
    MemberIdentity b = MemberIdentity.generate("B");
    assertEquals(b.fingerprint(), coordinator.register("p3", Registration.create("p3", b, p3b)));
    // approval: at least t, all registered
    refused(
        400,
        "too_few_members",
        () -> coordinator.start("p3", 3, List.of(a.signingPublicKey(), b.signingPublicKey())));
    refused(
        400,
        "not_registered",
        () -> coordinator.start("p3", 1, List.of(MemberIdentity.generate("Z").signingPublicKey())));
    assertEquals(
        2, coordinator.start("p3", 2, List.of(b.signingPublicKey(), a.signingPublicKey())).n());
  }
}
