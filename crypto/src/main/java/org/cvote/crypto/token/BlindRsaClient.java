package org.cvote.crypto.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindingEngine;
import org.bouncycastle.crypto.params.RSABlindingParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.cvote.crypto.encoding.Bytes;

/**
 * Client side of RFC 9474 (Prepare, Blind, Finalize) on Bouncy Castle's low-level engines.
 *
 * <p>Why not BC's {@code RSABlindSignatureClient}: its blinding factor comes from {@code
 * RSABlindingFactorGenerator}, which draws r from [2, 2^(k−1)) instead of uniformly from the units
 * of [1, n) as RFC 9474 §4.2 requires; r's distribution then depends on n's top bits and lets the
 * signer rule out transcripts (docs/protocol.md §6). It also cannot take a fixed r and salt, which
 * the RFC's test vectors need. Here r is drawn by rejection sampling ({@link #drawBlindingFactor}),
 * and the EMSA-PSS encoding and the multiplication by r^e are BC's PSSSigner over
 * RSABlindingEngine.
 */
public final class BlindRsaClient {
  private final BlindRsaVariant variant;
  private final BlindRsaVerifier verifier;
  private final int modulusLength;

  private BlindRsaClient(BlindRsaVerifier verifier) {
    this.variant = verifier.variant();
    this.verifier = verifier;
    this.modulusLength = verifier.modulusLength();
  }

  /** A client for {@code variant} under the signer's {@code publicKey}. */
  public static BlindRsaClient create(BlindRsaVariant variant, RSAPublicKey publicKey) {
    return new BlindRsaClient(BlindRsaVerifier.create(variant, publicKey));
  }

  public BlindRsaVariant variant() {
    return variant;
  }

  public int modulusLength() {
    return modulusLength;
  }

  /**
   * Prepare (RFC 9474 §4.1): randomized variants return 32 random bytes ‖ msg, deterministic ones a
   * copy of msg. The prepared message is what gets signed and later verified.
   */
  public byte[] prepare(byte[] msg, SecureRandom random) {
    requireMsg(msg);
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    byte[] prefix = new byte[variant.isRandomized() ? BlindRsaVariant.PREFIX_LENGTH : 0];
    random.nextBytes(prefix);
    return prepareWith(msg, prefix);
  }

  /** Prepare with a given prefix; package-private so the RFC vectors can fix it. */
  byte[] prepareWith(byte[] msg, byte[] prefix) {
    requireMsg(msg);
    int expected = variant.isRandomized() ? BlindRsaVariant.PREFIX_LENGTH : 0;
    if (prefix == null || prefix.length != expected) {
      throw new IllegalArgumentException(
          "prefix must be " + expected + " bytes for " + variant.rfcName());
    }
    byte[] out = new byte[prefix.length + msg.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(msg, 0, out, prefix.length, msg.length);
    return out;
  }

  /**
   * Blind (RFC 9474 §4.2): encodes the prepared message with EMSA-PSS (fresh salt), draws a uniform
   * blinding factor r and returns m·r^e mod n together with the secret state (prepared message, r⁻¹
   * mod n).
   */
  public BlindResult blind(byte[] preparedMessage, SecureRandom random)
      throws GeneralSecurityException {
    if (preparedMessage == null) {
      throw new IllegalArgumentException("prepared message must not be null");
    }
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    BigInteger r = drawBlindingFactor(verifier.modulus(), random);
    byte[] salt = new byte[variant.saltLength()];
    random.nextBytes(salt);
    return blindWith(preparedMessage, r, salt);
  }

  /**
   * Blind with a fixed r and salt; package-private so the RFC vectors can be reproduced exactly.
   */
  BlindResult blindWith(byte[] preparedMessage, BigInteger r, byte[] salt)
      throws GeneralSecurityException {
    BigInteger n = verifier.modulus();
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || !r.gcd(n).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException("blinding factor must be a unit in [1, n)");
    }
    if (salt.length != variant.saltLength()) {
      throw new IllegalArgumentException("salt must be " + variant.saltLength() + " bytes");
    }
    // PSSSigner with a fixed salt performs EMSA-PSS-ENCODE; handing the encoded block to
    // RSABlindingEngine (encrypt direction) yields z = m · r^e mod n instead of a signature.
    PSSSigner pss =
        new PSSSigner(new RSABlindingEngine(), new SHA384Digest(), new SHA384Digest(), salt);
    pss.init(true, new RSABlindingParameters(verifier.keyParams(), r));
    pss.update(preparedMessage, 0, preparedMessage.length);
    byte[] out;
    try {
      out = pss.generateSignature();
    } catch (CryptoException e) {
      throw new GeneralSecurityException("PSS encoding failed", e);
    }
    BigInteger z = Bytes.os2ip(out);
    // RFC 9474 §4.2 checks gcd(m, n) = 1; since r is a unit, gcd(z, n) = gcd(m, n).
    if (!z.gcd(n).equals(BigInteger.ONE)) {
      throw new GeneralSecurityException("invalid input: encoded message is not coprime with n");
    }
    return new BlindResult(
        Bytes.i2osp(z, modulusLength),
        BlindingState.create(preparedMessage, r.modInverse(n), modulusLength));
  }

