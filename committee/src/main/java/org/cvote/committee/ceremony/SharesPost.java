package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/** Step 2: all of member i's encrypted shares, one per other member, each signed on its own. */
@JsonPropertyOrder({"member", "shares"})
public record SharesPost(int member, List<EncryptedShare> shares) {
  public SharesPost {
    Objects.requireNonNull(shares, "shares");
    shares = List.copyOf(shares);
  }
}
