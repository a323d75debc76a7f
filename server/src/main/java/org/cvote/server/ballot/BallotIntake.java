package org.cvote.server.ballot;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.server.http.ApiException;
import org.cvote.server.http.Json;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollLifecycle;
import org.cvote.server.poll.PollStore;
import org.cvote.server.protocol.PollContext;
import org.cvote.server.secret.RecordSigner;
import org.cvote.server.store.SqlStates;
import org.cvote.server.store.Tx;
import org.cvote.server.token.TokenCrypto;
import org.cvote.server.token.TokenKeyStore;
import org.cvote.crypto.token.PreparedToken;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.server.util.Hex;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts a ballot: everything is validated before anything is stored; then one transaction
 * spends the token (unique key), takes the chain-head lock, appends the ballot with its chain
 * link, and moves the head. Only after the commit is the receipt signed and returned.
 * Nothing about the sender (address, time, identity) reaches this class.
 */
public final class BallotIntake {
    private final Tx tx;
    private final PollStore polls;
    private final TokenKeyStore tokenKeys;
    private final TokenCrypto tokenCrypto;
    private final RecordSigner signer;
    private final java.time.Clock clock;
    private final SecureRandom rng = new SecureRandom();
    /** Per poll (and Q): a verifier with the joint key's precomputation, built once. */
    private final ConcurrentHashMap<String, BallotVerifier> verifiers = new ConcurrentHashMap<>();

    public BallotIntake(Tx tx, PollStore polls, TokenKeyStore tokenKeys, TokenCrypto tokenCrypto, RecordSigner signer,
                        java.time.Clock clock) {
        this.clock = clock;
        this.tx = tx;
        this.polls = polls;
        this.tokenKeys = tokenKeys;
        this.tokenCrypto = tokenCrypto;
        this.signer = signer;
    }

    private record Snapshot(PollContext ctx, int subjects, byte[] spki) {}

    public Receipt cast(String pollId, byte[] body) {
        Snapshot snap = tx.run(c -> {
            Poll p = polls.get(c, pollId);
            if (!p.acceptsVotes(clock.instant())) throw ApiException.conflict("poll_not_open", "the poll is not open for voting");
            PollContext ctx = Json.trusted(p.contextJson(), PollContext.class);
            return new Snapshot(ctx, polls.subjects(c, pollId).size(), tokenKeys.spki(c, pollId).orElseThrow());
        });
        Ballot ballot = BallotParser.parse(body);
        BallotVerifier verifier = verifiers.computeIfAbsent(pollId + "/" + snap.ctx().Q(), k ->
                BallotVerifier.create(Digest.fromHex(snap.ctx().Q()), Point.fromHex(snap.ctx().jointKey()), pollId, snap.subjects()));
        firstProblem(verifier.checkStructure(ballot));
        byte[] msg = ballot.token().msg();
        byte[] sig = ballot.token().sig();
        try {
            PreparedToken.parse(msg, pollId); // the message names its poll: a token of another poll stops here
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_token", "not a token of this poll: " + e.getMessage(), "token.msg");
        }
        if (sig.length != TokenPublicKey.MODULUS_LENGTH) {
            throw new ApiException(400, "invalid_token", "the token signature must be " + TokenPublicKey.MODULUS_LENGTH + " bytes", "token.sig");
        }
        if (!tokenCrypto.verify(snap.spki(), pollId, msg, sig)) {
            throw new ApiException(400, "invalid_token", "the token signature does not verify under this poll's key", "token.sig");
        }
        firstProblem(verifier.verify(ballot, rng));
        Digest q = verifier.context();
        Digest ballotHash = BallotHashes.ballotHash(q, ballot);
        String canonical;
        try {
            canonical = ProtocolJson.mapper().writeValueAsString(ballot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String spendKey = Hex.encode(PreparedToken.spendKeyOf(msg));

        Object[] out = new Object[2];
        tx.exec(c -> {
            spend(c, pollId, spendKey);
            PollLifecycle.lockChain(c, pollId);
            // Re-checked under the lock: a close that committed first wins.
            if (!polls.get(c, pollId).acceptsVotes(clock.instant())) {
                throw ApiException.conflict("poll_not_open", "the poll closed before this ballot was stored");
            }
            int last;
            Digest prev;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_index, last_hash FROM chain_head WHERE poll_id = ?")) {
                ps.setString(1, pollId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = rs.getInt(1);
                    prev = Digest.fromHex(rs.getString(2));
                }
            }
            int k = last + 1;
            Digest t = BallotHashes.chainNext(prev, ballotHash);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ballot (poll_id, chain_index, ballot_hash, chain_hash, body) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, pollId);
                ps.setInt(2, k);
                ps.setString(3, ballotHash.toHex());
                ps.setString(4, t.toHex());
                ps.setString(5, canonical);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE chain_head SET last_index = ?, last_hash = ? WHERE poll_id = ?")) {
                ps.setInt(1, k);
                ps.setString(2, t.toHex());
                ps.setString(3, pollId);
                ps.executeUpdate();
            }
            out[0] = k;
            out[1] = t;
        });
        int index = (Integer) out[0];
        Digest chain = (Digest) out[1];
        byte[] signature = signer.sign(BallotHashes.receipt(q, index, ballotHash, chain).bytes());
        return new Receipt(index, ballotHash.toHex(), BallotHashes.trackingCode(chain), chain.toHex(), Hex.encode(signature));
    }

    private static void firstProblem(List<BallotVerifier.Problem> problems) {
        if (problems.isEmpty()) return;
        BallotVerifier.Problem p = problems.get(0);
        boolean proof = p.field().endsWith("proof") || p.field().endsWith("Proof");
        throw new ApiException(400, proof ? "invalid_proof" : "invalid", p.message(), p.field());
    }

    private static void spend(Connection c, String pollId, String spendKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO token_spend (poll_id, token_hash) VALUES (?, ?)")) {
            ps.setString(1, pollId);
            ps.setString(2, spendKey);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw ApiException.conflict("token_spent", "this token has already been used to cast a ballot", "token");
            }
            throw e;
        }
    }
}
