package org.cvote.server.attendance;

import org.cvote.server.util.Hex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What the database keeps of an access code: SHA-256 over the poll id and the canonical code.
 * With 80 random bits a plain hash cannot be inverted; binding the poll id keeps codes per poll.
 */
public final class AccessCodeHash {
    private AccessCodeHash() {}

    public static String of(String pollId, String canonicalCode) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("cvote/v1/access-code\0".getBytes(StandardCharsets.UTF_8));
            md.update(pollId.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(canonicalCode.getBytes(StandardCharsets.US_ASCII));
            return Hex.encode(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
