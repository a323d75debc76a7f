package org.cvote.server.ballot;

import java.util.List;

/**
 * A ballot after every encoding was checked: points are 65-byte SEC1 uncompressed encodings on
 * P-256, scalars 32 bytes below q. Row i is subject i+1; options are HIGH, MID, LOW.
 */
public record DecodedBallot(byte[] tokenMsg, byte[] tokenSig, List<Row> rows) {
    public record Row(int subject, List<Option> options, Proof rowProof) {}

    public record Option(byte[] alpha, byte[] beta, Proof proof) {}

    /** Range proof with L = 1: a, b points; c, v scalars; two of each. */
    public record Proof(List<byte[]> a, List<byte[]> b, List<byte[]> c, List<byte[]> v) {}
}
