package org.cvote.server.attendance;

/**
 * Generation and parsing of the one-time access codes handed to present voters. Behind an
 * interface so the crypto module's {@code AccessCode} can replace the interim implementation.
 */
public interface AccessCodes {
    /** A fresh code as it is shown to the voter (grouped, with its check character). */
    String generate();

    /**
     * The canonical form of what a voter typed (case, separators and look-alike letters
     * forgiven). Throws {@link IllegalArgumentException} for a malformed code or a wrong check character.
     */
    String canonical(String typed);
}
