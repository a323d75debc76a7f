package org.cvote.testkit.http;

import java.security.SecureRandom;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.token.BlindResult;
import org.cvote.crypto.token.SignedToken;
import org.cvote.crypto.token.TokenClient;
import org.cvote.crypto.token.TokenPublicKey;

/** A Java voter's side of RFC 9474 for tests, on the crypto module's {@link TokenClient}. */
public final class BlindClient {
  private static final SecureRandom RNG = new SecureRandom();
  private final TokenClient client;
  private final BlindResult blind;
  public final byte[] blinded;

  public BlindClient(byte[] spki, String pollId) {
    client = TokenClient.create(TokenPublicKey.fromSpki(spki), pollId);
    try {
      blind = client.begin(RNG);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    blinded = blind.blindedMessage();
  }

  public byte[] prepared() {
    return blind.state().preparedMessage();
  }

  /** Finalizes the server's blind signature into a token. */
  public Ballot.Token finish(byte[] blindSig) {
    try {
      SignedToken t = client.finish(blind.state(), blindSig);
      return new Ballot.Token(t.prepared(), t.signature());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
