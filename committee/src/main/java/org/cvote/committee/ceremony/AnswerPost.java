package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.cvote.crypto.group.Scalar;

/**
 * Step 3, the answer to a complaint (docs/protocol.md §8.8): the accused member {@code member} = i
 * publishes the disputed share P_i(ℓ) for the complainer {@code complainant} = ℓ in clear, signed.
 * Anyone checks it against i's commitments; the complainer uses it instead of the ciphertext it
 * could not use.
 */
@JsonPropertyOrder({"member", "complainant", "share", "signature"})
public record AnswerPost(int member, int complainant, Scalar share, byte[] signature) {
  public AnswerPost {
    Objects.requireNonNull(share, "share");
    Objects.requireNonNull(signature, "signature");
  }

  public boolean sameAs(AnswerPost o) {
    return o.member == member && o.complainant == complainant && o.share.equals(share);
  }
}
