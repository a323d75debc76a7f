package org.cvote.server.ballot;

import org.bouncycastle.math.ec.ECPoint;
import org.cvote.server.protocol.PollContext;
import org.cvote.server.util.Hex;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;


/**
 * Checks each option's range proof (label {@code s<i>/o<j>}) and each row proof over the sum
 * of the row's three options (label {@code s<i>/row}), L = 1, as PROTOCOL.md §5 defines them.
 * One by one, no batching: interim until the crypto module's batch BallotVerifier is merged.
 */
public final class RangeProofVerifier implements ProofVerifier {

    @Override
    public String firstInvalid(PollContext ctx, byte[] tau, DecodedBallot ballot) {
        byte[] q = Hex.decodeStrict(ctx.Q());
        ECPoint k = P256.point(Hex.decodeStrict(ctx.jointKey()));
        for (int i = 0; i < ballot.rows().size(); i++) {
            DecodedBallot.Row row = ballot.rows().get(i);
            ECPoint sumA = null, sumB = null;
            for (int j = 0; j < row.options().size(); j++) {
                DecodedBallot.Option o = row.options().get(j);
                ECPoint alpha = P256.point(o.alpha()), beta = P256.point(o.beta());
                if (!verify(q, tau, "s" + row.subject() + "/o" + j, k, alpha, beta, o.proof())) {
                    return "rows[" + i + "].options[" + j + "].proof";
                }
                sumA = sumA == null ? alpha : sumA.add(alpha);
                sumB = sumB == null ? beta : sumB.add(beta);
            }
            if (sumA.isInfinity() || sumB.isInfinity()
                    || !verify(q, tau, "s" + row.subject() + "/row", k, sumA.normalize(), sumB.normalize(), row.rowProof())) {
                return "rows[" + i + "].rowProof";
            }
        }
        return null;
    }

    static boolean verify(byte[] q, byte[] tau, String label, ECPoint k, ECPoint alpha, ECPoint beta, DecodedBallot.Proof p) {
        int n = p.a().size();
        byte[][] parts = new byte[5 + 2 * n][];
        parts[0] = q;
        parts[1] = tau;
        parts[2] = label.getBytes(StandardCharsets.UTF_8);
        parts[3] = P256.encode(alpha);
        parts[4] = P256.encode(beta);
        BigInteger sum = BigInteger.ZERO;
        for (int j = 0; j < n; j++) {
            ECPoint a = P256.point(p.a().get(j)), b = P256.point(p.b().get(j));
            BigInteger c = P256.scalar(p.c().get(j)), v = P256.scalar(p.v().get(j));
            ECPoint betaMinus = j == 0 ? beta : beta.subtract(P256.G.multiply(BigInteger.valueOf(j)));
            if (!P256.G.multiply(v).add(alpha.multiply(c)).equals(a)) return false;
            if (!k.multiply(v).add(betaMinus.multiply(c)).equals(b)) return false;
            sum = sum.add(c);
            parts[5 + 2 * j] = p.a().get(j);
            parts[6 + 2 * j] = p.b().get(j);
        }
        return sum.mod(P256.Q).equals(hq("cvote/v1/range", parts));
    }

    /** Hq of §2: the H encoding hashed with SHA-512, read big-endian, mod q. */
    static BigInteger hq(String tag, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
            md.update((byte) (t.length >>> 8));
            md.update((byte) t.length);
            md.update(t);
            for (byte[] x : parts) {
                md.update(new byte[] {(byte) (x.length >>> 24), (byte) (x.length >>> 16), (byte) (x.length >>> 8), (byte) x.length});
                md.update(x);
            }
            return new BigInteger(1, md.digest()).mod(P256.Q);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
