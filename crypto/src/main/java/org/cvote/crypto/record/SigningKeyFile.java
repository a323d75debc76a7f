package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * signing-key.json: the server's record-signing key, as the raw 32-byte Ed25519 public key and as a
 * Tink public keyset (JSON, output prefix RAW) carrying the same key (docs/protocol.md §10). Bound
 * through Q.
 */
@JsonPropertyOrder({"ed25519", "keyset"})
public record SigningKeyFile(byte[] ed25519, ObjectNode keyset) {
  public SigningKeyFile {
    Objects.requireNonNull(ed25519, "ed25519");
    Objects.requireNonNull(keyset, "keyset");
    ed25519 = ed25519.clone();
  }

  @Override
  public byte[] ed25519() {
    return ed25519.clone();
  }
}
