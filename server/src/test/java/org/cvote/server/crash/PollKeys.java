package org.cvote.server.crash;

import static org.cvote.server.support.Scenario.expect;

import com.fasterxml.jackson.databind.JsonNode;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.testkit.http.Api;

/**
 * What a voter and an auditor take from an open poll's public data: Q, K, the token key and the
 * receipt key.
 */
record PollKeys(
    String pollId, int subjects, Digest q, Point jointKey, byte[] tokenSpki, byte[] signingKey) {

  static PollKeys fetch(Api api, String pollId) {
    JsonNode p = expect(api.get("/api/polls/" + pollId, null), 200).json();
    JsonNode ctx = p.path("context");
    return new PollKeys(
        pollId,
        p.path("manifest").path("subjects").size(),
        Digest.fromHex(ctx.path("Q").asText()),
        Point.fromHex(ctx.path("jointKey").asText()),
        Hex.decodeOrNull(p.path("tokenKey").path("spki").asText()),
        Hex.decodeOrNull(p.path("signingKey").path("ed25519").asText()));
  }
}
