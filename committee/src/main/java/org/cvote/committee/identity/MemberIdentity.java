package org.cvote.committee.identity;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.internal.HpkeDecrypt;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A committee member's long-term identity: a Tink HPKE key pair
 * (DHKEM-X25519/HKDF-SHA256/AES-256-GCM) to receive ceremony shares, and a Tink Ed25519 key (RAW
 * output) that signs every post. Holds secrets: never printed, never serialised except encrypted by
 * {@link IdentityFile}.
 */
public final class MemberIdentity {
  private final String name;
  private final KeysetHandle hpke;
  private final KeysetHandle signing;
  private final PublicKeySign signer;
  private final byte[] hpkePublicKey;
  private final byte[] signingPublicKey;

  MemberIdentity(String name, KeysetHandle hpke, KeysetHandle signing)
      throws GeneralSecurityException {
    this.name = Objects.requireNonNull(name, "name");
    Tinks.init();
    if (hpke.size() != 1
        || !(hpke.getPrimary().getKey() instanceof HpkePrivateKey hk)
        || !hk.getParameters().equals(Tinks.HPKE)) {
      throw new GeneralSecurityException(
          "the HPKE keyset must hold one DHKEM-X25519/HKDF-SHA256/AES-256-GCM RAW private key");
    }
    if (signing.size() != 1
        || !(signing.getPrimary().getKey() instanceof Ed25519PrivateKey sk)
        || sk.getOutputPrefix().size() != 0) {
      throw new GeneralSecurityException(
          "the signing keyset must hold one Ed25519 private key with RAW output");
    }
    this.hpke = hpke;
    this.signing = signing;
    this.signer = signing.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    this.hpkePublicKey = hk.getPublicKey().getPublicKeyBytes().toByteArray();
    this.signingPublicKey = sk.getPublicKey().getPublicKeyBytes().toByteArray();
  }

  /**
   * The identity of raw key bytes (the portable file of {@link PortableIdentity}): a 32-byte X25519
   * private key and a 32-byte Ed25519 seed (RFC 8032), wrapped into the same Tink keysets a
   * generated identity has.
   */
  static MemberIdentity fromRaw(String name, byte[] x25519Private, byte[] ed25519Seed)
      throws GeneralSecurityException {
    if (x25519Private == null
        || x25519Private.length != 32
        || ed25519Seed == null
        || ed25519Seed.length != 32) {
      throw new GeneralSecurityException(
          "the X25519 private key and the Ed25519 seed must be 32 bytes each");
    }
    Tinks.init();
    byte[] xPub =
        new org.bouncycastle.crypto.params.X25519PrivateKeyParameters(x25519Private, 0)
            .generatePublicKey()
            .getEncoded();
    byte[] edPub =
        new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(ed25519Seed, 0)
            .generatePublicKey()
            .getEncoded();
    HpkePrivateKey hk =
        HpkePrivateKey.create(
            HpkePublicKey.create(
                Tinks.HPKE, com.google.crypto.tink.util.Bytes.copyFrom(xPub), null),
            com.google.crypto.tink.util.SecretBytes.copyFrom(
                x25519Private, InsecureSecretKeyAccess.get()));
    Ed25519PrivateKey sk =
        Ed25519PrivateKey.create(
            Ed25519PublicKey.create(com.google.crypto.tink.util.Bytes.copyFrom(edPub)),
            com.google.crypto.tink.util.SecretBytes.copyFrom(
                ed25519Seed, InsecureSecretKeyAccess.get()));
    return new MemberIdentity(
        name,
        KeysetHandle.newBuilder()
            .addEntry(KeysetHandle.importKey(hk).withRandomId().makePrimary())
            .build(),
        KeysetHandle.newBuilder()
            .addEntry(KeysetHandle.importKey(sk).withRandomId().makePrimary())
            .build());
  }

  /** A fresh identity. */
  public static MemberIdentity generate(String name) {
    Tinks.init();
    try {
      return new MemberIdentity(
          name,
          KeysetHandle.generateNew(Tinks.HPKE),
          KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519WithRawOutput));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key generation failed", e);
    }
  }

  public String name() {
    return name;
  }

  KeysetHandle hpkeKeyset() {
    return hpke;
  }

  KeysetHandle signingKeyset() {
    return signing;
  }

  /** Raw 32-byte X25519 public key. */
  public byte[] hpkePublicKey() {
    return hpkePublicKey.clone();
  }

  /** Raw 32-byte Ed25519 public key. */
  public byte[] signingPublicKey() {
    return signingPublicKey.clone();
  }

  /** Tink JSON public keyset of the HPKE key (no secret). */
  public String hpkePublicKeysetJson() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(hpke.getPublicKeysetHandle());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tink JSON public keyset of the Ed25519 key (no secret). */
  public String signingPublicKeysetJson() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(
          signing.getPublicKeysetHandle());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String fingerprint() {
    return PublicKeys.fingerprint(hpkePublicKey, signingPublicKey);
  }

  /** Plain 64-byte Ed25519 signature. */
  public byte[] sign(byte[] message) {
    try {
      return signer.sign(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** HPKE decryption of a share addressed to this member. */
  public byte[] decrypt(byte[] ciphertext, byte[] contextInfo) throws GeneralSecurityException {
    return HpkeDecrypt.create((HpkePrivateKey) hpke.getPrimary().getKey())
        .decrypt(ciphertext, contextInfo);
  }

  /** For tests that search files for leaked key material: the raw private keys. */
  byte[][] privateKeyMaterial() {
    HpkePrivateKey hk = (HpkePrivateKey) hpke.getPrimary().getKey();
    Ed25519PrivateKey sk = (Ed25519PrivateKey) signing.getPrimary().getKey();
    return new byte[][] {
      hk.getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get()),
      sk.getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get())
    };
  }

  @Override
  public String toString() {
    return "MemberIdentity[" + name + ", " + fingerprint() + ", private keys redacted]";
  }
}
