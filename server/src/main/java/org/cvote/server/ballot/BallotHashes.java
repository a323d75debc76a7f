package org.cvote.server.ballot;

import org.cvote.server.protocol.H;

import java.util.ArrayList;
import java.util.List;

/** τ and B (PROTOCOL.md §6, §7). */
public final class BallotHashes {
    private BallotHashes() {}

    public static byte[] tau(byte[] preparedMessage) {
        return H.hash("cvote/v1/token", preparedMessage);
    }

    public static byte[] ballotHash(byte[] q, byte[] tau, DecodedBallot b) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(q);
        parts.add(tau);
        for (DecodedBallot.Row r : b.rows()) {
            for (DecodedBallot.Option o : r.options()) {
                parts.add(o.alpha());
                parts.add(o.beta());
            }
        }
        return H.hash("cvote/v1/ballot", parts.toArray(byte[][]::new));
    }
}
