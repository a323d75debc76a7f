package org.cvote.committee.decrypt;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** decryption.json (docs/protocol.md §10): the decryption set U and every M_{ℓ,λ} with its proof. */
@JsonPropertyOrder({"members", "shares"})
public record DecryptionRecord(List<Integer> members, List<DecryptionShare> shares) {
    public DecryptionRecord {
        members = List.copyOf(members);
        shares = List.copyOf(shares);
    }
}
