package org.cvote.verifier.checks;

import java.security.GeneralSecurityException;
import org.cvote.crypto.token.PreparedToken;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.crypto.token.TokenVerifier;

/**
 * V4 with two implementations where they are cheap and one where it is not: the key is parsed
 * strictly by both the crypto module ({@link TokenPublicKey}) and the JDK ({@link PssTokenCheck});
 * the prepared message's structure is checked by both ({@link PreparedToken#parse} and {@link
 * PssTokenCheck}); the RSASSA-PSS signature itself is verified once, by the JDK, independently of
 * the server's RFC 9474 code. A second RSA verification per ballot cost about a tenth of the
 * verifier's time and added no check the first lacks.
 */
public final class CryptoTokenCheck implements TokenCheck {
  private final String pollId;
  private final PssTokenCheck pss;

  private CryptoTokenCheck(String pollId, PssTokenCheck pss) {
    this.pollId = pollId;
    this.pss = pss;
  }

  /** Throws with the reason when the SPKI is not a canonical rsaEncryption RSA-3072/e=65537 key. */
  public static CryptoTokenCheck create(byte[] spki, String pollId)
      throws GeneralSecurityException {
    try {
      TokenVerifier.create(TokenPublicKey.fromSpki(spki), pollId); // strict key and poll id
    } catch (RuntimeException e) { // the key classes reject bad keys with unchecked exceptions
      throw new GeneralSecurityException(e.getMessage(), e);
    }
    return new CryptoTokenCheck(pollId, PssTokenCheck.create(spki, pollId));
  }

  @Override
  public void verify(byte[] preparedMessage, byte[] signature) throws GeneralSecurityException {
    try {
      PreparedToken.parse(preparedMessage, pollId);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("malformed token: " + e.getMessage(), e);
    }
    pss.verify(preparedMessage, signature);
  }
}
