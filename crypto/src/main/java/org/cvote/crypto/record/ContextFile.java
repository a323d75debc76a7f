package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/**
 * context.json: Q and its inputs (docs/protocol.md §3, §10); the commitments K_ij are in
 * committee.json.
 */
@JsonPropertyOrder({"manifestHash", "n", "t", "jointKey", "tokenKeyHash", "signingKeyHash", "Q"})
public record ContextFile(
    Digest manifestHash,
    int n,
    int t,
    Point jointKey,
    Digest tokenKeyHash,
    Digest signingKeyHash,
    @JsonProperty("Q") Digest q) {
  public ContextFile {
    Objects.requireNonNull(manifestHash, "manifestHash");
    Objects.requireNonNull(jointKey, "jointKey");
    Objects.requireNonNull(tokenKeyHash, "tokenKeyHash");
    Objects.requireNonNull(signingKeyHash, "signingKeyHash");
    Objects.requireNonNull(q, "Q");
  }

  @Override
  @JsonProperty("Q")
  public Digest q() {
    return q;
  }

  public static ContextFile of(Context c) {
    return new ContextFile(
        c.manifestHash(),
        c.n(),
        c.t(),
        c.jointKey(),
        c.tokenKeyHash(),
        c.signingKeyHash(),
        c.hash());
  }
}
