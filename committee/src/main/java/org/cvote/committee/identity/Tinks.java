package org.cvote.committee.identity;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;

/**
 * Tink set-up shared by the committee module: registration once, and the fixed HPKE suite of
 * docs/protocol.md §8.
 */
public final class Tinks {
  private static volatile boolean registered;

  /**
   * DHKEM-X25519 / HKDF-SHA256 / AES-256-GCM (Tink's {@code
   * DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM} suite) with the RAW output variant: the
   * ciphertext is the plain RFC 9180 {@code enc ‖ ct}, and the raw 32-byte X25519 key bound by γ is
   * all a sender needs.
   */
  public static final HpkeParameters HPKE;

  static {
    try {
      HPKE =
          HpkeParameters.builder()
              .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
              .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
              .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
              .setVariant(HpkeParameters.Variant.NO_PREFIX)
              .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Tinks() {}

  public static void init() {
    if (registered) {
      return;
    }
    synchronized (Tinks.class) {
      if (registered) {
        return;
      }
      try {
        AeadConfig.register();
        HybridConfig.register();
        SignatureConfig.register();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Tink could not register its primitives", e);
      }
      registered = true;
    }
  }
}
