package org.cvote.server.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cross-request batching gives every ballot exactly the answer checking it alone would. */
class ProofBatcherTest {
  private static final SecureRandom RNG = new SecureRandom();
  private ProofBatcher batcher;

  @AfterEach
  void close() {
    if (batcher != null) {
      batcher.close();
    }
  }

  private record Poll(String id, BallotVerifier verifier, Digest q, Point k, int subjects) {
    static Poll create(String id, int subjects) {
      Digest q = Digest.sha256(id.getBytes());
      Point k = Point.baseMul(Scalar.random(RNG)).precomputed();
      return new Poll(id, BallotVerifier.create(q, k, id, subjects), q, k, subjects);
    }

    Ballot ballot() {
      byte[] msg = new byte[80];
      RNG.nextBytes(msg);
      int[] choices = new int[subjects];
      for (int i = 0; i < choices.length; i++) {
        choices[i] = RNG.nextInt(4) - 1; // -1 is a blank row
      }
      return BallotEncryptor.encrypt(id, q, k, new Ballot.Token(msg, new byte[384]), choices, RNG)
          .ballot();
    }
  }

  /**
   * The row proof of row 1 taken from another ballot: well-formed, but bound to another token and
   * ciphertexts.
   */
  private static Ballot withForeignRowProof(Ballot b, Ballot donor) {
    List<Ballot.Row> rows = new ArrayList<>(b.rows());
    Ballot.Row r = rows.get(1);
    rows.set(1, new Ballot.Row(r.subject(), r.options(), donor.rows().get(1).rowProof()));
    return new Ballot(b.poll(), b.token(), rows);
  }

