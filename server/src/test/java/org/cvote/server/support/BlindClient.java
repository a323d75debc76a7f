package org.cvote.server.support;

import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindingEngine;
import org.bouncycastle.crypto.params.RSABlindingParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.cvote.server.token.TokenMessage;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * A Java voter's side of RFC 9474 (RSABSSA-SHA384-PSS-Randomized) for tests: Prepare, Blind with
 * r drawn uniformly from [1, n) with gcd(r, n) = 1 (PROTOCOL.md §6), Finalize.
 */
public final class BlindClient {
    private static final SecureRandom RNG = new SecureRandom();

    public final byte[] prepared;
    public final byte[] blinded;
    private final RSAKeyParameters pub;
    private final BigInteger r;

    public BlindClient(byte[] spki, String pollId) {
        try {
            RSAPublicKey pk = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
            this.pub = new RSAKeyParameters(false, pk.getModulus(), pk.getPublicExponent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        byte[] rand = new byte[32];
        RNG.nextBytes(rand);
        byte[] msg = TokenMessage.unprepared(pollId, rand);
        byte[] prefix = new byte[32];
        RNG.nextBytes(prefix);
        prepared = new byte[32 + msg.length];
        System.arraycopy(prefix, 0, prepared, 0, 32);
        System.arraycopy(msg, 0, prepared, 32, msg.length);
        BigInteger n = pub.getModulus();
        BigInteger candidate;
        do {
            candidate = new BigInteger(n.bitLength(), RNG);
        } while (candidate.signum() == 0 || candidate.compareTo(n) >= 0 || !candidate.gcd(n).equals(BigInteger.ONE));
        r = candidate;
        PSSSigner blinder = new PSSSigner(new RSABlindingEngine(), new SHA384Digest(), 48);
        blinder.init(true, new RSABlindingParameters(pub, r));
        blinder.update(prepared, 0, prepared.length);
        try {
            blinded = blinder.generateSignature();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unblinds the server's blind signature into the token signature (k bytes). */
    public byte[] finalize(byte[] blindSig) {
        RSABlindingEngine unblind = new RSABlindingEngine();
        unblind.init(false, new RSABlindingParameters(pub, r));
        byte[] s = unblind.processBlock(blindSig, 0, blindSig.length);
        int k = (pub.getModulus().bitLength() + 7) / 8;
        if (s.length == k) return s;
        byte[] out = new byte[k];
        System.arraycopy(s, 0, out, k - s.length, s.length);
        return out;
    }
}
