package org.cvote.server.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The prepared token message (PROTOCOL.md §13): 32 random bytes ‖ "cvote/v1/token" ‖
 * I2OSP(len(pollId),2) ‖ pollId ‖ 32 random bytes. Checking it binds a token to its poll.
 */
public final class TokenMessage {
    private static final byte[] TAG = "cvote/v1/token".getBytes(StandardCharsets.US_ASCII);

    private TokenMessage() {}

    public static boolean isFor(byte[] prepared, String pollId) {
        byte[] id = pollId.getBytes(StandardCharsets.UTF_8);
        int expected = 32 + TAG.length + 2 + id.length + 32;
        if (prepared.length != expected) return false;
        int p = 32;
        if (!Arrays.equals(prepared, p, p + TAG.length, TAG, 0, TAG.length)) return false;
        p += TAG.length;
        int len = ((prepared[p] & 0xff) << 8) | (prepared[p + 1] & 0xff);
        if (len != id.length) return false;
        p += 2;
        return Arrays.equals(prepared, p, p + id.length, id, 0, id.length);
    }

    /** The message a booth builds before Prepare: tag ‖ len ‖ pollId ‖ 32 random bytes. */
    public static byte[] unprepared(String pollId, byte[] random32) {
        byte[] id = pollId.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[TAG.length + 2 + id.length + 32];
        System.arraycopy(TAG, 0, out, 0, TAG.length);
        out[TAG.length] = (byte) (id.length >>> 8);
        out[TAG.length + 1] = (byte) id.length;
        System.arraycopy(id, 0, out, TAG.length + 2, id.length);
        System.arraycopy(random32, 0, out, TAG.length + 2 + id.length, 32);
        return out;
    }
}
