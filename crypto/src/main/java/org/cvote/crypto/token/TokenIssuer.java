package org.cvote.crypto.token;

import java.security.GeneralSecurityException;

/**
 * The server's BlindSign for a poll's token key. It sees only blinded messages, so it cannot link
 * an issuance to the token later spent; the one-signature-per-voter rule is the caller's job.
 */
public final class TokenIssuer {
  private final TokenPublicKey publicKey;
  private final BlindRsaSigner signer;

  private TokenIssuer(TokenPublicKey publicKey, BlindRsaSigner signer) {
    this.publicKey = publicKey;
    this.signer = signer;
  }

  public static TokenIssuer create(TokenKeyPair keyPair) {
    if (keyPair == null) {
      throw new IllegalArgumentException("key pair must not be null");
    }
    return new TokenIssuer(keyPair.publicKey(), BlindRsaSigner.create(keyPair.privateKey()));
  }

  /**
   * Signs a blinded message; the result is 384 bytes.
   *
   * @throws IllegalArgumentException if the blinded message is not 384 bytes or not below n
   * @throws GeneralSecurityException if the signature fails its self-check
   */
  public byte[] blindSign(byte[] blindedMessage) throws GeneralSecurityException {
    return signer.blindSign(blindedMessage);
  }

  public TokenPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "TokenIssuer{" + publicKey + "}";
  }
}
