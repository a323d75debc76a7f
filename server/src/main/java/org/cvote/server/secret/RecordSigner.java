package org.cvote.server.secret;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import org.cvote.server.store.Tx;

/**
 * The server's Ed25519 record-signing key (Tink, RAW output: signatures are plain RFC 8032). Its
 * keyset is stored in {@code server_secret} encrypted under the master key; the raw public key and
 * the public keyset JSON are published in the record and in the poll's public data.
 */
public final class RecordSigner {
  private static final String NAME = "record-signing-key";

  static {
    try {
      SignatureConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final PublicKeySign signer;
  private final byte[] publicKey;
  private final String publicKeysetJson;

  private RecordSigner(KeysetHandle handle) throws GeneralSecurityException {
    // The record and receipts promise plain RFC 8032 signatures: a keyset with another key or a
    // Tink prefix
    // would sign bytes no auditor's Ed25519 accepts.
    if (handle.size() != 1
        || !(handle.getPrimary().getKey() instanceof Ed25519PrivateKey priv)
        || priv.getParameters().getVariant() != Ed25519Parameters.Variant.NO_PREFIX) {
      throw new GeneralSecurityException(
          "the record-signing keyset must hold one Ed25519 key with RAW output");
    }
    this.signer = handle.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    KeysetHandle pub = handle.getPublicKeysetHandle();
    this.publicKey =
        ((Ed25519PublicKey) pub.getPrimary().getKey()).getPublicKeyBytes().toByteArray();
    this.publicKeysetJson =
        TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(pub, RegistryConfiguration.get());
  }

  /** Loads the key, creating it on the first start. */
  public static RecordSigner loadOrCreate(Tx tx, SecretBox box) {
    byte[] ad = SecretBox.ad("server_secret/" + NAME);
    return tx.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT ciphertext FROM server_secret WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                String json = new String(rs.getBytes(1), StandardCharsets.UTF_8);
                KeysetHandle stored;
                try {
                  stored =
                      TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                          json, box.aead(), ad, RegistryConfiguration.get());
                } catch (GeneralSecurityException e) {
                  throw new IllegalStateException(
                      "record-signing key does not decrypt under the master key", e);
                }
                try {
                  return new RecordSigner(stored);
                } catch (GeneralSecurityException e) {
                  throw new IllegalStateException(
                      "the stored record-signing key cannot be used: " + e.getMessage(), e);
                }
              }
            }
          }
          try {
            KeysetHandle handle =
                KeysetHandle.generateNew(
                    PredefinedSignatureParameters.ED25519WithRawOutput,
                    RegistryConfiguration.get());
            String enc =
                TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                    handle, box.aead(), ad, RegistryConfiguration.get());
            RecordSigner signer = new RecordSigner(handle);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO server_secret (name, ciphertext, public_info, created_at) VALUES (?, ?, ?, ?)")) {
              ps.setString(1, NAME);
              ps.setBytes(2, enc.getBytes(StandardCharsets.UTF_8));
              ps.setString(3, signer.publicKeysetJson);
              ps.setTimestamp(4, Timestamp.from(Instant.now()));
              ps.executeUpdate();
            }
            return signer;
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create record-signing key", e);
          }
        });
  }

  public byte[] sign(byte[] data) {
    try {
      return signer.sign(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** The raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Tink JSON keyset holding the public key only. */
  public String publicKeysetJson() {
    return publicKeysetJson;
  }
}
