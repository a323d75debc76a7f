package org.cvote.committee.decrypt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/** context.json (docs/protocol.md §10): Q and the inputs a member needs to recompute it. */
@JsonPropertyOrder({"manifestHash", "n", "t", "jointKey", "tokenKeyHash", "signingKeyHash", "Q"})
public record ContextInfo(Digest manifestHash, int n, int t, Point jointKey, Digest tokenKeyHash, Digest signingKeyHash,
                          @JsonProperty("Q") Digest q) {}
