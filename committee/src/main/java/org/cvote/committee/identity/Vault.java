package org.cvote.committee.identity;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The member's passphrase-derived AEAD (Argon2id → 32-byte key → Tink AES-256-GCM): the
 * key-encryption key of the identity keysets and of every piece of ceremony state (polynomial,
 * secret share). Each sealed blob is bound to its purpose through the associated data.
 */
public final class Vault {
  private final Aead aead;

  private Vault(Aead aead) {
    this.aead = aead;
  }

  /** Derives the key from the passphrase (slow on purpose: Argon2id). */
  public static Vault unlock(char[] passphrase, KdfParams params) {
    byte[] key = params.derive(passphrase);
    try {
      return ofKey(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The vault of an already derived 32-byte key (the portable file derives it once for both uses).
   */
  static Vault ofKey(byte[] key) {
    try {
      AesGcmParameters p =
          AesGcmParameters.builder()
              .setKeySizeBytes(32)
              .setIvSizeBytes(12)
              .setTagSizeBytes(16)
              .setVariant(AesGcmParameters.Variant.NO_PREFIX)
              .build();
      AesGcmKey k =
          AesGcmKey.builder()
              .setParameters(p)
              .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
              .build();
      return new Vault(AesGcmJce.create(k));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM unavailable", e);
    }
  }

  Aead aead() {
    return aead;
  }

  public byte[] seal(byte[] plaintext, String purpose) {
    try {
      return aead.encrypt(plaintext, ad(purpose));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /**
   * Opens a sealed blob; a wrong passphrase or a tampered file is a {@link
   * WrongPassphraseException}.
   */
  public byte[] open(byte[] sealed, String purpose) throws WrongPassphraseException {
    try {
      return aead.decrypt(sealed, ad(purpose));
    } catch (GeneralSecurityException e) {
      throw new WrongPassphraseException(
          "cannot decrypt "
              + purpose
              + ": wrong passphrase, or the file was altered or belongs to another identity");
    }
  }

  private static byte[] ad(String purpose) {
    return ("cvote/v1/vault/" + Objects.requireNonNull(purpose, "purpose"))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Vault[redacted]";
  }
}