  /**
   * Finalize (RFC 9474 §4.4): s = blind_sig · r⁻¹ mod n, then verify s over the prepared message,
   * so a wrong or malicious blind signature is caught here rather than when the token is spent.
   *
   * @throws GeneralSecurityException if the blind signature has the wrong length, is out of range
   *     or does not unblind to a valid signature
   */
  public byte[] finalizeSignature(BlindingState state, byte[] blindSignature)
      throws GeneralSecurityException {
    if (state == null) {
      throw new IllegalArgumentException("blinding state must not be null");
    }
    if (blindSignature == null) {
      throw new IllegalArgumentException("blind signature must not be null");
    }
    BigInteger n = verifier.modulus();
    if (state.inverseLength() != modulusLength) {
      throw new IllegalArgumentException(
          "blinding state is for another key: inverse has "
              + state.inverseLength()
              + " bytes, expected "
              + modulusLength);
    }
    BigInteger inv = state.inverseValue();
    if (inv.compareTo(n) >= 0 || !inv.gcd(n).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException(
          "blinding state is for another key: inverse is not a unit mod n");
    }
    if (blindSignature.length != modulusLength) {
      throw new GeneralSecurityException(
          "blind signature must be " + modulusLength + " bytes, got " + blindSignature.length);
    }
    BigInteger z = Bytes.os2ip(blindSignature);
    if (z.compareTo(n) >= 0) {
      throw new GeneralSecurityException("blind signature out of range (>= n)");
    }
    byte[] sig = Bytes.i2osp(z.multiply(inv).mod(n), modulusLength);
    if (!verifier.verify(state.preparedMessage(), sig)) {
      throw new GeneralSecurityException(
          "invalid blind signature: the unblinded signature does not verify");
    }
    return sig;
  }

  /** Verify under this client's key (same as {@link BlindRsaVerifier#verify}). */
  public boolean verify(byte[] preparedMessage, byte[] signature) {
    return verifier.verify(preparedMessage, signature);
  }

  /**
   * Draws r uniformly from the units of [1, n): uniform integers of bitLength(n) bits are drawn
   * until one lies in [1, n) and is coprime with n. Since n ≥ 2^(bits−1), each try succeeds with
   * probability > 1/2 (for an RSA modulus, non-units are negligible), so the loop ends quickly; the
   * cap only guards against a broken SecureRandom.
   */
  static BigInteger drawBlindingFactor(BigInteger n, SecureRandom random) {
    int bits = n.bitLength();
    for (int i = 0; i < 1024; i++) {
      BigInteger r = new BigInteger(bits, random); // uniform in [0, 2^bits)
      if (r.signum() > 0 && r.compareTo(n) < 0 && r.gcd(n).equals(BigInteger.ONE)) {
        return r;
      }
    }
    throw new IllegalStateException(
        "could not draw a blinding factor in 1024 tries: broken SecureRandom?");
  }

  private static void requireMsg(byte[] msg) {
    if (msg == null) {
      throw new IllegalArgumentException("message must not be null");
    }
  }

  @Override
  public String toString() {
    return "BlindRsaClient{" + variant.rfcName() + ", RSA-" + verifier.modulus().bitLength() + "}";
  }
}
