package org.cvote.server.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The context of a poll as stored and served (context.json of docs/protocol.md §10, plus the
 * commitments K_ij per member), fixed when its ceremony completes. All hex.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"manifestHash", "n", "t", "jointKey", "tokenKeyHash", "signingKeyHash", "Q", "commitments"})
public record PollContext(String manifestHash, int n, int t, String jointKey, String tokenKeyHash,
                          String signingKeyHash, @JsonProperty("Q") String Q, List<List<String>> commitments) {}
