package org.cvote.server.ballot;

import org.cvote.server.protocol.PollContext;

/**
 * Checks every range proof and row proof of a decoded ballot against Q, τ and its labels
 * (PROTOCOL.md §5). Returns null when all hold, else the JSON path of the first failing proof.
 * The crypto module's batch {@code BallotVerifier} plugs in here.
 */
public interface ProofVerifier {
    String firstInvalid(PollContext ctx, byte[] tau, DecodedBallot ballot);
}
