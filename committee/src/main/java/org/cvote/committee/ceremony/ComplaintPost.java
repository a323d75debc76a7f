package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** Step 3: member {@code member} accuses member {@code accused} of an invalid share, signed. */
@JsonPropertyOrder({"member", "accused", "reason", "signature"})
public record ComplaintPost(int member, int accused, String reason, byte[] signature) {
  public ComplaintPost {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(signature, "signature");
  }
}
