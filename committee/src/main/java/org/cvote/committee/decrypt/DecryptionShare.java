package org.cvote.committee.decrypt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.proof.DecryptionProof;

/** One partial decryption M_{ℓ,λ} = s_ℓ·α_λ with its proof: an item of decryption.json's "shares". */
@JsonPropertyOrder({"member", "label", "M", "proof"})
public record DecryptionShare(int member, String label, @JsonProperty("M") Point m, DecryptionProof proof) {
    public DecryptionShare {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(m, "M");
        Objects.requireNonNull(proof, "proof");
    }
}
