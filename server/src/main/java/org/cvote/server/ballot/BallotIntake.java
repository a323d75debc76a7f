package org.cvote.server.ballot;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.token.PreparedToken;
import org.cvote.crypto.token.TokenPublicKey;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStore;
import org.cvote.server.protocol.Contexts;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.secret.RecordSigner;
import org.cvote.server.store.Tx;
import org.cvote.server.token.TokenCrypto;
import org.cvote.server.token.TokenKeyStore;

/**
 * Accepts a ballot: everything is validated before anything is stored (shape, token, then the
 * proofs, batched with other ballots cast at the same moment by {@link ProofBatcher}); then {@link
 * BoardAppender} spends the token and appends the ballot in one transaction (grouped with others).
 * Only after the commit is the receipt signed and returned. Nothing about the sender (address,
 * time, identity) reaches this class.
 */
public final class BallotIntake {
  private final Tx tx;
  private final PollStore polls;
  private final TokenKeyStore tokenKeys;
  private final TokenCrypto tokenCrypto;
  private final RecordSigner signer;
  private final java.time.Clock clock;
  private final ProofBatcher batcher;
  private final BoardAppender appender;

  public BallotIntake(
      Tx tx,
      PollStore polls,
      TokenKeyStore tokenKeys,
      TokenCrypto tokenCrypto,
      RecordSigner signer,
      java.time.Clock clock,
      ProofBatcher batcher,
      BoardAppender appender) {
    this.batcher = batcher;
    this.appender = appender;
    this.clock = clock;
    this.tx = tx;
    this.polls = polls;
    this.tokenKeys = tokenKeys;
    this.tokenCrypto = tokenCrypto;
    this.signer = signer;
  }

  /**
   * What a cast needs of its poll; fixed once the poll is open (the context, hashed into Q, is set
   * by the ceremony). The ballot verifier of the poll's version (exactly one of {@code v1}, {@code
   * v2}) holds the joint key's precomputation (and for version 2 the manifest's B), the token
   * verifier the parsed RSA key; both are built once per poll and context.
   */
  private record Snapshot(
      String q,
      Digest context,
      BallotVerifier v1,
      BallotV2Verifier v2,
      TokenCrypto.Verifier tokens) {}

  /**
   * Per poll, the snapshot last read: an open poll's context, subjects and token key never change.
   */
  private final ConcurrentHashMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();

  /** A ballot that passed every check: what the board stores. */
  private record Checked(String spendKey, Digest ballotHash, byte[] canonical) {}

  public Receipt cast(String pollId, byte[] body) {
    Snapshot snap =
        tx.run(
            c -> {
              // only the status, end time and Q for each cast; the rest once per poll (and context)
              Poll.Gate gate = polls.gate(c, pollId);
              if (!gate.acceptsVotes(clock.instant())) {
                throw Refusal.conflict("poll_not_open", "the poll is not open for voting");
              }
              Snapshot known = snapshots.get(pollId);
              if (known != null && Objects.equals(known.q(), gate.q())) {
                return known;
              }
              Poll p = polls.get(c, pollId);
              Context ctx = Contexts.stored(p);
              int subjects = polls.subjects(c, pollId).size();
              // the version is the poll's (fixed with M inside Q), never the ballot's
              Optional<EncodingV2> encoding = Contexts.encoding(p);
              BallotVerifier v1 =
                  encoding.isPresent()
                      ? null
                      : BallotVerifier.create(ctx.hash(), ctx.jointKey(), pollId, subjects);
              BallotV2Verifier v2 =
                  encoding
                      .map(
                          e ->
                              BallotV2Verifier.create(
                                  ctx.hash(), ctx.jointKey(), pollId, subjects, e))
                      .orElse(null);
              Snapshot fresh =
                  new Snapshot(
                      p.q(),
                      ctx.hash(),
                      v1,
                      v2,
                      tokenCrypto.verifier(tokenKeys.spki(c, pollId).orElseThrow(), pollId));
              snapshots.put(pollId, fresh);
              return fresh;
            });
    Checked checked = snap.v2() != null ? checkV2(pollId, snap, body) : checkV1(pollId, snap, body);
    BoardAppender.Appended at =
        appender.append(
            new BoardAppender.Entry(
                pollId, checked.spendKey(), checked.ballotHash(), checked.canonical()));
    Digest q = snap.context();
    byte[] signature =
        signer.sign(BallotHashes.receipt(q, at.index(), checked.ballotHash(), at.chain()).bytes());
    return new Receipt(
        at.index(),
        checked.ballotHash().toHex(),
        BallotHashes.trackingCode(at.chain()),
        at.chain().toHex(),
        Hex.encode(signature));
  }

