package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.proof.DecryptionProof;

/**
 * decryption.json: the decryption set U and every partial decryption M_{ℓ,λ} = s_ℓ·α_λ with its
 * Chaum–Pedersen proof (docs/protocol.md §9, §10). label = "s&lt;subject&gt;/o&lt;0|1|2&gt;".
 */
@JsonPropertyOrder({"members", "shares"})
public record DecryptionFile(List<Integer> members, List<Share> shares) {
  public DecryptionFile {
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(shares, "shares");
    members = List.copyOf(members);
    shares = List.copyOf(shares);
  }

  @JsonPropertyOrder({"member", "label", "M", "proof"})
  public record Share(int member, String label, @JsonProperty("M") Point m, DecryptionProof proof) {
    public Share {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(m, "M");
      Objects.requireNonNull(proof, "proof");
    }

    @Override
    @JsonProperty("M")
    public Point m() {
      return m;
    }
  }
}
