package org.cvote.crypto.token;

import java.security.GeneralSecurityException;

/**
 * Checks a spent token for one poll (docs/protocol.md §6, §13 V4): the signature is exactly 384
 * bytes, the prepared message has the exact structure with this poll's pollId, and the signature is
 * a valid RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48) signature over the prepared message.
 */
public final class TokenVerifier {
  private final TokenPublicKey publicKey;
  private final String pollId;
  private final BlindRsaVerifier verifier;

  private TokenVerifier(TokenPublicKey publicKey, String pollId) {
    this.publicKey = publicKey;
    this.pollId = pollId;
    this.verifier =
        BlindRsaVerifier.create(
            BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED, publicKey.rsaPublicKey());
  }

  public static TokenVerifier create(TokenPublicKey publicKey, String pollId) {
    if (publicKey == null) {
      throw new IllegalArgumentException("token public key must not be null");
    }
    TokenMessage.pollIdUtf8(pollId); // validates
    return new TokenVerifier(publicKey, pollId);
  }

  /**
   * Verifies a token and returns it parsed.
   *
   * @throws GeneralSecurityException with the reason: wrong signature length, malformed prepared
   *     message, token of another poll, or a signature that does not verify
   */
  public PreparedToken verify(byte[] prepared, byte[] signature) throws GeneralSecurityException {
    if (prepared == null) {
      throw new IllegalArgumentException("prepared token must not be null");
    }
    if (signature == null) {
      throw new IllegalArgumentException("signature must not be null");
    }
    // Checked first and explicitly: BC's PSS verifier would accept a left-truncated signature.
    if (signature.length != TokenPublicKey.MODULUS_LENGTH) {
      throw new GeneralSecurityException(
          "token signature must be exactly "
              + TokenPublicKey.MODULUS_LENGTH
              + " bytes, got "
              + signature.length);
    }
    PreparedToken token;
    try {
      token = PreparedToken.parse(prepared, pollId);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("malformed token: " + e.getMessage(), e);
    }
    if (!verifier.verify(prepared, signature)) {
      throw new GeneralSecurityException("token signature does not verify");
    }
    return token;
  }

  /** {@link #verify} as a boolean. */
  public boolean isValid(byte[] prepared, byte[] signature) {
    try {
      verify(prepared, signature);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  public TokenPublicKey publicKey() {
    return publicKey;
  }

  public String pollId() {
    return pollId;
  }

  @Override
  public String toString() {
    return "TokenVerifier{pollId=" + pollId + ", " + publicKey + "}";
  }
}
