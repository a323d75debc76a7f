package org.cvote.server.ballot;

import org.cvote.server.http.ApiException;
import org.cvote.server.http.Json;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollLifecycle;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.protocol.Contexts;
import org.cvote.server.protocol.H;
import org.cvote.server.protocol.PollContext;
import org.cvote.server.secret.RecordSigner;
import org.cvote.server.store.SqlStates;
import org.cvote.server.store.Tx;
import org.cvote.server.token.TokenCrypto;
import org.cvote.server.token.TokenKeyStore;
import org.cvote.server.token.TokenMessage;
import org.cvote.server.util.Hex;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

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
    private final ProofVerifier proofs;
    private final RecordSigner signer;

    public BallotIntake(Tx tx, PollStore polls, TokenKeyStore tokenKeys, TokenCrypto tokenCrypto, ProofVerifier proofs,
                        RecordSigner signer) {
        this.tx = tx;
        this.polls = polls;
        this.tokenKeys = tokenKeys;
        this.tokenCrypto = tokenCrypto;
        this.proofs = proofs;
        this.signer = signer;
    }

    private record Snapshot(PollContext ctx, int subjects, byte[] spki) {}

    public Receipt cast(String pollId, byte[] body) {
        BallotJson.Ballot parsed = Json.read(body, BallotJson.Ballot.class);
        Snapshot snap = tx.run(c -> {
            Poll p = polls.get(c, pollId);
            if (p.status() != PollStatus.OPEN) throw ApiException.conflict("poll_not_open", "the poll is not open for voting");
            PollContext ctx = Json.trusted(p.contextJson(), PollContext.class);
            return new Snapshot(ctx, polls.subjects(c, pollId).size(), tokenKeys.spki(c, pollId).orElseThrow());
        });
        DecodedBallot ballot = BallotDecoder.decode(parsed, pollId, snap.subjects());
        if (!TokenMessage.isFor(ballot.tokenMsg(), pollId)) {
            throw new ApiException(400, "invalid_token", "the token message is not a token of this poll", "token.msg");
        }
        if (ballot.tokenSig().length != tokenCrypto.modulusLength(snap.spki())) {
            throw new ApiException(400, "invalid_token", "the token signature has the wrong length", "token.sig");
        }
        if (!tokenCrypto.verify(snap.spki(), ballot.tokenMsg(), ballot.tokenSig())) {
            throw new ApiException(400, "invalid_token", "the token signature does not verify under this poll's key", "token.sig");
        }
        byte[] q = Hex.decodeStrict(snap.ctx().Q());
        byte[] tau = BallotHashes.tau(ballot.tokenMsg());
        String bad = proofs.firstInvalid(snap.ctx(), tau, ballot);
        if (bad != null) throw new ApiException(400, "invalid_proof", "proof does not verify", bad);
        byte[] ballotHash = BallotHashes.ballotHash(q, tau, ballot);
        String canonical = new String(Json.write(parsed), StandardCharsets.UTF_8);
        String spendKey = Hex.encode(H.sha256(ballot.tokenMsg()));

        int[] index = new int[1];
        byte[][] chain = new byte[1][];
        tx.exec(c -> {
            spend(c, pollId, spendKey);
            PollLifecycle.lockChain(c, pollId);
            // Re-checked under the lock: a close that committed first wins.
            if (polls.get(c, pollId).status() != PollStatus.OPEN) {
                throw ApiException.conflict("poll_not_open", "the poll closed before this ballot was stored");
            }
            int last;
            byte[] prev;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_index, last_hash FROM chain_head WHERE poll_id = ?")) {
                ps.setString(1, pollId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = rs.getInt(1);
                    prev = Hex.decodeStrict(rs.getString(2));
                }
            }
            int k = last + 1;
            byte[] t = Contexts.chain(prev, ballotHash);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ballot (poll_id, chain_index, ballot_hash, chain_hash, body) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, pollId);
                ps.setInt(2, k);
                ps.setString(3, Hex.encode(ballotHash));
                ps.setString(4, Hex.encode(t));
                ps.setString(5, canonical);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE chain_head SET last_index = ?, last_hash = ? WHERE poll_id = ?")) {
                ps.setInt(1, k);
                ps.setString(2, Hex.encode(t));
                ps.setString(3, pollId);
                ps.executeUpdate();
            }
            index[0] = k;
            chain[0] = t;
        });
        byte[] sig = signer.sign(Contexts.receipt(q, index[0], ballotHash, chain[0]));
        return new Receipt(index[0], Hex.encode(ballotHash), TrackingCode.of(chain[0]), Hex.encode(chain[0]), Hex.encode(sig));
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
