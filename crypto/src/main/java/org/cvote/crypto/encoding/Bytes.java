package org.cvote.crypto.encoding;

/** I2OSP and small byte helpers of docs/protocol.md's notation. */
public final class Bytes {
    private Bytes() {}

    /** I2OSP(x, n): x as n bytes big-endian; x must fit. */
    public static byte[] i2osp(long x, int n) {
        if (n < 1 || n > 8) {
            throw new IllegalArgumentException("I2OSP length must be 1..8, got " + n);
        }
        if (x < 0 || (n < 8 && x >>> (8 * n) != 0)) {
            throw new IllegalArgumentException("value " + x + " does not fit in " + n + " bytes");
        }
        byte[] out = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = (byte) x;
            x >>>= 8;
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
