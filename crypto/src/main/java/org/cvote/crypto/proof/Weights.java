package org.cvote.crypto.proof;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Random non-zero 128-bit weights of the small-exponent batch test (soundness error ≈ 2^-128 per
 * batch).
 */
final class Weights {
  private Weights() {}

  static BigInteger next(SecureRandom rng) {
    BigInteger z;
    do {
      z = new BigInteger(128, rng);
    } while (z.signum() == 0);
    return z;
  }
}
