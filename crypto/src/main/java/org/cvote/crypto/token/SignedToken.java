package org.cvote.crypto.token;

import java.util.Arrays;

/** A finalized token: the prepared message and its 384-byte signature, as a ballot carries them. */
public final class SignedToken {
  private final PreparedToken token;
  private final byte[] signature;

  private SignedToken(PreparedToken token, byte[] signature) {
    this.token = token;
    this.signature = signature;
  }

  /** Pairs a token with its signature; does not verify (use {@link TokenVerifier}). */
  public static SignedToken of(PreparedToken token, byte[] signature) {
    if (token == null) {
      throw new IllegalArgumentException("token must not be null");
    }
    if (signature == null) {
      throw new IllegalArgumentException("signature must not be null");
    }
    if (signature.length != TokenPublicKey.MODULUS_LENGTH) {
      throw new IllegalArgumentException(
          "token signature must be "
              + TokenPublicKey.MODULUS_LENGTH
              + " bytes, got "
              + signature.length);
    }
    return new SignedToken(token, signature.clone());
  }

  public PreparedToken token() {
    return token;
  }

  /** The prepared message bytes. */
  public byte[] prepared() {
    return token.toBytes();
  }

  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedToken t
        && token.equals(t.token)
        && Arrays.equals(signature, t.signature);
  }

  @Override
  public int hashCode() {
    return 31 * token.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedToken{" + token + "}";
  }
}
