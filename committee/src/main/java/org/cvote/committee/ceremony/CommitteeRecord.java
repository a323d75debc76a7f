package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.SchnorrProof;

/**
 * committee.json of the published record (docs/protocol.md §10): per member its public keys, commit hash,
 * commitments, Schnorr proofs and public share. n, t, K and the transcript hash are extra fields.
 */
@JsonPropertyOrder({"ceremonyId", "n", "t", "jointKey", "transcript", "members"})
public record CommitteeRecord(Digest ceremonyId, int n, int t, Point jointKey, Digest transcript, List<Entry> members) {
    @JsonPropertyOrder({"index", "name", "hpkePublicKey", "signingPublicKey", "hpkeKeyset", "signingKeyset",
            "commitHash", "commitments", "proofs", "publicShare"})
    public record Entry(int index, String name, byte[] hpkePublicKey, byte[] signingPublicKey, JsonNode hpkeKeyset,
                        JsonNode signingKeyset, Digest commitHash, List<Point> commitments, List<SchnorrProof> proofs,
                        Point publicShare) {}

    static CommitteeRecord of(CeremonyState s) {
        if (s.phase != Phase.DONE) {
            throw new IllegalStateException("the ceremony is not finished");
        }
        List<Entry> out = new ArrayList<>();
        for (Member m : s.members) {
            RevealPost r = s.reveal(m.index()).orElseThrow();
            out.add(new Entry(m.index(), m.name(), m.hpkePublicKey(), m.signingPublicKey(), m.hpkeKeyset(), m.signingKeyset(),
                    s.commit(m.index()).orElseThrow().commitHash(), r.commitments(), r.proofs(),
                    s.publicShares.get(m.index() - 1)));
        }
        return new CommitteeRecord(s.ceremonyId, s.n, s.t, s.jointKey, s.transcript, out);
    }
}
