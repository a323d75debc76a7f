package org.cvote.server.ballot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.server.ops.Counters;
import org.cvote.server.util.BatchQueue;

/**
 * Verifies the proofs of ballots cast at the same moment together: a worker takes every ballot
 * waiting (up to a limit) and checks all their proofs in one batch (one multi-scalar
 * multiplication), which costs a fraction of checking each ballot apart. Nothing waits on purpose:
 * at low load a ballot is checked alone at once; under load the queue fills while a batch is being
 * checked, so batches grow exactly when it pays. A failing batch is bisected, so each ballot gets
 * exactly the answer single verification would give it (BatchVerifier's contract).
 *
 * <p>Only ballots whose token already verified reach this queue, so a sender without a valid token
 * cannot make others' batches fail and be bisected.
 */
public final class ProofBatcher implements AutoCloseable {
  /** Enough to reach most of the batch gain, small enough to keep the latency of a batch low. */
  public static final int DEFAULT_MAX_BATCH = 64;

  /**
   * One ballot's proofs: {@code poll} (its verifier) groups the batch, {@code proofs} adds them,
   * each named by its field.
   */
  private record Job(
      Object poll, Proofs proofs, CompletableFuture<List<BallotVerifier.Problem>> done) {}

  private record ProofId(int job, String field) {}

  /** Adds a ballot's proofs (version 1 or 2) to a batch. */
  @FunctionalInterface
  private interface Proofs {
    void add(BatchVerifier<ProofId> batch, Function<String, ProofId> name);
  }

  private final BatchQueue<Job> queue;
  private final SecureRandom rng = new SecureRandom();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong ballots = new AtomicLong();

  private ProofBatcher(int workers, int maxBatch) {
    this.queue =
        BatchQueue.start(
            "proof-batch",
            workers,
            maxBatch,
            this::check,
            j ->
                j.done()
                    .completeExceptionally(
                        new IllegalStateException("the proof batcher is closed or failed")));
  }

  /**
   * Workers for {@code cores} cores: half of them (at least one). Checking proofs is about half of
   * a cast's CPU time, so half the cores keep up; more workers only split the waiting ballots into
   * smaller batches, which cost more per ballot. Measured with `cvote bench` on 2 cores: one worker
   * checked batches twice as large (12 against 6 ballots at 32 connections) for a sixth less CPU
   * per ballot, at the same throughput.
   */
  public static int workersFor(int cores) {
    return Math.max(1, cores / 2);
  }

  /** (BatchQueue checks both counts are at least 1.) */
  public static ProofBatcher create(int workers, int maxBatch) {
    return new ProofBatcher(workers, maxBatch);
  }

  /**
   * Checks every proof of a structurally valid ballot; blocks until its batch is done. Returns the
   * failing proofs (field paths as {@link BallotVerifier#verify} names them), empty when all hold.
   */
  public List<BallotVerifier.Problem> verify(
      BallotVerifier verifier, Ballot ballot, Digest tokenHash) {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(ballot, "ballot");
    Objects.requireNonNull(tokenHash, "tokenHash");
    return submit(verifier, (batch, name) -> verifier.addProofs(ballot, tokenHash, batch, name));
  }

  /**
   * The same for a version 2 ballot (docs/protocol.md §16.3): every row proof joins the batch with
   * B from the verifier (the poll's manifest), never from the ballot; a failing row is named {@code
   * rows[i].proof}.
   */
  public List<BallotVerifier.Problem> verify(
      BallotV2Verifier verifier, BallotV2 ballot, Digest tokenHash) {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(ballot, "ballot");
    Objects.requireNonNull(tokenHash, "tokenHash");
    return submit(verifier, (batch, name) -> verifier.addProofs(ballot, tokenHash, batch, name));
  }

  private List<BallotVerifier.Problem> submit(Object poll, Proofs proofs) {
    CompletableFuture<List<BallotVerifier.Problem>> done = new CompletableFuture<>();
    queue.submit(new Job(poll, proofs, done));
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the proofs were checked", e);
    } catch (ExecutionException | CancellationException e) {
      throw new IllegalStateException(
          "proof check failed", e.getCause() == null ? e : e.getCause());
    }
  }

  /** Batches checked and ballots in them since start (the mean batch size is their ratio). */
  public long batches() {
    return batches.get();
  }

  public long ballots() {
    return ballots.get();
  }

  /** One batch per verifier (poll): ballots of different polls are bound to different Q and K. */
  private void check(List<Job> jobs) {
    Map<Object, List<Integer>> byPoll = new IdentityHashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      byPoll.computeIfAbsent(jobs.get(i).poll(), v -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<Object, List<Integer>> e : byPoll.entrySet()) {
      List<Integer> idx = e.getValue();
      try {
        List<List<BallotVerifier.Problem>> problems = new ArrayList<>(idx.size());
        BatchVerifier<ProofId> batch = new BatchVerifier<>(rng);
        for (int k = 0; k < idx.size(); k++) {
          Job j = jobs.get(idx.get(k));
          problems.add(new ArrayList<>());
          int job = k;
          j.proofs().add(batch, field -> new ProofId(job, field));
        }
        for (ProofId bad : batch.failures()) {
          problems.get(bad.job()).add(BallotVerifier.Problem.proofFails(bad.field()));
        }
        batches.incrementAndGet();
        ballots.addAndGet(idx.size());
        Counters.PROOF_BATCHES.increment();
        Counters.PROOF_BATCHED_BALLOTS.increment(idx.size());
        for (int k = 0; k < idx.size(); k++) {
          jobs.get(idx.get(k)).done().complete(List.copyOf(problems.get(k)));
        }
      } catch (RuntimeException | Error ex) {
        // every waiting cast gets an answer, and the worker lives on
        for (int i : idx) {
          jobs.get(i).done().completeExceptionally(ex);
        }
      }
    }
  }

  /** Finishes the ballots already queued, then stops the workers. */
  @Override
  public void close() {
    queue.close();
  }
}
