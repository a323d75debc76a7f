package org.cvote.crypto.board;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.token.TokenVerifier;

/**
 * The checks of one board ballot that need no other ballot (docs/protocol.md §11 V1 shape, V4 token
 * signature, V5 proofs; §16.3–§16.4 for ballot version 2), with typed results ({@link
 * BoardFinding}: board index, check, field). The in-order checks (index, B_k, chain, token unique)
 * are {@link BoardChain}'s. The one routine of the committee's check before decrypting (§9.2) and
 * of the verifier's streaming pass: a ballot's proofs go into the caller's batch (one per worker
 * chunk), whose failures {@link #proofFailures} names. Immutable and thread-safe.
 */
public final class BallotCheck {
  private final BallotVerifier v1;
  private final BallotV2Verifier v2;
  private final TokenVerifier tokens;

  private BallotCheck(BallotVerifier v1, BallotV2Verifier v2, TokenVerifier tokens) {
    this.v1 = v1;
    this.v2 = v2;
    this.tokens = tokens;
  }

  /** Ballot version 1; {@code tokens} is null when the token key is not checked here. */
  public static BallotCheck of(BallotVerifier verifier, TokenVerifier tokens) {
    return new BallotCheck(Objects.requireNonNull(verifier, "verifier"), null, tokens);
  }

  /**
   * Ballot version 2 (docs/protocol.md §16); {@code tokens} is null when the token key is not
   * checked here.
   */
  public static BallotCheck ofV2(BallotV2Verifier verifier, TokenVerifier tokens) {
    return new BallotCheck(null, Objects.requireNonNull(verifier, "verifier"), tokens);
  }

  /** The ballot version this check reads: 1 or 2. */
  public int version() {
    return v2 == null ? 1 : 2;
  }

  /** Shape against the manifest (V1; the poll it names under V4). */
  public List<BoardFinding> shape(int index, Ballot ballot) {
    return findings(index, version1().checkStructure(ballot));
  }

  /** Shape of a version 2 ballot against the manifest and B (V1; the poll under V4). */
  public List<BoardFinding> shape(int index, BallotV2 ballot) {
    return findings(index, version2().checkStructure(ballot));
  }

  /**
   * The token's RSA-PSS signature and poll under the token key (V4); empty when it passes or no key
   * is given.
   */
  public List<BoardFinding> token(int index, Ballot.Token token) {
    if (tokens == null) {
      return List.of();
    }
    try {
      tokens.verify(token.msg(), token.sig());
      return List.of();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return List.of(
          BoardFinding.failed(index, CheckId.V4, "token", "token rejected: " + e.getMessage()));
    }
  }

  /** Adds the ballot's proofs (V5) to {@code batch}, each named by board index and field. */
  public void addProofs(int index, Ballot ballot, Digest tau, BatchVerifier<ProofRef> batch) {
    version1().addProofs(ballot, tau, batch, field -> new ProofRef(index, field));
  }

  /** Adds a version 2 ballot's row proofs (V5) to {@code batch}. */
  public void addProofs(int index, BallotV2 ballot, Digest tau, BatchVerifier<ProofRef> batch) {
    version2().addProofs(ballot, tau, batch, field -> new ProofRef(index, field));
  }

  /**
   * Shape, then (when the shape holds) token and proofs: the whole single-ballot check of a version
   * 1 ballot.
   */
  public List<BoardFinding> check(
      int index, Ballot ballot, Digest tau, BatchVerifier<ProofRef> batch) {
    return whenShaped(
        shape(index, ballot), index, ballot.token(), () -> addProofs(index, ballot, tau, batch));
  }

  /** The same for a version 2 ballot. */
  public List<BoardFinding> check(
      int index, BallotV2 ballot, Digest tau, BatchVerifier<ProofRef> batch) {
    return whenShaped(
        shape(index, ballot), index, ballot.token(), () -> addProofs(index, ballot, tau, batch));
  }

  /**
   * A ballot without the manifest's shape stops at its shape findings; otherwise its proofs and
   * token are checked.
   */
  private List<BoardFinding> whenShaped(
      List<BoardFinding> shape, int index, Ballot.Token token, Runnable addProofs) {
    if (!shape.isEmpty()) {
      return shape;
    }
    addProofs.run();
    return token(index, token);
  }

  /** The batch's failing proofs (V5), one finding each. */
  public List<BoardFinding> proofFailures(BatchVerifier<ProofRef> batch) {
    List<BoardFinding> out = new ArrayList<>();
    for (ProofRef f : batch.failures()) {
      out.add(
          v2 == null
              ? BoardFinding.of(f.index(), BallotVerifier.Problem.proofFails(f.field()))
              : BoardFinding.failed(f.index(), CheckId.V5, f.field(), "row proof does not verify"));
    }
    return out;
  }

  private BallotVerifier version1() {
    if (v1 == null) {
      throw new IllegalStateException("this check reads ballot version 2");
    }
    return v1;
  }

  private BallotV2Verifier version2() {
    if (v2 == null) {
      throw new IllegalStateException("this check reads ballot version 1");
    }
    return v2;
  }

  private static List<BoardFinding> findings(int index, List<BallotVerifier.Problem> problems) {
    List<BoardFinding> out = new ArrayList<>(problems.size());
    for (BallotVerifier.Problem p : problems) {
      out.add(BoardFinding.of(index, p));
    }
    return out;
  }
}
