package org.cvote.committee.decrypt;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.cvote.crypto.record.PartialSignature;

/**
 * decryption.json (docs/protocol.md §10): the decryption set U and every M_{ℓ,λ} with its proof; from record version 2
 * also each member of U's signature over its partial decryption of the closed board ({@code partials}; null in a
 * tally stored before version 2).
 */
@JsonPropertyOrder({"members", "shares", "partials"})
public record DecryptionRecord(List<Integer> members, List<DecryptionShare> shares, List<PartialSignature> partials) {
    public DecryptionRecord {
        members = List.copyOf(members);
        shares = List.copyOf(shares);
        partials = partials == null ? null : List.copyOf(partials);
    }
}
