package org.cvote.server.protocol;

import org.cvote.server.poll.Subject;
import org.cvote.server.util.Hex;

import java.util.ArrayList;
import java.util.List;

/** Computes M, Q and T_0 (PROTOCOL.md §3, §7) from a poll's manifest and ceremony outcome. */
public final class Contexts {
    private Contexts() {}

    public static byte[] manifestHash(String pollId, String title, List<Subject> subjects) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(H.utf8(pollId));
        parts.add(H.utf8(title));
        parts.add(H.i2osp4(subjects.size()));
        for (Subject s : subjects) {
            parts.add(H.i2osp4(s.index()));
            parts.add(H.utf8(s.name()));
            parts.add(H.utf8(s.position()));
            parts.add(H.utf8(s.unit()));
        }
        return H.hash("cvote/v1/manifest", parts.toArray(byte[][]::new));
    }

    /** commitments: K_ij for i = 1..n, j = 0..t-1, in that order. */
    public static PollContext context(byte[] manifestHash, int n, int t, List<byte[]> commitments, byte[] jointKey,
                                      byte[] tokenSpki, byte[] signingKey) {
        byte[] tokenKeyHash = H.sha256(tokenSpki);
        byte[] signingKeyHash = H.sha256(signingKey);
        List<byte[]> parts = new ArrayList<>();
        parts.add(manifestHash);
        parts.add(H.i2osp4(n));
        parts.add(H.i2osp4(t));
        parts.addAll(commitments);
        parts.add(jointKey);
        parts.add(tokenKeyHash);
        parts.add(signingKeyHash);
        byte[] q = H.hash("cvote/v1/context", parts.toArray(byte[][]::new));
        return new PollContext(Hex.encode(manifestHash), n, t, commitments.stream().map(Hex::encode).toList(),
                Hex.encode(jointKey), Hex.encode(tokenKeyHash), Hex.encode(signingKeyHash), Hex.encode(q));
    }

    public static byte[] chain0(byte[] q) {
        return H.hash("cvote/v1/chain0", q);
    }

    public static byte[] chain(byte[] previous, byte[] ballotHash) {
        return H.hash("cvote/v1/chain", previous, ballotHash);
    }

    public static byte[] receipt(byte[] q, int index, byte[] ballotHash, byte[] chain) {
        return H.hash("cvote/v1/receipt", q, H.i2osp4(index), ballotHash, chain);
    }
}
