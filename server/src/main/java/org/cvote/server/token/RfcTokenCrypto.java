package org.cvote.server.token;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.cvote.crypto.token.TokenIssuer;
import org.cvote.crypto.token.TokenKeyPair;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.crypto.token.TokenVerifier;

/**
 * {@link TokenCrypto} on the crypto module's RFC 9474 implementation ({@code
 * org.cvote.crypto.token}).
 */
public final class RfcTokenCrypto implements TokenCrypto {
  private final SecureRandom random = new SecureRandom();

  @Override
  public KeyPair generate() {
    TokenKeyPair kp = TokenKeyPair.generate(random);
    return new KeyPair(kp.publicKey().toSpki(), kp.toPkcs8());
  }

  @Override
  public byte[] blindSign(byte[] pkcs8, byte[] blindedMessage) {
    try {
      return TokenIssuer.create(TokenKeyPair.fromPkcs8(pkcs8)).blindSign(blindedMessage);
    } catch (GeneralSecurityException e) {
      // the signer's self-check (s^e = m) failed: a fault, never the client's doing
      throw new IllegalStateException("blind signing failed its self-check", e);
    }
  }

  @Override
  public Verifier verifier(byte[] spki, String pollId) {
    return TokenVerifier.create(TokenPublicKey.fromSpki(spki), pollId)::isValid;
  }
}
