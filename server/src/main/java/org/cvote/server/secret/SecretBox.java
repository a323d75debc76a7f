package org.cvote.server.secret;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * AEAD under the master keyset. The associated data names the row a ciphertext belongs to (e.g.
 * {@code token_key/<pollId>}), so a ciphertext moved to another row does not decrypt.
 */
public final class SecretBox {
  private final Aead aead;

  public SecretBox(Aead aead) {
    this.aead = aead;
  }

  public Aead aead() {
    return aead;
  }

  public byte[] seal(byte[] plaintext, String rowName) {
    try {
      return aead.encrypt(plaintext, ad(rowName));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public byte[] open(byte[] ciphertext, String rowName) {
    try {
      return aead.decrypt(ciphertext, ad(rowName));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "secret for " + rowName + " does not decrypt under the master key", e);
    }
  }

  public static byte[] ad(String rowName) {
    return ("cvote/v1/secret/" + rowName).getBytes(StandardCharsets.UTF_8);
  }
}
