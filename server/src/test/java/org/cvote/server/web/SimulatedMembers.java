package org.cvote.server.web;

import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.InMemoryCeremonyStore;
import org.cvote.committee.server.SimulatedCommittee;
import org.cvote.server.CvoteApp;
import org.cvote.server.poll.CeremonyOutcome;

import java.util.List;

/**
 * The key ceremony for the browser tests: three simulated members (t = 2) run the committee
 * library's real dealerless ceremony ({@link SimulatedCommittee} against an in-memory
 * {@link CeremonyCoordinator}), and its outcome (n, t, commitments, K) is handed to the server's
 * {@code PollLifecycle.completeCeremony} directly — the server has no committee routes yet.
 */
final class SimulatedMembers {
    private SimulatedMembers() {}

    static CeremonyResult completeCeremony(CvoteApp app, String pollId) {
        CeremonyCoordinator coordinator = new CeremonyCoordinator(new InMemoryCeremonyStore());
        SimulatedCommittee.runCeremony(coordinator, pollId, List.of("Trưởng ban", "Thành viên 2", "Thành viên 3"), 2);
        CeremonyResult r = coordinator.result(pollId);
        app.lifecycle().completeCeremony("committee", pollId, new CeremonyOutcome(r.n(), r.t(), r.commitments(), r.jointKey()));
        return r;
    }
}
