package org.cvote.committee.decrypt;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.crypto.token.TokenVerifier;

/**
 * Verifies a whole board as a member does before decrypting (docs/protocol.md §9.2): indices 1..N, every
 * ballot's shape, hash B_k and chain link T_k from T_0, every token unique (and, when the token key is
 * known, well-formed and validly signed), and every range and row proof — batched, in parallel chunks.
 */
public final class BoardVerifier {
    private static final int CHUNK = 256;

    private BoardVerifier() {}

    public static void verify(List<RecordedBallot> board, Digest q, Point jointKey, String pollId, int subjects,
                              byte[] tokenSpki) throws BoardRejectedException {
        List<BoardRejectedException.Problem> problems = Collections.synchronizedList(new ArrayList<>());
        BallotVerifier bv = BallotVerifier.create(q, jointKey, pollId, subjects);
        TokenVerifier tokenVerifier = tokenSpki == null ? null : tokenVerifier(tokenSpki, pollId, problems);
        // sequential: numbering, chain, token uniqueness
        Digest chain = BallotHashes.chainStart(q);
        Set<Digest> spent = new HashSet<>();
        Digest[] tau = new Digest[board.size()];
        for (int k = 0; k < board.size(); k++) {
            RecordedBallot rb = board.get(k);
            int idx = k + 1;
            if (rb.index() != idx) {
                problems.add(new BoardRejectedException.Problem(idx, "index", "expected index " + idx + ", got " + rb.index()));
            }
            byte[] msg = rb.token().msg();
            tau[k] = BallotHashes.tokenHash(msg);
            if (!spent.add(Digest.sha256(msg))) {
                problems.add(new BoardRejectedException.Problem(idx, "token", "token already used by an earlier ballot"));
            }
            Digest b = BallotHashes.ballotHash(q, tau[k], rb.rows());
            if (!b.equals(rb.hash())) {
                problems.add(new BoardRejectedException.Problem(idx, "hash", "ballot hash B_k does not match the ballot"));
            }
            chain = BallotHashes.chainNext(chain, b);
            if (!chain.equals(rb.chain())) {
                problems.add(new BoardRejectedException.Problem(idx, "chain", "tracking chain T_k does not follow T_{k-1}"));
                chain = rb.chain(); // report each break once
            }
        }
        // parallel: structure, tokens, proofs
        int chunks = (board.size() + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SecureRandom rng = new SecureRandom();
            BatchVerifier<String> batch = new BatchVerifier<>(rng);
            for (int k = c * CHUNK; k < Math.min(board.size(), (c + 1) * CHUNK); k++) {
                RecordedBallot rb = board.get(k);
                Ballot ballot = rb.ballot();
                int idx = k + 1;
                List<BallotVerifier.Problem> shape = bv.checkStructure(ballot);
                if (!shape.isEmpty()) {
                    shape.forEach(p -> problems.add(new BoardRejectedException.Problem(idx, p.field(), p.message())));
                    continue;
                }
                if (tokenVerifier != null) {
                    String tokenProblem = checkToken(tokenVerifier, rb.token());
                    if (tokenProblem != null) {
                        problems.add(new BoardRejectedException.Problem(idx, "token", tokenProblem));
                    }
                }
                bv.addProofs(ballot, tau[k], batch, idx + ":");
            }
            for (String f : batch.failures()) {
                int colon = f.indexOf(':');
                problems.add(new BoardRejectedException.Problem(Integer.parseInt(f.substring(0, colon)), f.substring(colon + 1),
                        "proof does not verify"));
            }
        });
        if (!problems.isEmpty()) {
            List<BoardRejectedException.Problem> sorted = new ArrayList<>(problems);
            sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
            throw new BoardRejectedException(sorted);
        }
    }

    private static TokenVerifier tokenVerifier(byte[] spki, String pollId, List<BoardRejectedException.Problem> problems) {
        try {
            return TokenVerifier.create(TokenPublicKey.fromSpki(spki), pollId);
        } catch (IllegalArgumentException e) {
            problems.add(new BoardRejectedException.Problem(0, "tokenKey", "token key rejected: " + e.getMessage()));
            return null;
        }
    }

    /** §13 token rules (structure, poll, 384-byte RSASSA-PSS signature) through the crypto module's verifier. */
    static String checkToken(TokenVerifier verifier, Ballot.Token token) {
        try {
            verifier.verify(token.msg(), token.sig());
            return null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "token rejected: " + e.getMessage();
        }
    }
}
