package org.cvote.verifier.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Tink public keysets (JSON) whose key material must equal the raw 32-byte keys beside them (§13
 * "Keys").
 */
final class Keysets {
  static {
    try {
      SignatureConfig.register();
      HybridConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Keysets() {}

  private static Key onlyKey(ObjectNode keyset) throws GeneralSecurityException {
    KeysetHandle h = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(keyset.toString());
    if (h.size() != 1) {
      throw new GeneralSecurityException("keyset must hold exactly one key, holds " + h.size());
    }
    return h.getPrimary().getKey();
  }

  /**
   * Throws unless the keyset is one Ed25519 public key equal to {@code raw} (and RAW output when
   * asked).
   */
  static void checkEd25519(ObjectNode keyset, byte[] raw, boolean requireRaw)
      throws GeneralSecurityException {
    Key k = onlyKey(keyset);
    if (!(k instanceof Ed25519PublicKey e)) {
      throw new GeneralSecurityException(
          "keyset holds a " + k.getClass().getSimpleName() + ", not an Ed25519 public key");
    }
    if (!MessageDigest.isEqual(e.getPublicKeyBytes().toByteArray(), raw)) {
      throw new GeneralSecurityException("keyset's Ed25519 key differs from the raw key");
    }
    if (requireRaw && e.getParameters().getVariant() != Ed25519Parameters.Variant.NO_PREFIX) {
      throw new GeneralSecurityException(
          "keyset's output prefix must be RAW (plain RFC 8032 signatures)");
    }
  }

  /** Throws unless the keyset is one DHKEM-X25519 HPKE public key equal to {@code raw}. */
  static void checkHpkeX25519(ObjectNode keyset, byte[] raw) throws GeneralSecurityException {
    Key k = onlyKey(keyset);
    if (!(k instanceof HpkePublicKey h)) {
      throw new GeneralSecurityException(
          "keyset holds a " + k.getClass().getSimpleName() + ", not an HPKE public key");
    }
    if (h.getParameters().getKemId() != HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256) {
      throw new GeneralSecurityException("HPKE key must be DHKEM-X25519-HKDF-SHA256");
    }
    if (!MessageDigest.isEqual(h.getPublicKeyBytes().toByteArray(), raw)) {
      throw new GeneralSecurityException("keyset's HPKE key differs from the raw key");
    }
  }
}
