package org.cvote.verifier.checks;

import java.security.GeneralSecurityException;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.crypto.token.TokenVerifier;

/**
 * V4 with the crypto module's RFC 9474 classes ({@link TokenVerifier}: strict SPKI, exact 384-byte signature,
 * prepared-message structure with this poll's id, RSASSA-PSS), cross-checked by the JDK-only
 * {@link PssTokenCheck}: a token passes only when both implementations accept it.
 */
public final class CryptoTokenCheck implements TokenCheck {
    private final TokenVerifier verifier;
    private final PssTokenCheck independent;

    private CryptoTokenCheck(TokenVerifier verifier, PssTokenCheck independent) {
        this.verifier = verifier;
        this.independent = independent;
    }

    /** Throws with the reason when the SPKI is not a canonical rsaEncryption RSA-3072/e=65537 key. */
    public static CryptoTokenCheck create(byte[] spki, String pollId) throws GeneralSecurityException {
        TokenPublicKey key;
        try {
            key = TokenPublicKey.fromSpki(spki);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        return new CryptoTokenCheck(TokenVerifier.create(key, pollId), PssTokenCheck.create(spki, pollId));
    }

    @Override
    public void verify(byte[] preparedMessage, byte[] signature) throws GeneralSecurityException {
        verifier.verify(preparedMessage, signature);
        independent.verify(preparedMessage, signature);
    }
}
