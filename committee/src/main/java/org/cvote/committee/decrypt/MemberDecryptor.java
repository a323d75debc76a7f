package org.cvote.committee.decrypt;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.DecryptionProof;

/**
 * A member's decryption (docs/protocol.md §9.2). It recomputes Q from the manifest and its own ceremony
 * result, verifies the whole board itself ({@link BoardVerifier}), recomputes the aggregate itself, and only
 * then computes M_{ℓ,λ} = s_ℓ·α_λ with a DLEQ proof for every label s&lt;i&gt;/o&lt;j&gt;. There is deliberately
 * no method that decrypts anything but the aggregate of a verified board.
 */
public final class MemberDecryptor {
    /** The outcome: the aggregate this member computed and the signed partial decryption to post. */
    public record Result(Aggregate aggregate, PartialDecryption partial, Digest q) {}

    private MemberDecryptor() {}

    public static Result decrypt(MemberIdentity id, MemberState st, TallyInput in, SecureRandom rng) throws BoardRejectedException {
        Objects.requireNonNull(id, "identity");
        Objects.requireNonNull(st, "member state");
        Objects.requireNonNull(in, "tally input");
        if (!st.done || st.secretShare == null) {
            throw new CommitteeException(CommitteeException.Kind.CONFLICT, "no_share", "this member has no finished ceremony for poll " + st.pollId);
        }
        if (!st.pollId.equals(in.manifest().pollId())) {
            throw new CommitteeException(CommitteeException.Kind.BAD_REQUEST, "wrong_poll", "the manifest is for poll " + in.manifest().pollId());
        }
        ContextInfo c = in.context();
        if (in.tokenSpki() != null && !Digest.sha256(in.tokenSpki()).equals(c.tokenKeyHash())) {
            throw new BoardRejectedException(List.of(new BoardRejectedException.Problem(0, "tokenKeyHash", "token key does not match its hash in the context")));
        }
        Digest q = new Context(in.manifest().hash(), st.n, st.t, st.allCommitments, st.jointKey, c.tokenKeyHash(), c.signingKeyHash()).hash();
        if (!q.equals(c.q()) || !st.jointKey.equals(c.jointKey()) || c.n() != st.n || c.t() != st.t
                || !in.manifest().hash().equals(c.manifestHash())) {
            throw new BoardRejectedException(List.of(new BoardRejectedException.Problem(0, "Q",
                    "the server's context (Q, K, n, t or manifest hash) differs from the one recomputed from this member's ceremony")));
        }
        int subjects = in.manifest().subjects().size();
        BoardVerifier.verify(in.board(), q, st.jointKey, in.manifest().pollId(), subjects, in.tokenSpki());
        Aggregate agg = Aggregate.of(in.board(), subjects);
        Point share = st.publicShare();
        List<DecryptionShare> shares = new ArrayList<>();
        for (Aggregate.Row r : agg.rows()) {
            for (int j = 0; j < Labels.OPTIONS; j++) {
                String label = Labels.option(r.subject(), j);
                Ciphertext ct = r.options().get(j);
                Point m = ct.alpha().multiply(st.secretShare);
                DecryptionProof.Statement stmt = new DecryptionProof.Statement(q, st.index, label, share, ct.alpha(), m);
                shares.add(new DecryptionShare(st.index, label, m, DecryptionProof.prove(stmt, st.secretShare, rng)));
            }
        }
        byte[] sig = id.sign(PartialDecryption.payload(q, st.index, agg.count(), shares).bytes());
        return new Result(agg, new PartialDecryption(st.index, agg.count(), shares, sig), q);
    }
}
