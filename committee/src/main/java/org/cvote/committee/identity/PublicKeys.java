package org.cvote.committee.identity;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.internal.HpkeEncrypt;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.crypto.tink.util.Bytes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Operations on a member's public keys as they travel in messages and committee.json: raw 32-byte
 * X25519 and Ed25519 keys, and Tink public keysets (JSON) whose key material must equal them (§13).
 */
public final class PublicKeys {
  public static final int KEY_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;

  private PublicKeys() {}

  /**
   * Plain RFC 8032 Ed25519 verification; false on any defect (wrong length, bad key, bad
   * signature).
   */
  public static boolean verify(byte[] ed25519PublicKey, byte[] message, byte[] signature) {
    if (ed25519PublicKey == null
        || ed25519PublicKey.length != KEY_BYTES
        || signature == null
        || signature.length != SIGNATURE_BYTES
        || message == null) {
      return false;
    }
    try {
      new Ed25519Verify(ed25519PublicKey).verify(signature, message);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** HPKE single-shot encryption to a raw X25519 key (RFC 9180 base mode, info = context info). */
  public static byte[] hpkeEncrypt(byte[] x25519PublicKey, byte[] plaintext, byte[] contextInfo) {
    if (x25519PublicKey == null || x25519PublicKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("HPKE public key must be 32 bytes (X25519)");
    }
    try {
      Tinks.init();
      HpkePublicKey pk = HpkePublicKey.create(Tinks.HPKE, Bytes.copyFrom(x25519PublicKey), null);
      return HpkeEncrypt.create(pk).encrypt(plaintext, contextInfo);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot encrypt to this HPKE key: " + e.getMessage(), e);
    }
  }

  /** The raw key of a Tink public HPKE keyset (JSON); rejects anything but one key of our suite. */
  public static byte[] hpkeKeyOf(String keysetJson) {
    try {
      Tinks.init();
      KeysetHandle h = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(keysetJson);
      if (h.size() != 1
          || !(h.getPrimary().getKey() instanceof HpkePublicKey k)
          || !k.getParameters().equals(Tinks.HPKE)) {
        throw new IllegalArgumentException(
            "hpkeKeyset must hold exactly one DHKEM-X25519/HKDF-SHA256/AES-256-GCM RAW public key");
      }
      return k.getPublicKeyBytes().toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "hpkeKeyset is not a Tink public keyset: " + e.getMessage(), e);
    }
  }

  /**
   * The raw key of a Tink public Ed25519 keyset (JSON); rejects anything but one RAW Ed25519 key.
   */
  public static byte[] signingKeyOf(String keysetJson) {
    try {
      Tinks.init();
      KeysetHandle h = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(keysetJson);
      if (h.size() != 1
          || !(h.getPrimary().getKey() instanceof Ed25519PublicKey k)
          || k.getOutputPrefix().size() != 0) {
        throw new IllegalArgumentException(
            "signingKeyset must hold exactly one Ed25519 public key with RAW output");
      }
      return k.getPublicKeyBytes().toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "signingKeyset is not a Tink public keyset: " + e.getMessage(), e);
    }
  }

  /** Checks the keysets carry exactly the raw keys beside them. */
  public static void checkMatches(
      byte[] hpkePublicKey, String hpkeKeyset, byte[] signingPublicKey, String signingKeyset) {
    if (!Arrays.equals(hpkeKeyOf(hpkeKeyset), hpkePublicKey)) {
      throw new IllegalArgumentException("hpkeKeyset does not hold hpkePublicKey");
    }
    if (!Arrays.equals(signingKeyOf(signingKeyset), signingPublicKey)) {
      throw new IllegalArgumentException("signingKeyset does not hold signingPublicKey");
    }
  }

  /**
   * The fingerprint read aloud at the conference: SHA-256(X25519 key ‖ Ed25519 key), first 16
   * bytes, as 8 groups of 4 hex digits ("3f2a-91c0-…").
   */
  public static String fingerprint(byte[] hpkePublicKey, byte[] signingPublicKey) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(hpkePublicKey);
      md.update(signingPublicKey);
      String hex = HexFormat.of().formatHex(md.digest(), 0, 16);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < hex.length(); i += 4) {
        if (i > 0) {
          sb.append('-');
        }
        sb.append(hex, i, i + 4);
      }
      return sb.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
