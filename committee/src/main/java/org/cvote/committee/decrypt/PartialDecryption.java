package org.cvote.committee.decrypt;

import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;

/**
 * What a member posts after close: its partial decryption of every aggregate label, for the board of
 * {@code count} ballots it verified, signed over
 * H("cvote/v1/post/decryption", Q, I2OSP(i,4), I2OSP(count,4), per share: label, M, a, b, c, v).
 */
@JsonPropertyOrder({"member", "count", "shares", "signature"})
public record PartialDecryption(int member, int count, List<DecryptionShare> shares, byte[] signature) {
    public PartialDecryption {
        shares = List.copyOf(Objects.requireNonNull(shares, "shares"));
        Objects.requireNonNull(signature, "signature");
    }

    public static Digest payload(Digest q, int member, int count, List<DecryptionShare> shares) {
        Transcript h = Transcript.of(Tag.POST_DECRYPTION).hash(q).integer(member).integer(count);
        for (DecryptionShare s : shares) {
            h.string(s.label()).point(s.m()).point(s.proof().a()).point(s.proof().b()).scalar(s.proof().c()).scalar(s.proof().v());
        }
        return h.digest();
    }
}
