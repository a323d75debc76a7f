package org.cvote.server.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.poll.CeremonyOutcome;
import org.cvote.server.poll.ClosingStore;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.protocol.Contexts;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.Quorum;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.secret.RecordSigner;
import org.cvote.server.store.Dialect;
import org.cvote.server.store.OrderEraser;
import org.cvote.server.store.Tx;
import org.cvote.server.token.TokenCrypto;
import org.cvote.server.token.TokenKeyStore;

/**
 * Every status change of a poll: checked with a compare-and-set on the status column (a wrong state
 * is a 409 naming the current one) and audited in the same transaction.
 */
public final class PollLifecycle {
  private final Tx tx;
  private final PollStore polls;
  private final RosterStore roster;
  private final TokenKeyStore tokenKeys;
  private final TokenCrypto tokenCrypto;
  private final RecordSigner signer;
  private final AuditLog audit;
  private final Clock clock;
  private final OrderEraser eraser;

  public PollLifecycle(
      Tx tx,
      PollStore polls,
      RosterStore roster,
      TokenKeyStore tokenKeys,
      TokenCrypto tokenCrypto,
      RecordSigner signer,
      AuditLog audit,
      Clock clock,
      OrderEraser eraser) {
    this.eraser = eraser;
    this.tx = tx;
    this.polls = polls;
    this.roster = roster;
    this.tokenKeys = tokenKeys;
    this.tokenCrypto = tokenCrypto;
    this.signer = signer;
    this.audit = audit;
    this.clock = clock;
  }

  public static Refusal wrongState(Poll p, PollStatus... expected) {
    String exp = expected.length == 1 ? expected[0].name() : List.of(expected).toString();
    return Refusal.conflict("wrong_state", "poll is " + p.status() + "; this needs " + exp);
  }

  public static void require(Poll p, PollStatus... allowed) {
    for (PollStatus s : allowed) {
      if (p.status() == s) {
        return;
      }
    }
    throw wrongState(p, allowed);
  }

  private void move(
      Connection c, Poll p, PollStatus from, PollStatus to, String actor, String detail)
      throws SQLException {
    if (!polls.setStatus(c, p.id(), from, to)) {
      throw wrongState(polls.get(c, p.id()), from);
    }
    audit.append(c, actor, p.id(), "poll." + to.name().toLowerCase(java.util.Locale.ROOT), detail);
  }

  /** draft → ceremony: the manifest is frozen and the poll's token key is made. */
  public Poll startCeremony(String actor, String pollId) {
    tx.exec(
        c -> {
          Poll p = polls.get(c, pollId);
          require(p, PollStatus.DRAFT);
          if (polls.subjects(c, pollId).isEmpty()) {
            throw Refusal.conflict("no_subjects", "add at least one subject first");
          }
          int summoned = roster.quorum(c, pollId).summoned();
          if (summoned == 0) {
            throw Refusal.conflict("no_roster", "import the roster first");
          }
          ballotVersion(p, summoned); // refused before the slow key generation
        });
    // RSA key generation takes a while: done outside the transaction; a lost race discards it.
    TokenCrypto.KeyPair kp = tokenCrypto.generate();
    return tx.run(
        c -> {
          Poll p = polls.get(c, pollId);
          // The status change first: it locks the poll row, so a roster import (which locks it
          // while the poll is a draft, RosterAdminService) either committed before and is counted
          // here, or finds the poll frozen. summoned, and so B, cannot change after this.
          move(c, p, PollStatus.DRAFT, PollStatus.CEREMONY, actor, null);
          int summoned = roster.quorum(c, pollId).summoned();
          int version = ballotVersion(p, summoned);
          Integer base = version == 2 ? EncodingV2.forSummoned(summoned).base() : null;
          polls.fixVersion(c, pollId, version, base);
          audit.append(
              c,
              actor,
              pollId,
              "poll.ballot-version",
              "version=" + version + (base == null ? "" : " base=" + base));
          tokenKeys.put(c, pollId, kp);
          return polls.get(c, pollId);
        });
  }

