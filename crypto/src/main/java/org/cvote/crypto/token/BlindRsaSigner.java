package org.cvote.crypto.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSABlindSignatureServer;
import org.cvote.crypto.encoding.Bytes;

/**
 * Server side of RFC 9474 (BlindSign, §4.3), using BC's {@link RSABlindSignatureServer}: RSASP1
 * with base blinding against timing attacks, then the RFC's self-check s^e = m so a CRT fault
 * cannot leak a factor of n. The same for every variant (the variant only matters to the client).
 */
public final class BlindRsaSigner {
  private final RSAPrivateCrtKeyParameters key;
  private final BigInteger modulus;
  private final int modulusLength;

  private BlindRsaSigner(RSAPrivateCrtKeyParameters key) {
    this.key = key;
    this.modulus = key.getModulus();
    this.modulusLength = RsaKeys.modulusLength(modulus);
  }

  /** A signer for a consistent CRT private key (odd modulus of 2048..16384 bits). */
  public static BlindRsaSigner create(RSAPrivateCrtKey privateKey) {
    return new BlindRsaSigner(RsaKeys.privateParams(privateKey));
  }

  public int modulusLength() {
    return modulusLength;
  }

  /**
   * BlindSign: returns I2OSP(z^d mod n, modulus_len).
   *
   * @throws IllegalArgumentException if the blinded message is not exactly modulus_len bytes or is
   *     not below n (malformed request: a 4xx, not a server fault)
   * @throws GeneralSecurityException if signing fails its self-check
   */
  public byte[] blindSign(byte[] blindedMessage) throws GeneralSecurityException {
    if (blindedMessage == null) {
      throw new IllegalArgumentException("blinded message must not be null");
    }
    if (blindedMessage.length != modulusLength) {
      throw new IllegalArgumentException(
          "blinded message must be " + modulusLength + " bytes, got " + blindedMessage.length);
    }
    if (Bytes.os2ip(blindedMessage).compareTo(modulus) >= 0) {
      throw new IllegalArgumentException("blinded message out of range (>= n)");
    }
    try {
      // A fresh BC server per call: its engine is not documented as thread-safe, and it is cheap.
      return new RSABlindSignatureServer(key).blindSign(blindedMessage);
    } catch (CryptoException e) {
      throw new GeneralSecurityException("blind signing failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "BlindRsaSigner{RSA-" + modulus.bitLength() + ", private key not shown}";
  }
}
