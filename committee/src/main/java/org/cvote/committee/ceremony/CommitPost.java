package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;

/** Step 0: member i's commitment H("cvote/v1/commit", γ, i, K_i0, …, K_i,t−1), signed. */
@JsonPropertyOrder({"member", "commitHash", "signature"})
public record CommitPost(int member, Digest commitHash, byte[] signature) {
  public CommitPost {
    Objects.requireNonNull(commitHash, "commitHash");
    Objects.requireNonNull(signature, "signature");
  }

  public boolean sameAs(CommitPost o) {
    return o.member == member && o.commitHash.equals(commitHash);
  }
}
