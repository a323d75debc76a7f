package org.cvote.crypto.token;

import java.math.BigInteger;
import org.cvote.crypto.encoding.Bytes;

/**
 * What the client must keep between Blind and Finalize: the prepared message and the blinding
 * inverse r⁻¹ mod n. Both are secret — either one lets the signer link the issuance to the token
 * later spent — so {@link #toString()} shows only sizes.
 *
 * <p>The booth persists this before it sends the blinded message, so a retry after a crash reuses
 * it; {@link #of} restores a saved state. The inverse is exported as I2OSP(inv, modulus_len).
 */
public final class BlindingState {
  private final byte[] preparedMessage;
  private final byte[] inverse;

  private BlindingState(byte[] preparedMessage, byte[] inverse) {
    this.preparedMessage = preparedMessage;
    this.inverse = inverse;
  }

  /**
   * Restores a saved state. Whether the inverse fits the key (0 < inv < n, invertible) is checked
   * by {@link BlindRsaClient#finalizeSignature}, which knows the key.
   */
  public static BlindingState of(byte[] preparedMessage, byte[] inverse) {
    if (preparedMessage == null) {
      throw new IllegalArgumentException("prepared message must not be null");
    }
    if (inverse == null) {
      throw new IllegalArgumentException("blinding inverse must not be null");
    }
    if (preparedMessage.length == 0) {
      throw new IllegalArgumentException("prepared message must not be empty");
    }
    int min = RsaKeys.MIN_MODULUS_BITS / 8;
    int max = RsaKeys.MAX_MODULUS_BITS / 8;
    if (inverse.length < min || inverse.length > max) {
      throw new IllegalArgumentException(
          "blinding inverse must be modulus_len bytes ("
              + min
              + ".."
              + max
              + "), got "
              + inverse.length);
    }
    if (Bytes.os2ip(inverse).signum() == 0) {
      throw new IllegalArgumentException("blinding inverse must not be zero");
    }
    return new BlindingState(preparedMessage.clone(), inverse.clone());
  }

  static BlindingState create(byte[] preparedMessage, BigInteger inverse, int modulusLength) {
    return new BlindingState(preparedMessage.clone(), Bytes.i2osp(inverse, modulusLength));
  }

  /** The prepared message (for the randomized variants: 32-byte prefix ‖ msg). */
  public byte[] preparedMessage() {
    return preparedMessage.clone();
  }

  /** I2OSP(r⁻¹ mod n, modulus_len). Secret. */
  public byte[] inverse() {
    return inverse.clone();
  }

  BigInteger inverseValue() {
    return Bytes.os2ip(inverse);
  }

  int inverseLength() {
    return inverse.length;
  }

  @Override
  public String toString() {
    return "BlindingState{preparedMessage=" + preparedMessage.length + " bytes, inverse=<secret>}";
  }
}
