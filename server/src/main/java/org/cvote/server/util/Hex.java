package org.cvote.server.util;

import org.cvote.crypto.encoding.EncodingException;

/** Lowercase hex (docs/protocol.md §1) via the crypto module, with a null-returning decode for request fields. */
public final class Hex {
    private Hex() {}

    public static String encode(byte[] b) {
        return org.cvote.crypto.encoding.Hex.encode(b);
    }

    /** Decodes strict lowercase hex of even length, or returns null when the text is not such hex. */
    public static byte[] decodeStrict(String s) {
        try {
            return org.cvote.crypto.encoding.Hex.decode(s);
        } catch (EncodingException e) {
            return null;
        }
    }
}
