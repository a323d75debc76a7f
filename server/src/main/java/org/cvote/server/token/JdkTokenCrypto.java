package org.cvote.server.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Server side of RFC 9474 on the JDK's RSA: key generation, raw blind signing (with the RFC's
 * check that s^e = m, which guards against a fault leaking the key), and PSS verification.
 * Interim until the crypto module's {@code org.cvote.crypto.token} is merged.
 */
public final class JdkTokenCrypto implements TokenCrypto {
    private static final PSSParameterSpec PSS = new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
    private final int bits;

    public JdkTokenCrypto() {
        this(3072);
    }

    JdkTokenCrypto(int bits) {
        this.bits = bits;
    }

    @Override
    public KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
            java.security.KeyPair kp = g.generateKeyPair();
            return new KeyPair(kp.getPublic().getEncoded(), kp.getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int modulusLength(byte[] spki) {
        return (publicKey(spki).getModulus().bitLength() + 7) / 8;
    }

    @Override
    public byte[] blindSign(byte[] pkcs8, byte[] blinded) {
        RSAPrivateCrtKey sk = privateKey(pkcs8);
        BigInteger n = sk.getModulus();
        int k = (n.bitLength() + 7) / 8;
        if (blinded.length != k) throw new IllegalArgumentException("blinded message must be " + k + " bytes");
        BigInteger m = new BigInteger(1, blinded);
        if (m.compareTo(n) >= 0) throw new IllegalArgumentException("blinded message is not below the modulus");
        // CRT exponentiation
        BigInteger s1 = m.mod(sk.getPrimeP()).modPow(sk.getPrimeExponentP(), sk.getPrimeP());
        BigInteger s2 = m.mod(sk.getPrimeQ()).modPow(sk.getPrimeExponentQ(), sk.getPrimeQ());
        BigInteger h = sk.getCrtCoefficient().multiply(s1.subtract(s2)).mod(sk.getPrimeP());
        BigInteger s = s2.add(h.multiply(sk.getPrimeQ()));
        if (!s.modPow(sk.getPublicExponent(), n).equals(m)) {
            throw new IllegalStateException("blind signature self-check failed");
        }
        return i2osp(s, k);
    }

    @Override
    public boolean verify(byte[] spki, byte[] msg, byte[] sig) {
        try {
            RSAPublicKey pk = publicKey(spki);
            if (sig.length != (pk.getModulus().bitLength() + 7) / 8) return false;
            Signature v = Signature.getInstance("RSASSA-PSS");
            v.setParameter(PSS);
            v.initVerify(pk);
            v.update(msg);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static RSAPublicKey publicKey(byte[] spki) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bad token public key", e);
        }
    }

    private static RSAPrivateCrtKey privateKey(byte[] pkcs8) {
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bad token private key", e);
        }
    }

    static byte[] i2osp(BigInteger x, int len) {
        byte[] b = x.toByteArray();
        if (b.length == len) return b;
        byte[] out = new byte[len];
        if (b.length > len) {
            System.arraycopy(b, b.length - len, out, 0, len);
        } else {
            System.arraycopy(b, 0, out, len - b.length, b.length);
        }
        return out;
    }
}
