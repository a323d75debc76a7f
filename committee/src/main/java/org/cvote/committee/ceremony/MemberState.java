package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.SchnorrProof;

/**
 * A member's own ceremony state for one poll, saved (sealed by the member's {@link
 * org.cvote.committee.identity.Vault}) after every step so the tool resumes after a crash at any round.
 * Holds secrets (the polynomial, the secret share): never printed, never stored in clear.
 */
@JsonPropertyOrder({"pollId", "ceremonyId", "index", "n", "t", "coefficients", "commitments", "commitHash", "proofs",
        "shares", "complaint", "allCommitments", "secretShare", "jointKey", "publicShares", "transcript", "done",
        "decryptedCount", "decryptedHead",
        "confirmedT", "confirmedFingerprints"})
public final class MemberState {
    public String pollId;
    public Digest ceremonyId;
    public int index;
    public int n;
    public int t;
    /** a_i0 … a_i,t−1 (secret). */
    public List<Scalar> coefficients;
    public List<Point> commitments;
    public Digest commitHash;
    public List<SchnorrProof> proofs;
    /** The encrypted shares, saved before they are posted (HPKE is randomised: a resend must be identical). */
    public List<EncryptedShare> shares;
    public ComplaintPost complaint;
    /** Everyone's K_ij as this member checked them (for Q and the tally). */
    public List<List<Point>> allCommitments;
    /** s_ℓ (secret). */
    public Scalar secretShare;
    public Point jointKey;
    public List<Point> publicShares;
    public Digest transcript;
    /** True once the coordinator fixed the key and it matched this member's own computation. */
    public boolean done;
    /**
     * The closed board this member decrypted (the closing statement's N and T_N), saved before its partial decryption
     * is posted: the tool refuses any other board for this poll (docs/protocol.md §9.5). Null until then.
     */
    public Long decryptedCount;
    public Digest decryptedHead;
    /**
     * The approved list this member confirmed against the hall's before committing (docs/protocol.md §8.7): t and the
     * fingerprints in index order. The tool asks again before going on if the served list differs (a restart's new γ).
     */
    public int confirmedT;
    public List<String> confirmedFingerprints;

    public MemberState() {}

    public Point publicShare() {
        return publicShares == null ? null : publicShares.get(index - 1);
    }

    List<Scalar> coefficientsCopy() {
        return new ArrayList<>(coefficients);
    }

    @Override
    public String toString() {
        return "MemberState[poll " + pollId + ", member " + index + ", secrets redacted]";
    }
}
