package org.cvote.committee.identity;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id parameters stored beside the encrypted keys, so the passphrase-derived key can be
 * re-derived on any machine. The salt is public; the passphrase never leaves memory.
 */
@JsonPropertyOrder({"algorithm", "memoryKiB", "iterations", "parallelism", "salt"})
public record KdfParams(
    String algorithm, int memoryKiB, int iterations, int parallelism, byte[] salt) {
  public static final String ARGON2ID = "argon2id";

  /** Defaults for a member's laptop: 64 MiB, 3 passes (OWASP's second recommended setting). */
  public static final int DEFAULT_MEMORY_KIB = 64 * 1024;

  public static final int DEFAULT_ITERATIONS = 3;
  static final int MAX_MEMORY_KIB = 1 << 18;
  static final int MAX_ITERATIONS = 16;
  static final long MAX_COST_KIB = 1L << 20;

  public KdfParams {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(salt, "salt");
    if (!ARGON2ID.equals(algorithm)) {
      throw new IllegalArgumentException("only argon2id is supported, got " + algorithm);
    }
    // the upper bounds are the page's (committee-identity.js): a hostile file must not exhaust
    // memory or time
    if (memoryKiB < 8
        || memoryKiB > MAX_MEMORY_KIB
        || iterations < 1
        || iterations > MAX_ITERATIONS
        || (long) memoryKiB * iterations > MAX_COST_KIB
        || parallelism < 1
        || parallelism > 16
        || salt.length < 16) {
      throw new IllegalArgumentException(
          "argon2id parameters out of range (memory 8 KiB..256 MiB, iterations 1..16, "
              + "memory × iterations ≤ 1 GiB, parallelism 1..16, salt ≥ 16 bytes)");
    }
    salt = salt.clone();
  }

  public static KdfParams defaults(SecureRandom rng) {
    return withCost(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, rng);
  }

  /** Cheaper settings for tests and demos; production files use {@link #defaults}. */
  public static KdfParams withCost(int memoryKiB, int iterations, SecureRandom rng) {
    byte[] salt = new byte[16];
    rng.nextBytes(salt);
    return new KdfParams(ARGON2ID, memoryKiB, iterations, 1, salt);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** The 32-byte key; the caller wipes it after use. */
  byte[] derive(char[] passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    Argon2Parameters p =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(p);
    byte[] key = new byte[32];
    gen.generateBytes(passphrase, key);
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KdfParams k
        && k.algorithm.equals(algorithm)
        && k.memoryKiB == memoryKiB
        && k.iterations == iterations
        && k.parallelism == parallelism
        && java.util.Arrays.equals(k.salt, salt);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(salt);
  }

  @Override
  public String toString() {
    return "KdfParams[argon2id m=" + memoryKiB + "KiB t=" + iterations + " p=" + parallelism + "]";
  }
}