  /**
   * The ballot version the manifest freezes with (docs/protocol.md §16.9): the requested one, or
   * automatically version 2 when B = summoned + 1 fits (summoned ≤ 10,000), else 1. An explicit 2
   * for a body too large is a 409 naming {@code ballotVersion}.
   */
  static int ballotVersion(Poll p, int summoned) {
    Integer requested = p.ballotVersion();
    boolean fits = EncodingV2.fits(summoned);
    if (requested == null) {
      return fits ? EncodingV2.VERSION : 1;
    }
    if (requested == EncodingV2.VERSION && !fits) {
      throw Refusal.conflict(
          "ballot_version_too_large",
          "ballot version 2 needs at most "
              + (EncodingV2.MAX_BASE - 1)
              + " summoned voters (B = summoned + 1), this poll has "
              + summoned
              + ": choose version 1 or automatic",
          "ballotVersion");
    }
    return requested;
  }

  /** ceremony → ready: Q is computed and fixed, the tracking chain starts at T_0. */
  public Poll completeCeremony(String actor, String pollId, CeremonyOutcome outcome) {
    return tx.run(
        c -> {
          Poll p = polls.get(c, pollId);
          require(p, PollStatus.CEREMONY);
          byte[] spki = tokenKeys.spki(c, pollId).orElseThrow();
          Context ctx;
          try {
            ctx = Contexts.context(p, polls.subjects(c, pollId), outcome, spki, signer.publicKey());
          } catch (IllegalArgumentException e) {
            throw Refusal.invalid("ceremony", e.getMessage());
          }
          String q = ctx.hash().toHex();
          polls.setContext(c, pollId, Contexts.json(ctx), q);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE chain_head SET last_index = 0, last_hash = ? WHERE poll_id = ?")) {
            ps.setString(1, BallotHashes.chainStart(ctx.hash()).toHex());
            ps.setString(2, pollId);
            ps.executeUpdate();
          }
          move(c, p, PollStatus.CEREMONY, PollStatus.READY, actor, "Q=" + q);
          return polls.get(c, pollId);
        });
  }

  /**
   * ready → open, only with quorum (3·present now ≥ 2·summoned; those who left are not counted).
   */
  public Poll open(String actor, String pollId) {
    return tx.run(
        c -> {
          Poll p = polls.get(c, pollId);
          require(p, PollStatus.READY);
          Quorum q = roster.quorum(c, pollId);
          if (!q.met()) {
            throw Refusal.conflict(
                "no_quorum",
                "quorum not met: "
                    + q.presentAtVoting()
                    + " present of "
                    + q.summoned()
                    + " summoned ("
                    + (q.present() - q.presentAtVoting())
                    + " left, not counted); at least two thirds must be present");
          }
          if (p.endsAt() != null && !p.endsAt().isAfter(clock.instant())) {
            throw Refusal.conflict("end_time_passed", "the configured end time has already passed");
          }
          move(
              c,
              p,
              PollStatus.READY,
              PollStatus.OPEN,
              actor,
              "present=" + q.presentAtVoting() + " summoned=" + q.summoned());
          return polls.get(c, pollId);
        });
  }

  /**
   * open → closed. Takes the chain-head lock first, so a close waits for in-flight casts and no
   * cast commits after it; signs and stores the closing statement (N, T_N of that head) in the same
   * transaction, so a closed poll always has exactly one (docs/protocol.md §9.5).
   */
  public Poll close(String actor, String pollId) {
    Poll closed =
        tx.run(
            c -> {
              lockChain(c, pollId);
              Poll p = polls.get(c, pollId);
              require(p, PollStatus.OPEN);
              var cs = ClosingStore.create(c, p, signer);
              move(
                  c,
                  p,
                  PollStatus.OPEN,
                  PollStatus.CLOSED,
                  actor,
                  "ballots=" + cs.count() + " head=" + cs.head().toHex());
              return polls.get(c, pollId);
            });
    // No issuance or cast can follow: erase the order in which the store wrote them
    // (docs/security.md).
    eraseOrder(actor, pollId);
    return closed;
  }

  /**
   * Erases the closed poll's write order unless that is already done (order_erasure). Never throws:
   * a failure is logged and audited ({@code poll.order-erase-failed}), the poll view shows {@code
   * orderErased: false}, and the erase is tried again before the tally and at every start-up. The
   * tally does not wait for it (docs/security.md).
   */
  public boolean eraseOrder(String actor, String pollId) {
    try {
      if (tx.run(c -> OrderEraser.erased(c, pollId))) {
        return true;
      }
      eraser.erase(pollId);
      return true;
    } catch (RuntimeException e) {
      // the cause's class and SQL state only: the message of a store error may quote values
      String why =
          e.getClass().getSimpleName()
              + (e.getCause() instanceof SQLException q ? " SQLState=" + q.getSQLState() : "");
      System.getLogger(PollLifecycle.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "poll "
                  + pollId
                  + ": closed, but the store's write order could not be erased ("
                  + why
                  + "); it will be tried again");
      try {
        tx.exec(c -> audit.append(c, actor, pollId, "poll.order-erase-failed", why));
      } catch (RuntimeException ignored) {
        // the store itself is failing: the log line above is all that can be kept
      }
      return false;
    }
  }

  /**
   * At start-up: erases again the write order of every closed poll whose erase has not completed.
   */
  public void erasePendingOrders() {
    List<String> pending = tx.run(OrderEraser::pending);
    for (String id : pending) {
      eraseOrder("system", id);
    }
  }

  /** closed → tallied: the committee's decryption of the aggregate is complete. */
  public Poll markTallied(String actor, String pollId) {
    return tx.run(c -> markTallied(c, actor, pollId));
  }

  /**
   * closed → tallied inside the caller's transaction, so the stored tally and the status change
   * commit together.
   */
  public Poll markTallied(Connection c, String actor, String pollId) throws SQLException {
    Poll p = polls.get(c, pollId);
    require(p, PollStatus.CLOSED);
    move(c, p, PollStatus.CLOSED, PollStatus.TALLIED, actor, null);
    return polls.get(c, pollId);
  }

  /**
   * tallied → published: stores the signed record (zip of docs/protocol.md §10) that the public
   * route serves.
   */
  public Poll publish(String actor, String pollId, byte[] recordZip) {
    return tx.run(
        c -> {
          Poll p = polls.get(c, pollId);
          require(p, PollStatus.TALLIED);
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO poll_record (poll_id, zip) VALUES (?, ?)")) {
            ps.setString(1, pollId);
            ps.setBytes(2, recordZip);
            ps.executeUpdate();
          }
          // 001 §7.1: the results go to the managing authority within 7 working days of the end of
          // voting
          org.cvote.server.delivery.Deliveries.create(c, pollId, clock.instant());
          move(c, p, PollStatus.TALLIED, PollStatus.PUBLISHED, actor, recordZip.length + " bytes");
          return polls.get(c, pollId);
        });
  }

  /** Closes every open poll whose end time has passed; returns how many. */
  public int closeDue() {
    List<String> due = tx.run(c -> polls.openAndDue(c, Timestamp.from(clock.instant())));
    int n = 0;
    for (String id : due) {
      try {
        close("system", id);
        n++;
      } catch (Refusal e) {
        // closed meanwhile by someone else
      }
    }
    return n;
  }

  /**
   * Takes the poll's chain-head row lock until the transaction ends: the database-side order of
   * casts and close, the same across every node sharing the database. A cast waiting here resumes
   * once the holder has committed, and under READ COMMITTED its next statement reads the head that
   * holder wrote, so indices follow one another without gaps or duplicates (PostgreSQL: {@code
   * SELECT … FOR UPDATE}; Derby: a no-op {@code UPDATE}, see {@link Dialect}).
   */
  public static void lockChain(Connection c, String pollId) throws SQLException {
    Dialect.lockRow(c, "chain_head", "last_index", "poll_id = ?", pollId);
  }
}
