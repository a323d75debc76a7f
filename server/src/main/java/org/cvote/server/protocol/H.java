package org.cvote.server.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * PROTOCOL.md §2: H(tag, x1..xk) = SHA-256(I2OSP(len(tag),2) ‖ tag ‖ Σ (I2OSP(len(xi),4) ‖ xi)).
 * Interim copy for the server until {@code org.cvote.crypto.hash} is merged; same bytes.
 */
public final class H {
    private H() {}

    public static byte[] hash(String tag, byte[]... parts) {
        MessageDigest md = sha256();
        byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
        md.update((byte) (t.length >>> 8));
        md.update((byte) t.length);
        md.update(t);
        for (byte[] x : parts) {
            md.update(i2osp4(x.length));
            md.update(x);
        }
        return md.digest();
    }

    public static byte[] i2osp4(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