  /** Version 1 (§7.1): shape, token, then the proofs (batched); B_k of §7.3. */
  private Checked checkV1(String pollId, Snapshot snap, byte[] body) {
    Ballot ballot = BallotParser.parse(body);
    BallotVerifier verifier = snap.v1();
    firstProblem(verifier.checkStructure(ballot));
    String spendKey = checkToken(pollId, snap, ballot.token());
    Digest tau = BallotHashes.tokenHash(ballot.token().msg());
    firstProblem(batcher.verify(verifier, ballot, tau));
    return new Checked(
        spendKey, BallotHashes.ballotHash(snap.context(), tau, ballot.rows()), canonical(ballot));
  }

  /**
   * Version 2 (§16.2): shape, token, then the row proofs (batched, B from the poll's manifest); B_k
   * of §16.5.
   */
  private Checked checkV2(String pollId, Snapshot snap, byte[] body) {
    BallotV2 ballot = BallotParser.parseV2(body);
    BallotV2Verifier verifier = snap.v2();
    firstProblem(verifier.checkStructure(ballot));
    String spendKey = checkToken(pollId, snap, ballot.token());
    Digest tau = BallotHashes.tokenHash(ballot.token().msg());
    firstProblem(batcher.verify(verifier, ballot, tau));
    return new Checked(
        spendKey, BallotV2.hash(snap.context(), tau, ballot.rows()), canonical(ballot));
  }

  /**
   * The token of §6 (the same in both versions): of this poll, signed by its key, not yet spent.
   * Returns the spend key.
   */
  private String checkToken(String pollId, Snapshot snap, Ballot.Token token) {
    byte[] msg = token.msg();
    byte[] sig = token.sig();
    try {
      PreparedToken.parse(
          msg, pollId); // the message names its poll: a token of another poll stops here
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          Refusal.Kind.BAD_INPUT,
          "invalid_token",
          "not a token of this poll: " + e.getMessage(),
          "token.msg");
    }
    if (sig.length != TokenPublicKey.MODULUS_LENGTH) {
      throw new Refusal(
          Refusal.Kind.BAD_INPUT,
          "invalid_token",
          "the token signature must be " + TokenPublicKey.MODULUS_LENGTH + " bytes",
          "token.sig");
    }
    if (!snap.tokens().isValid(msg, sig)) {
      throw new Refusal(
          Refusal.Kind.BAD_INPUT,
          "invalid_token",
          "the token signature does not verify under this poll's key",
          "token.sig");
    }
    String spendKey = Hex.encode(PreparedToken.spendKeyOf(msg));
    // A cheap early refusal of a replayed token (its proofs are not worth checking); the unique key
    // in the appender's transaction is what actually decides.
    if (tx.run(c -> spent(c, pollId, spendKey))) {
      throw Refusal.conflict(
          "token_spent", "this token has already been used to cast a ballot", "token");
    }
    return spendKey;
  }

  /** The ballot's canonical JSON (what the board serves). */
  private static byte[] canonical(Object ballot) {
    try {
      return ProtocolJson.mapper().writeValueAsBytes(ballot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void firstProblem(List<BallotVerifier.Problem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    BallotVerifier.Problem p = problems.get(0);
    boolean proof = p.kind().aboutProof();
    throw new Refusal(
        Refusal.Kind.BAD_INPUT, proof ? "invalid_proof" : "invalid", p.message(), p.field());
  }

  private static boolean spent(Connection c, String pollId, String spendKey) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM token_spend WHERE poll_id = ? AND token_hash = ?")) {
      ps.setString(1, pollId);
      ps.setString(2, spendKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
