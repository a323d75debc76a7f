package org.cvote.server.attendance;

import java.security.SecureRandom;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.token.AccessCode;

/**
 * One-time access codes via the crypto module's {@link AccessCode} (80 bits, Crockford base32 with
 * a check character). The database keeps only {@link #hash} of a code.
 */
public final class AccessCodes {
  private final SecureRandom random = new SecureRandom();

  /** A fresh code as shown to the voter (grouped). */
  public String generate() {
    return AccessCode.generate(random).display();
  }

  /**
   * The stored form of what a voter typed (case, separators and look-alikes forgiven). Throws
   * {@link IllegalArgumentException} for a malformed code or a wrong check character.
   */
  public String hash(String typed) {
    return Hex.encode(AccessCode.parse(typed).hash());
  }
}
