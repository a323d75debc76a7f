package org.cvote.crypto.group;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.FixedPointUtil;

/** The group of PROTOCOL.md §1: NIST P-256 with Bouncy Castle's custom (fast) field arithmetic. */
public final class P256 {
    static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
    static final ECCurve CURVE = PARAMS.getCurve();
    /** Group order q (prime; cofactor 1). */
    public static final BigInteger Q = PARAMS.getN();
    /** Field prime p. */
    public static final BigInteger P = CURVE.getField().getCharacteristic();
    static final ECPoint G_EC = PARAMS.getG().normalize();
    static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

    static {
        FixedPointUtil.precompute(G_EC);
    }

    private P256() {}
}
