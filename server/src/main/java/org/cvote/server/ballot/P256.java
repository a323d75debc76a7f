package org.cvote.server.ballot;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * Strict P-256 encodings (PROTOCOL.md §1) on Bouncy Castle. Interim until
 * {@code org.cvote.crypto.group.Point/Scalar} is merged.
 */
public final class P256 {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
    public static final ECCurve CURVE = PARAMS.getCurve();
    public static final ECPoint G = PARAMS.getG();
    public static final BigInteger Q = PARAMS.getN();
    private static final BigInteger P = CURVE.getField().getCharacteristic();

    private P256() {}

    /** Decodes a 65-byte uncompressed point, or returns null if it is not a valid non-identity point. */
    public static ECPoint point(byte[] b) {
        if (b == null || b.length != 65 || b[0] != 0x04) return null;
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(b, 1, 33));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(b, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) return null;
        try {
            ECPoint pt = CURVE.createPoint(x, y);
            return pt.isValid() && !pt.isInfinity() ? pt : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decodes a 32-byte scalar below q, or returns null. */
    public static BigInteger scalar(byte[] b) {
        if (b == null || b.length != 32) return null;
        BigInteger s = new BigInteger(1, b);
        return s.compareTo(Q) < 0 ? s : null;
    }

    public static byte[] encode(ECPoint p) {
        return p.normalize().getEncoded(false);
    }

    public static byte[] encode(BigInteger s) {
        byte[] b = s.toByteArray();
        byte[] out = new byte[32];
        if (b.length > 32) System.arraycopy(b, b.length - 32, out, 0, 32);
        else System.arraycopy(b, 0, out, 32 - b.length, b.length);
        return out;
    }
}
