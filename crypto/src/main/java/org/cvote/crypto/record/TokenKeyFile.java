package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * token-key.json: the poll's RSA token public key as SubjectPublicKeyInfo DER (docs/protocol.md §6,
 * §10).
 */
@JsonPropertyOrder({"spki", "scheme"})
public record TokenKeyFile(byte[] spki, String scheme) {
  public static final String SCHEME = "RSABSSA-SHA384-PSS-Randomized";

  public TokenKeyFile {
    Objects.requireNonNull(spki, "spki");
    Objects.requireNonNull(scheme, "scheme");
    spki = spki.clone();
  }

  public static TokenKeyFile of(byte[] spki) {
    return new TokenKeyFile(spki, SCHEME);
  }

  @Override
  public byte[] spki() {
    return spki.clone();
  }
}
