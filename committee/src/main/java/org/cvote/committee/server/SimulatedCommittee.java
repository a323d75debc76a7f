package org.cvote.committee.server;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.InMemoryMemberStateStore;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.MemberList;
import org.cvote.committee.ceremony.MemberStateStore;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.transport.InMemoryTransport;

/**
 * Simulated committee members for the server's demo: real identities and the real member code, run
 * in-process against the coordinator (every message through its JSON form). Not for a real poll:
 * here one process holds every share.
 */
public final class SimulatedCommittee {
  private final CeremonyCoordinator coordinator;
  private final String pollId;
  private final InMemoryTransport transport;
  private final List<MemberIdentity> ids = new ArrayList<>();
  private final List<MemberStateStore> stores = new ArrayList<>();
  private final SecureRandom rng = new SecureRandom();

  private SimulatedCommittee(CeremonyCoordinator coordinator, String pollId) {
    this.coordinator = coordinator;
    this.pollId = pollId;
    this.transport = new InMemoryTransport(coordinator);
  }

  /**
   * Generates n members, registers each under the invitation {@code invite} issues for its name
   * (docs/protocol.md §8.6), starts the ceremony with threshold t and runs it to DONE.
   */
  public static SimulatedCommittee runCeremony(
      CeremonyCoordinator coordinator,
      String pollId,
      List<String> names,
      int t,
      java.util.function.Function<String, String> invite) {
    SimulatedCommittee c = new SimulatedCommittee(coordinator, pollId);
    for (String name : names) {
      MemberIdentity id = MemberIdentity.generate(name);
      c.ids.add(id);
      c.stores.add(new InMemoryMemberStateStore());
      coordinator.register(pollId, Registration.create(pollId, id, invite.apply(name)));
    }
    coordinator.start(pollId, t, c.ids.stream().map(MemberIdentity::signingPublicKey).toList());
    // each simulated member confirms the served list against the one it approved (docs/protocol.md
    // §8.7)
    ListConfirmation announced =
        ListConfirmation.exactly(
            new MemberList(t, c.ids.stream().map(MemberIdentity::fingerprint).toList()));
    for (int round = 0; round < 20; round++) {
      boolean all = true;
      for (int i = 0; i < c.ids.size(); i++) {
        Progress p =
            new MemberCeremony(c.ids.get(i), c.stores.get(i), c.transport, pollId, c.rng, announced)
                .step();
        if (p.failed()) {
          throw new IllegalStateException("simulated ceremony failed: " + p.message());
        }
        all &= p.finished();
      }
      if (all) {
        return c;
      }
    }
    CeremonyState s = coordinator.view(pollId);
    throw new IllegalStateException("simulated ceremony did not finish (phase " + s.phase() + ")");
  }

  public boolean done() {
    return coordinator.view(pollId).phase() == Phase.DONE;
  }

  /**
   * Member {@code index} (1-based) verifies the closed board and returns its partial decryption of
   * the totals. A simulated member "hears" the figures from the closing statement it was served, so
   * this checks everything but the comparison with the hall; it still decrypts one board per poll
   * only.
   */
  public PartialDecryption decrypt(int index, TallyInput input) throws BoardRejectedException {
    MemberDecryptor.Announced heard =
        input.closing() == null
            ? new MemberDecryptor.Announced(-1, "")
            : MemberDecryptor.Announced.of(input.closing());
    return MemberDecryptor.decryptOnce(ids.get(index - 1), stores.get(index - 1), input, heard, rng)
        .partial();
  }
}
