package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A member of one ceremony attempt: index 1..n, name, raw public keys and the Tink public keysets
 * (§10, §13).
 */
@JsonPropertyOrder({
  "index",
  "name",
  "hpkePublicKey",
  "signingPublicKey",
  "hpkeKeyset",
  "signingKeyset"
})
public record Member(
    int index,
    String name,
    byte[] hpkePublicKey,
    byte[] signingPublicKey,
    JsonNode hpkeKeyset,
    JsonNode signingKeyset) {
  public Member {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
    Objects.requireNonNull(signingPublicKey, "signingPublicKey");
    if (index < 1) {
      throw new IllegalArgumentException("member index must be ≥ 1");
    }
  }
}
