/**
 * Eligibility tokens (docs/protocol.md §6, §13 "Tokens (V4)") and voter access codes.
 *
 * <p>Generic RFC 9474 layer: {@link org.cvote.crypto.token.BlindRsaVariant}, {@link
 * org.cvote.crypto.token.BlindRsaClient} (Prepare, Blind with a uniform blinding factor, Finalize),
 * {@link org.cvote.crypto.token.BlindRsaSigner} (BlindSign), {@link
 * org.cvote.crypto.token.BlindRsaVerifier} (RSASSA-PSS verify with an exact length check).
 *
 * <p>cvote layer (RSABSSA-SHA384-PSS-Randomized, RSA-3072, e = 65537): {@link
 * org.cvote.crypto.token.TokenMessage}, {@link org.cvote.crypto.token.PreparedToken} (strict
 * parser, spend key, τ), {@link org.cvote.crypto.token.TokenPublicKey} (SPKI), {@link
 * org.cvote.crypto.token.TokenKeyPair} (generation, PKCS#8), {@link
 * org.cvote.crypto.token.TokenIssuer}, {@link org.cvote.crypto.token.TokenClient}, {@link
 * org.cvote.crypto.token.TokenVerifier}, {@link org.cvote.crypto.token.SignedToken}.
 *
 * <p>{@link org.cvote.crypto.token.AccessCode}: one-time access codes (80 bits, Crockford base32,
 * GF(32) check character).
 *
 * <p>Conventions: invalid arguments and malformed inputs throw {@link IllegalArgumentException}
 * with a message naming the defect; cryptographic failures (a signature that does not verify) throw
 * {@link java.security.GeneralSecurityException}; no {@code toString()} shows a secret.
 */
package org.cvote.crypto.token;
