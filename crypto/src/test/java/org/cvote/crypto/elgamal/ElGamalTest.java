package org.cvote.crypto.elgamal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.threshold.DiscreteLog;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ElGamalTest {
  private final SecureRandom rng = new SecureRandom();

  private static long decrypt(Ciphertext ct, Scalar sk, long bound)
      throws DiscreteLog.OutOfBoundException {
    return DiscreteLog.solve(ct.beta().subtract(ct.alpha().multiply(sk)), bound);
  }

  /**
   * Property: over random plaintexts and randomness, the sum of encryptions decrypts to the sum.
   */
  @RepeatedTest(5)
  void homomorphicSumOfRandomPlaintexts() throws Exception {
    Scalar sk = Scalar.random(rng);
    Point k = Point.baseMul(sk);
    int n = 1 + rng.nextInt(60);
    List<Ciphertext> cts = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      int m = rng.nextInt(4);
      sum += m;
      cts.add(ElGamal.encrypt(k, m, Scalar.random(rng)));
    }
    Ciphertext total = Ciphertext.sum(cts);
    assertEquals(sum, decrypt(total, sk, 3L * n));
    Ciphertext pairwise = Ciphertext.ZERO;
    for (Ciphertext c : cts) {
      pairwise = pairwise.add(c);
    }
    assertEquals(total, pairwise);
  }

  @Test
  void encryptionIsRandomised() {
    Point k = Point.baseMul(Scalar.random(rng));
    assertNotEquals(
        ElGamal.encrypt(k, 1, Scalar.random(rng)), ElGamal.encrypt(k, 1, Scalar.random(rng)));
  }

  @Test
  void preconditions() {
    Point k = Point.baseMul(Scalar.random(rng));
    assertThrows(NullPointerException.class, () -> ElGamal.encrypt(null, 0, Scalar.ONE));
    assertThrows(NullPointerException.class, () -> ElGamal.encrypt(k, 0, null));
    assertThrows(IllegalArgumentException.class, () -> ElGamal.encrypt(k, -1, Scalar.ONE));
    assertThrows(IllegalArgumentException.class, () -> ElGamal.encrypt(k, 0, Scalar.ZERO));
    assertThrows(NullPointerException.class, () -> new Ciphertext(null, Point.G));
  }
}