  @Test
  void concurrentBallotsOfTwoPollsWithSomeBadOnesGetExactlyTheSingleAnswers() throws Exception {
    batcher = ProofBatcher.create(2, 16);
    Poll a = Poll.create("poll-a", 3);
    Poll b = Poll.create("poll-b", 2);
    int n = 60;
    List<Ballot> ballots = new ArrayList<>();
    List<Poll> of = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Poll p = i % 3 == 0 ? b : a;
      Ballot x = p.ballot();
      if (i % 7 == 3) {
        x = withForeignRowProof(x, p.ballot());
      }
      ballots.add(x);
      of.add(p);
    }
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<BallotVerifier.Problem>>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  return batcher.verify(
                      of.get(k).verifier(),
                      ballots.get(k),
                      BallotHashes.tokenHash(ballots.get(k).token().msg()));
                }));
      }
      go.countDown();
      for (int i = 0; i < n; i++) {
        List<BallotVerifier.Problem> got = fs.get(i).get();
        List<BallotVerifier.Problem> alone = of.get(i).verifier().verify(ballots.get(i), RNG);
        assertEquals(alone, got, "ballot " + i);
        if (i % 7 == 3) {
          assertEquals(
              List.of(BallotVerifier.Problem.proofFails("rows[1].rowProof")), got, "ballot " + i);
        } else {
          assertTrue(got.isEmpty(), "ballot " + i + ": " + got);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(n, batcher.ballots());
    assertTrue(batcher.batches() >= 2, "ballots of two polls are never in one batch");
  }

  /**
   * Version 2 ballots (docs/protocol.md §16.3) batched beside version 1 ballots of another poll:
   * each gets the single answer, and a row whose proof belongs to another ballot is named {@code
   * rows[i].proof}; B is the verifier's (the poll's), so the same rows under another B all fail.
   */
  @Test
  void versionTwoBallotsInConcurrentBatchesGetTheSingleAnswersAndNameTheFailingRow()
      throws Exception {
    batcher = ProofBatcher.create(1, 32);
    Poll v1 = Poll.create("poll-v1", 2);
    Digest q = Digest.sha256("poll-v2".getBytes());
    Point k = Point.baseMul(Scalar.random(RNG)).precomputed();
    EncodingV2 enc = EncodingV2.forSummoned(40);
    BallotV2Verifier v2 = BallotV2Verifier.create(q, k, "poll-v2", 3, enc);
    int n = 40;
    List<Object> ballots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i % 4 == 0) {
        ballots.add(v1.ballot());
        continue;
      }
      BallotV2 x = ballotV2(q, k, enc);
      if (i % 5 == 2) {
        BallotV2 donor = ballotV2(q, k, enc);
        List<BallotV2.Row> rows = new ArrayList<>(x.rows());
        BallotV2.Row r = rows.get(2);
        rows.set(2, new BallotV2.Row(3, r.alpha(), r.beta(), donor.rows().get(2).proof()));
        x = new BallotV2(x.poll(), x.token(), rows);
      }
      ballots.add(x);
    }
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<BallotVerifier.Problem>>> fs = new ArrayList<>();
      for (Object x : ballots) {
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  return x instanceof BallotV2 b
                      ? batcher.verify(v2, b, BallotHashes.tokenHash(b.token().msg()))
                      : batcher.verify(
                          v1.verifier(),
                          (Ballot) x,
                          BallotHashes.tokenHash(((Ballot) x).token().msg()));
                }));
      }
      go.countDown();
      for (int i = 0; i < n; i++) {
        List<BallotVerifier.Problem> got = fs.get(i).get();
        if (ballots.get(i) instanceof BallotV2 b) {
          assertEquals(v2.verify(b, RNG), got, "ballot " + i);
          assertEquals(
              i % 5 == 2 ? List.of(BallotVerifier.Problem.proofFails("rows[2].proof")) : List.of(),
              got,
              "ballot " + i);
        } else {
          assertTrue(got.isEmpty(), "ballot " + i + ": " + got);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    BallotV2 good = ballotV2(q, k, enc);
    BallotV2Verifier otherB =
        BallotV2Verifier.create(q, k, "poll-v2", 3, new EncodingV2(enc.base() + 1));
    assertEquals(
        3, batcher.verify(otherB, good, BallotHashes.tokenHash(good.token().msg())).size());
  }

  private static BallotV2 ballotV2(Digest q, Point k, EncodingV2 enc) {
    byte[] msg = new byte[80];
    RNG.nextBytes(msg);
    int[] choices = new int[3];
    for (int i = 0; i < choices.length; i++) {
      choices[i] = RNG.nextInt(4) - 1; // -1 is a blank row
    }
    return BallotV2Encryptor.encrypt(
            "poll-v2", q, k, enc, new Ballot.Token(msg, new byte[384]), choices, RNG)
        .ballot();
  }

  @Test
  void aBallotAloneIsCheckedAtOnce() {
    batcher = ProofBatcher.create(1, 64);
    Poll p = Poll.create("poll-c", 2);
    Ballot good = p.ballot();
    assertTrue(
        batcher.verify(p.verifier(), good, BallotHashes.tokenHash(good.token().msg())).isEmpty());
    Ballot bad = withForeignRowProof(p.ballot(), p.ballot());
    assertEquals(
        "rows[1].rowProof",
        batcher
            .verify(p.verifier(), bad, BallotHashes.tokenHash(bad.token().msg()))
            .get(0)
            .field());
    // a proof is bound to its token: the right proofs under another token hash fail everywhere
    assertEquals(2 * 4, batcher.verify(p.verifier(), good, Digest.sha256(new byte[] {9})).size());
  }

  /**
   * Half the cores check proofs (at least one): more workers would split the waiting ballots into
   * smaller batches.
   */
  @Test
  void workersAreHalfTheCores() {
    assertEquals(1, ProofBatcher.workersFor(1));
    assertEquals(1, ProofBatcher.workersFor(2));
    assertEquals(2, ProofBatcher.workersFor(5));
    assertEquals(4, ProofBatcher.workersFor(8));
  }

  @Test
  void preconditions() {
    assertThrows(IllegalArgumentException.class, () -> ProofBatcher.create(0, 8));
    assertThrows(IllegalArgumentException.class, () -> ProofBatcher.create(1, 0));
    batcher = ProofBatcher.create(1, 8);
    Poll p = Poll.create("poll-d", 1);
    Ballot x = p.ballot();
    assertThrows(
        NullPointerException.class, () -> batcher.verify(null, x, Digest.sha256(new byte[1])));
    assertThrows(
        NullPointerException.class,
        () -> batcher.verify(p.verifier(), null, Digest.sha256(new byte[1])));
    assertThrows(NullPointerException.class, () -> batcher.verify(p.verifier(), x, null));
    batcher.close();
    assertThrows(
        IllegalStateException.class,
        () -> batcher.verify(p.verifier(), x, Digest.sha256(new byte[1])));
  }
}
