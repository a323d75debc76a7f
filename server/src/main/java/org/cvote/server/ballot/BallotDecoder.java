package org.cvote.server.ballot;

import org.cvote.server.http.ApiException;
import org.cvote.server.util.Hex;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the shape and every encoding of a parsed ballot against the poll (id, number of
 * subjects), naming the JSON path of the first defect. Nothing cryptographic beyond encodings.
 */
public final class BallotDecoder {
    private static final int OPTIONS = 3;
    private static final int L = 1;

    private BallotDecoder() {}

    public static DecodedBallot decode(BallotJson.Ballot b, String pollId, int subjects) {
        if (b.poll() == null) throw ApiException.missing("poll");
        if (!b.poll().equals(pollId)) throw ApiException.invalid("poll", "ballot is for another poll");
        if (b.token() == null) throw ApiException.missing("token");
        byte[] msg = hex(b.token().msg(), "token.msg");
        byte[] sig = hex(b.token().sig(), "token.sig");
        if (b.rows() == null) throw ApiException.missing("rows");
        if (b.rows().size() != subjects) {
            throw ApiException.invalid("rows", "expected " + subjects + " rows, one per subject in manifest order");
        }
        List<DecodedBallot.Row> rows = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            String rp = "rows[" + i + "]";
            BallotJson.Row r = b.rows().get(i);
            if (r == null) throw ApiException.missing(rp);
            if (r.subject() == null) throw ApiException.missing(rp + ".subject");
            if (r.subject() != i + 1) throw ApiException.invalid(rp + ".subject", "expected subject " + (i + 1));
            if (r.options() == null) throw ApiException.missing(rp + ".options");
            if (r.options().size() != OPTIONS) throw ApiException.invalid(rp + ".options", "expected 3 options: HIGH, MID, LOW");
            List<DecodedBallot.Option> opts = new ArrayList<>();
            for (int j = 0; j < OPTIONS; j++) {
                String op = rp + ".options[" + j + "]";
                BallotJson.Option o = r.options().get(j);
                if (o == null) throw ApiException.missing(op);
                opts.add(new DecodedBallot.Option(point(o.alpha(), op + ".alpha"), point(o.beta(), op + ".beta"),
                        proof(o.proof(), op + ".proof")));
            }
            rows.add(new DecodedBallot.Row(i + 1, opts, proof(r.rowProof(), rp + ".rowProof")));
        }
        return new DecodedBallot(msg, sig, rows);
    }

    private static DecodedBallot.Proof proof(BallotJson.Proof p, String path) {
        if (p == null) throw ApiException.missing(path);
        return new DecodedBallot.Proof(list(p.a(), path + ".a", true), list(p.b(), path + ".b", true),
                list(p.c(), path + ".c", false), list(p.v(), path + ".v", false));
    }

    private static List<byte[]> list(List<String> values, String path, boolean points) {
        if (values == null) throw ApiException.missing(path);
        if (values.size() != L + 1) throw ApiException.invalid(path, "expected " + (L + 1) + " values");
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            String ep = path + "[" + k + "]";
            out.add(points ? point(values.get(k), ep) : scalar(values.get(k), ep));
        }
        return out;
    }

    private static byte[] hex(String s, String path) {
        if (s == null) throw ApiException.missing(path);
        byte[] b = Hex.decodeStrict(s);
        if (b == null) throw ApiException.invalid(path, "not lowercase hex of even length");
        return b;
    }

    private static byte[] point(String s, String path) {
        byte[] b = hex(s, path);
        if (P256.point(b) == null) throw ApiException.invalid(path, "not a valid P-256 point (65-byte uncompressed)");
        return b;
    }

    private static byte[] scalar(String s, String path) {
        byte[] b = hex(s, path);
        if (P256.scalar(b) == null) throw ApiException.invalid(path, "not a scalar (32 bytes, below the group order)");
        return b;
    }
}
