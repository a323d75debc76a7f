package org.cvote.server.util;

import java.util.HexFormat;

/** Lowercase hex, strict on input: only [0-9a-f], even length (PROTOCOL.md §1). */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    public static String encode(byte[] b) {
        return HEX.formatHex(b);
    }

    /** Decodes strict lowercase hex, or returns null when the text is not such hex. */
    public static byte[] decodeStrict(String s) {
        if (s == null || (s.length() & 1) != 0) return null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return null;
        }
        return HEX.parseHex(s);
    }
}
