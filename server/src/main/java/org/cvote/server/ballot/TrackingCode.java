package org.cvote.server.ballot;

/** The first 10 bytes of T_k in RFC 4648 base32 (16 characters), shown in groups of four. */
public final class TrackingCode {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private TrackingCode() {}

    public static String of(byte[] chain) {
        StringBuilder sb = new StringBuilder();
        int buffer = 0, bits = 0;
        for (int i = 0; i < 10; i++) {
            buffer = (buffer << 8) | (chain[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return sb.substring(0, 4) + "-" + sb.substring(4, 8) + "-" + sb.substring(8, 12) + "-" + sb.substring(12, 16);
    }
}
