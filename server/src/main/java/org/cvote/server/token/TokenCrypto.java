package org.cvote.server.token;

/**
 * The RFC 9474 operations the server needs (RSABSSA-SHA384-PSS-Randomized, RSA-3072).
 * An interface so that the crypto module's implementation can be plugged in, and so that
 * storage and transactions can be tested on their own.
 */
public interface TokenCrypto {
    record KeyPair(byte[] spki, byte[] pkcs8) {}

    /** A fresh RSA-3072 key, e = 65537; SPKI with the rsaEncryption OID. */
    KeyPair generate();

    /** Length in bytes of the modulus of {@code spki}. */
    int modulusLength(byte[] spki);

    /**
     * BlindSign: the blinded message as an integer, raised to d. Throws
     * {@link IllegalArgumentException} when the message is not of the modulus length or not below n.
     */
    byte[] blindSign(byte[] pkcs8, byte[] blindedMessage);

    /** Standard RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48) over the prepared message; exact-length signature. */
    boolean verify(byte[] spki, byte[] preparedMessage, byte[] signature);
}
