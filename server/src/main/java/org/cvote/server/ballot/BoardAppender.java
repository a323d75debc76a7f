package org.cvote.server.ballot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.ops.Counters;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.SqlStates;
import org.cvote.server.store.Tx;
import org.cvote.server.util.BatchQueue;

/**
 * Appends verified ballots to their poll's board with group commit: one writer takes every ballot
 * waiting and stores them in ONE transaction (one log flush), each ballot with its token spend.
 * {@link #append} returns only after that transaction committed, so a receipt is never issued for a
 * ballot a crash could still lose.
 *
 * <p>Inside the transaction, per poll: the chain-head row lock (the database orders appends, across
 * server nodes too), the poll must still accept votes, then for each ballot a savepoint, the token
 * spend under its unique key and the ballot row at the next index. A spent token rolls back to its
 * savepoint and only that ballot is refused; the others keep gap-free indices.
 */
public final class BoardAppender implements AutoCloseable {
  /** Ballots stored in one transaction at most. */
  public static final int DEFAULT_MAX_GROUP = 128;

  /**
   * What to store: everything was verified before; nothing here names the sender. {@code body} is
   * the UTF-8 of the ballot's canonical JSON (the board serves it as it is).
   */
  public record Entry(String pollId, String spendKey, Digest ballotHash, byte[] body) {
    public Entry {
      Objects.requireNonNull(pollId, "pollId");
      Objects.requireNonNull(spendKey, "spendKey");
      Objects.requireNonNull(ballotHash, "ballotHash");
      Objects.requireNonNull(body, "body");
    }
  }

  /** The ballot's place on the board: index k and chain value T_k. */
  public record Appended(int index, Digest chain) {}

  private record Pending(Entry entry, CompletableFuture<Appended> done) {}

  private final Tx tx;
  private final PollStore polls;
  private final Clock clock;
  private final BatchQueue<Pending> queue;

  private BoardAppender(Tx tx, PollStore polls, Clock clock, int maxGroup) {
    this.tx = tx;
    this.polls = polls;
    this.clock = clock;
    this.queue =
        BatchQueue.start(
            "board-writer",
            1,
            maxGroup,
            this::commit,
            p ->
                p.done()
                    .completeExceptionally(
                        new Refusal(
                            Refusal.Kind.UNAVAILABLE,
                            "unavailable",
                            "the server is shutting down",
                            null)));
  }

  public static BoardAppender create(Tx tx, PollStore polls, Clock clock, int maxGroup) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(polls, "polls");
    Objects.requireNonNull(clock, "clock");
    return new BoardAppender(tx, polls, clock, maxGroup);
  }

  /**
   * Stores the ballot and spends its token atomically; blocks until committed.
   *
   * @throws Refusal 409 {@code token_spent} or {@code poll_not_open}; nothing was stored then
   */
  public Appended append(Entry entry) {
    Objects.requireNonNull(entry, "entry");
    CompletableFuture<Appended> done = new CompletableFuture<>();
    queue.submit(new Pending(entry, done));
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the ballot was stored", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void commit(List<Pending> group) {
    Object[] outcome = new Object[group.size()];
    try {
      tx.exec(
          c -> {
            java.util.Arrays.fill(outcome, null); // a retried transaction starts over
            Map<String, List<Integer>> byPoll =
                new TreeMap<>(); // a fixed lock order across polls and nodes
            for (int i = 0; i < group.size(); i++) {
              byPoll.computeIfAbsent(group.get(i).entry().pollId(), k -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> e : byPoll.entrySet()) {
              appendAll(c, e.getKey(), e.getValue(), group, outcome);
            }
          });
    } catch (RuntimeException | Error e) {
      // every waiting cast gets an answer (nothing was stored), and the writer lives on
      for (Pending p : group) {
        p.done().completeExceptionally(e);
      }
      return;
    }
    Counters.BOARD_COMMITS.increment();
    for (int i = 0; i < group.size(); i++) {
      if (outcome[i] instanceof Appended a) {
        Counters.BOARD_APPENDED.increment();
        group.get(i).done().complete(a);
      } else {
        group.get(i).done().completeExceptionally((RuntimeException) outcome[i]);
      }
    }
  }

  private void appendAll(
      Connection c, String pollId, List<Integer> idx, List<Pending> group, Object[] outcome)
      throws SQLException {
    PollLifecycle.lockChain(c, pollId);
    // Checked under the lock: a close that committed first wins.
    if (!polls.gate(c, pollId).acceptsVotes(clock.instant())) {
      for (int i : idx) {
        outcome[i] =
            Refusal.conflict("poll_not_open", "the poll closed before this ballot was stored");
      }
      return;
    }
    int last;
    Digest prev;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT last_index, last_hash FROM chain_head WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("poll " + pollId + " has no chain head");
        }
        last = rs.getInt(1);
        prev = Digest.fromHex(rs.getString(2));
      }
    }
    int k = last;
    Digest t = prev;
    try (PreparedStatement spend =
            c.prepareStatement("INSERT INTO token_spend (poll_id, token_hash) VALUES (?, ?)");
        PreparedStatement ballot =
            c.prepareStatement(
                "INSERT INTO ballot (poll_id, chain_index, ballot_hash, chain_hash, body_json) VALUES (?, ?, ?, ?, ?)")) {
      for (int i : idx) {
        Entry e = group.get(i).entry();
        Digest next = BallotHashes.chainNext(t, e.ballotHash());
        Savepoint sp = c.setSavepoint();
        try {
          spend.setString(1, pollId);
          spend.setString(2, e.spendKey());
          spend.executeUpdate();
          ballot.setString(1, pollId);
          ballot.setInt(2, k + 1);
          ballot.setString(3, e.ballotHash().toHex());
          ballot.setString(4, next.toHex());
          ballot.setBytes(5, e.body());
          ballot.executeUpdate();
        } catch (SQLException ex) {
          if (!SqlStates.isUniqueViolation(ex)) {
            throw ex;
          }
          c.rollback(sp);
          outcome[i] =
              Refusal.conflict(
                  "token_spent", "this token has already been used to cast a ballot", "token");
          continue;
        }
        c.releaseSavepoint(sp);
        k++;
        t = next;
        outcome[i] = new Appended(k, next);
      }
    }
    if (k == last) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE chain_head SET last_index = ?, last_hash = ? WHERE poll_id = ?")) {
      ps.setInt(1, k);
      ps.setString(2, t.toHex());
      ps.setString(3, pollId);
      ps.executeUpdate();
    }
  }

  /** Stores what is queued, then stops the writer. */
  @Override
  public void close() {
    queue.close();
  }
}
