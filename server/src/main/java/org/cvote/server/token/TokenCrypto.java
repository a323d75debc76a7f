package org.cvote.server.token;

/**
 * The RFC 9474 operations the server needs (RSABSSA-SHA384-PSS-Randomized, RSA-3072), as bytes in
 * and out so that keys can be stored. An interface so tests can reuse a pool of keys instead of
 * generating an RSA-3072 key for every poll; production uses {@link RfcTokenCrypto}.
 */
public interface TokenCrypto {
  record KeyPair(byte[] spki, byte[] pkcs8) {}

  /** A fresh RSA-3072 key, e = 65537; SPKI with the rsaEncryption OID, PKCS#8 private key. */
  KeyPair generate();

  /**
   * BlindSign. Throws {@link IllegalArgumentException} when the blinded message is not exactly the
   * modulus length or not below n.
   */
  byte[] blindSign(byte[] pkcs8, byte[] blindedMessage);

  /**
   * The verifier of one poll's tokens under its stored public key. Built once per poll by the
   * caller, who keeps it with the rest of what an open poll never changes: parsing the key at every
   * cast showed.
   */
  Verifier verifier(byte[] spki, String pollId);

  /** Checks tokens of one poll. */
  @FunctionalInterface
  interface Verifier {
    /**
     * The token verifies: a well-formed prepared message of the poll, exact-length PSS signature.
     */
    boolean isValid(byte[] preparedMessage, byte[] signature);
  }
}
