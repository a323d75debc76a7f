package org.cvote.crypto.token;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.cvote.crypto.encoding.Bytes;

/**
 * RFC 9474 Verify: a finalized blind signature is a standard RSASSA-PSS signature (SHA-384,
 * MGF1-SHA-384, the variant's salt length) over the <em>prepared</em> message.
 */
public final class BlindRsaVerifier {
  private final BlindRsaVariant variant;
  private final RSAKeyParameters key;
  private final int modulusLength;

  private BlindRsaVerifier(BlindRsaVariant variant, RSAKeyParameters key) {
    this.variant = variant;
    this.key = key;
    this.modulusLength = RsaKeys.modulusLength(key.getModulus());
  }

  /** A verifier for {@code variant} under {@code publicKey} (odd modulus of 2048..16384 bits). */
  public static BlindRsaVerifier create(BlindRsaVariant variant, RSAPublicKey publicKey) {
    if (variant == null) {
      throw new IllegalArgumentException("variant must not be null");
    }
    return new BlindRsaVerifier(variant, RsaKeys.publicParams(publicKey));
  }

  public BlindRsaVariant variant() {
    return variant;
  }

  /** modulus_len: the exact length every signature must have. */
  public int modulusLength() {
    return modulusLength;
  }

  /**
   * Whether {@code signature} is valid for {@code preparedMessage}. A signature whose length is not
   * exactly modulus_len is rejected up front: BC's PSSSigner would left-pad a short one, which
   * would make one signature valid under several encodings.
   */
  public boolean verify(byte[] preparedMessage, byte[] signature) {
    if (preparedMessage == null) {
      throw new IllegalArgumentException("prepared message must not be null");
    }
    if (signature == null) {
      throw new IllegalArgumentException("signature must not be null");
    }
    if (signature.length != modulusLength) {
      return false;
    }
    // RSAVP1 requires s < n (RFC 8017 §5.2.2); check it rather than rely on the engine's reaction.
    if (Bytes.os2ip(signature).compareTo(key.getModulus()) >= 0) {
      return false;
    }
    PSSSigner pss =
        new PSSSigner(
            new RSAEngine(),
            new SHA384Digest(),
            new SHA384Digest(),
            variant.saltLength(),
            PSSSigner.TRAILER_IMPLICIT);
    pss.init(false, key);
    pss.update(preparedMessage, 0, preparedMessage.length);
    try {
      return pss.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  BigInteger modulus() {
    return key.getModulus();
  }

  RSAKeyParameters keyParams() {
    return key;
  }

  @Override
  public String toString() {
    return "BlindRsaVerifier{" + variant.rfcName() + ", RSA-" + key.getModulus().bitLength() + "}";
  }
}
