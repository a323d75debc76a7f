package org.cvote.crypto.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.token.TokenKeyPair;
import org.cvote.crypto.token.TokenVerifier;
import org.junit.jupiter.api.Test;

/**
 * The one single-ballot routine (shape, token, proofs) of the committee and the verifier, both
 * ballot versions.
 */
class BallotCheckTest {
  private final SecureRandom rng = new SecureRandom();
  private final Point k = Point.baseMul(Scalar.random(rng)).precomputed();
  private final Digest q = Digest.sha256(new byte[] {7});

  private Ballot.Token token() {
    byte[] msg = new byte[112];
    rng.nextBytes(msg);
    return new Ballot.Token(msg, new byte[384]);
  }

  private static List<String> named(List<BoardFinding> fs) {
    return fs.stream().map(f -> f.index() + ":" + f.check() + ":" + f.field()).toList();
  }

  @Test
  void aValidVersion1BallotPassesAndEachDefectIsNamedWithItsCheck() {
    BallotCheck check = BallotCheck.of(BallotVerifier.create(q, k, "p", 2), null);
    Ballot ok = BallotEncryptor.encrypt("p", q, k, token(), new int[] {0, 2}, rng).ballot();
    Digest tau = BallotHashes.tokenHash(ok.token().msg());
    BatchVerifier<ProofRef> batch = new BatchVerifier<>(rng);
    assertEquals(List.of(), check.check(4, ok, tau, batch));
    assertEquals(6 + 2, batch.size()); // three option proofs and a row proof per subject
    assertEquals(List.of(), check.proofFailures(batch));

    // another poll's ballot: V4 (the poll is the token's binding); a missing row: V1; nothing
    // batched
    Ballot other = BallotEncryptor.encrypt("other", q, k, token(), new int[] {0, 2}, rng).ballot();
    BatchVerifier<ProofRef> none = new BatchVerifier<>(rng);
    assertTrue(
        named(check.check(5, other, tau, none)).contains("5:V4:poll"),
        named(check.shape(5, other)).toString());
    Ballot short1 = new Ballot("p", ok.token(), ok.rows().subList(0, 1));
    assertTrue(
        check.check(6, short1, tau, none).stream()
            .allMatch(f -> f.index() == 6 && f.check() == CheckId.V1));
    assertEquals(0, none.size());

    // a proof bound to another token hash fails in the batch, named by index and field
    BatchVerifier<ProofRef> wrong = new BatchVerifier<>(rng);
    check.addProofs(7, ok, Digest.sha256(new byte[] {1}), wrong);
    List<BoardFinding> failures = check.proofFailures(wrong);
    assertEquals(8, failures.size());
    assertTrue(
        failures.stream().allMatch(f -> f.index() == 7 && f.check() == CheckId.V5 && f.checked()));
    assertTrue(named(failures).contains("7:V5:rows[1].rowProof"), named(failures).toString());
  }

  @Test
  void aTokenThatDoesNotVerifyIsAV4FindingAndTheProofsAreStillChecked() {
    TokenVerifier tokens = TokenVerifier.create(TokenKeyPair.generate(rng).publicKey(), "p");
    BallotCheck check = BallotCheck.of(BallotVerifier.create(q, k, "p", 1), tokens);
    Ballot b = BallotEncryptor.encrypt("p", q, k, token(), new int[] {1}, rng).ballot();
    BatchVerifier<ProofRef> batch = new BatchVerifier<>(rng);
    List<BoardFinding> fs = check.check(2, b, BallotHashes.tokenHash(b.token().msg()), batch);
    assertEquals(List.of("2:V4:token"), named(fs));
    assertTrue(fs.get(0).message().startsWith("token rejected"), fs.get(0).message());
    assertEquals(4, batch.size());
    assertEquals(List.of(), check.proofFailures(batch));
  }

  @Test
  void version2RowProofsUnderTheWrongBaseFailAsRowProofs() {
    EncodingV2 enc = EncodingV2.forSummoned(12);
    BallotV2 b =
        BallotV2Encryptor.encrypt("p", q, k, enc, token(), new int[] {2, -1}, rng).ballot();
    Digest tau = BallotHashes.tokenHash(b.token().msg());
    BallotCheck good = BallotCheck.ofV2(BallotV2Verifier.create(q, k, "p", 2, enc), null);
    BatchVerifier<ProofRef> batch = new BatchVerifier<>(rng);
    assertEquals(List.of(), good.check(3, b, tau, batch));
    assertEquals(List.of(), good.proofFailures(batch));

    BallotCheck otherBase =
        BallotCheck.ofV2(BallotV2Verifier.create(q, k, "p", 2, new EncodingV2(14)), null);
    BatchVerifier<ProofRef> wrong = new BatchVerifier<>(rng);
    assertEquals(List.of(), otherBase.check(3, b, tau, wrong));
    List<BoardFinding> failures = new ArrayList<>(otherBase.proofFailures(wrong));
    assertEquals(
        List.of("3:V5:rows[0].proof", "3:V5:rows[1].proof"),
        named(failures).stream().sorted().toList());
    assertEquals("row proof does not verify", failures.get(0).message());
    // a version 2 check does not read a version 1 ballot
    Ballot v1 = BallotEncryptor.encrypt("p", q, k, token(), new int[] {0, 0}, rng).ballot();
    assertThrows(IllegalStateException.class, () -> good.shape(1, v1));
  }
}
