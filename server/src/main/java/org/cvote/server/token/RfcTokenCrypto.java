package org.cvote.server.token;

import org.cvote.crypto.token.TokenIssuer;
import org.cvote.crypto.token.TokenKeyPair;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.crypto.token.TokenVerifier;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TokenCrypto} on the crypto module's RFC 9474 implementation ({@code org.cvote.crypto.token}). */
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

    /** Per poll, the verifier of its key: every cast verifies a token, and parsing the key each time showed. */
    private record Verifier(byte[] spki, TokenVerifier verifier) {}

    private final ConcurrentHashMap<String, Verifier> verifiers = new ConcurrentHashMap<>();

    @Override
    public boolean verify(byte[] spki, String pollId, byte[] preparedMessage, byte[] signature) {
        Verifier v = verifiers.get(pollId);
        if (v == null || !Arrays.equals(v.spki(), spki)) {
            v = new Verifier(spki.clone(), TokenVerifier.create(TokenPublicKey.fromSpki(spki), pollId));
            verifiers.put(pollId, v);
        }
        return v.verifier().isValid(preparedMessage, signature);
    }
}
