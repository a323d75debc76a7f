package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Objects;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.PublicKeys;

/**
 * {@code join}: a member offers its public keys for a poll, self-signed (proof of possession of the
 * Ed25519 key). The secretariat then approves the committee list (elected at the conference).
 */
@JsonPropertyOrder({"pollId", "name", "hpkePublicKey", "signingPublicKey", "hpkeKeyset", "signingKeyset", "fingerprint", "signature"})
public record Registration(String pollId, String name, byte[] hpkePublicKey, byte[] signingPublicKey,
                           JsonNode hpkeKeyset, JsonNode signingKeyset, String fingerprint, byte[] signature) {
    public Registration {
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
        Objects.requireNonNull(signingPublicKey, "signingPublicKey");
        Objects.requireNonNull(hpkeKeyset, "hpkeKeyset");
        Objects.requireNonNull(signingKeyset, "signingKeyset");
        Objects.requireNonNull(signature, "signature");
    }

    public static Registration create(String pollId, MemberIdentity id) {
        try {
            JsonNode hk = CommitteeJson.mapper().readTree(id.hpkePublicKeysetJson());
            JsonNode sk = CommitteeJson.mapper().readTree(id.signingPublicKeysetJson());
            byte[] sig = id.sign(Posts.join(pollId, id.name(), id.hpkePublicKey(), id.signingPublicKey()).bytes());
            return new Registration(pollId, id.name(), id.hpkePublicKey(), id.signingPublicKey(), hk, sk, id.fingerprint(), sig);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the self-signature and that the keysets carry the raw keys; throws IllegalArgumentException naming the defect. */
    public void check() {
        if (hpkePublicKey.length != PublicKeys.KEY_BYTES || signingPublicKey.length != PublicKeys.KEY_BYTES) {
            throw new IllegalArgumentException("public keys must be 32 bytes");
        }
        PublicKeys.checkMatches(hpkePublicKey, hpkeKeyset.toString(), signingPublicKey, signingKeyset.toString());
        if (!PublicKeys.verify(signingPublicKey, Posts.join(pollId, name, hpkePublicKey, signingPublicKey).bytes(), signature)) {
            throw new IllegalArgumentException("registration signature does not verify under its signing key");
        }
        if (fingerprint != null && !fingerprint.equals(PublicKeys.fingerprint(hpkePublicKey, signingPublicKey))) {
            throw new IllegalArgumentException("fingerprint does not match the keys");
        }
    }

    public Member asMember(int index) {
        return new Member(index, name, hpkePublicKey, signingPublicKey, hpkeKeyset, signingKeyset);
    }

    public boolean sameKeys(Registration o) {
        return Arrays.equals(o.signingPublicKey, signingPublicKey) && Arrays.equals(o.hpkePublicKey, hpkePublicKey);
    }
}
