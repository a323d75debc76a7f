package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;

/** Step 5: member i's signed confirmation of the ceremony transcript hash it computed. */
@JsonPropertyOrder({"member", "transcript", "signature"})
public record ConfirmPost(int member, Digest transcript, byte[] signature) {
  public ConfirmPost {
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(signature, "signature");
  }
}
