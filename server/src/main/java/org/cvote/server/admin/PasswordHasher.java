package org.cvote.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code
 * $argon2id$v=19$m=..,t=..,p=..$salt$hash}), so the parameters can be raised later without breaking
 * stored hashes.
 */
public final class PasswordHasher {
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private final SecureRandom random = new SecureRandom();
  private final int memoryKb;
  private final int iterations;

  /** OWASP's baseline for Argon2id: 19 MiB, 2 passes, 1 lane. */
  public PasswordHasher() {
    this(19 * 1024, 2);
  }

  public PasswordHasher(int memoryKb, int iterations) {
    this.memoryKb = memoryKb;
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKb, iterations, 1, 32);
    return "$argon2id$v=19$m="
        + memoryKb
        + ",t="
        + iterations
        + ",p=1$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(out);
  }

  public boolean verify(String password, String phc) {
    String[] parts = phc.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    int m = 0, t = 0, p = 0;
    for (String kv : parts[3].split(",")) {
      String[] e = kv.split("=");
      switch (e[0]) {
        case "m" -> m = Integer.parseInt(e[1]);
        case "t" -> t = Integer.parseInt(e[1]);
        case "p" -> p = Integer.parseInt(e[1]);
        default -> {
          return false;
        }
      }
    }
    byte[] salt = B64D.decode(parts[4]);
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual = derive(password, salt, m, t, p, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int len) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[len];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
