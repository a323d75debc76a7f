package org.cvote.crypto.token;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The voter side in Java (tests, the demo's simulated voters): builds a token message for the poll,
 * prepares and blinds it with a uniformly drawn blinding factor, and finalizes the blind signature.
 * The browser booth does the same with blindrsa-ts.
 */
public final class TokenClient {
  private final TokenPublicKey publicKey;
  private final String pollId;
  private final BlindRsaClient client;

  private TokenClient(TokenPublicKey publicKey, String pollId) {
    this.publicKey = publicKey;
    this.pollId = pollId;
    this.client =
        BlindRsaClient.create(
            BlindRsaVariant.RSABSSA_SHA384_PSS_RANDOMIZED, publicKey.rsaPublicKey());
  }

  public static TokenClient create(TokenPublicKey publicKey, String pollId) {
    if (publicKey == null) {
      throw new IllegalArgumentException("token public key must not be null");
    }
    TokenMessage.pollIdUtf8(pollId); // validates
    return new TokenClient(publicKey, pollId);
  }

  /**
   * Starts an issuance: fresh token message, Prepare, Blind. Send {@code blindedMessage()}; keep
   * {@code state()} (secret) until the blind signature arrives.
   */
  public BlindResult begin(SecureRandom random) throws GeneralSecurityException {
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    byte[] msg = TokenMessage.random(pollId, random).toBytes();
    byte[] prepared = client.prepare(msg, random);
    return client.blind(prepared, random);
  }

  /**
   * Finalizes: unblinds and verifies the signature.
   *
   * @throws IllegalArgumentException if the state is not a token of this poll under this key
   * @throws GeneralSecurityException if the blind signature is malformed or does not verify
   */
  public SignedToken finish(BlindingState state, byte[] blindSignature)
      throws GeneralSecurityException {
    if (state == null) {
      throw new IllegalArgumentException("blinding state must not be null");
    }
    PreparedToken token = PreparedToken.parse(state.preparedMessage(), pollId);
    byte[] sig = client.finalizeSignature(state, blindSignature);
    return SignedToken.of(token, sig);
  }

  public TokenPublicKey publicKey() {
    return publicKey;
  }

  public String pollId() {
    return pollId;
  }

  @Override
  public String toString() {
    return "TokenClient{pollId=" + pollId + ", " + publicKey + "}";
  }
}
