package org.cvote.server.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The context of a poll, fixed when its ceremony completes (PROTOCOL.md §3): the inputs of Q
 * and Q itself, all hex. Stored as JSON on the poll row and served to booths and auditors.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PollContext(String manifestHash, int n, int t, List<String> commitments, String jointKey,
                          String tokenKeyHash, String signingKeyHash, @JsonProperty("Q") String Q) {}
