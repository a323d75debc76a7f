package org.cvote.server.attendance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.AttendanceStatus;
import org.cvote.server.roster.Quorum;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.roster.Voter;
import org.cvote.server.store.Dialect;
import org.cvote.server.store.Tx;

/**
 * Attendance: check-in (on time or late) issues a fresh access code whose hash alone is stored;
 * "left" marks a voter who left before voting (counted present, not present at voting).
 *
 * <p>A voter who already holds a token was present at voting: the blind signature was issued to
 * them while they were in the hall, and the record counts them in "present at voting" (tally.json
 * must keep presentAtVoting ≥ issued). So "left" after a token is refused with 409 {@code
 * token_already_issued}; the voter's row is locked first, the same lock {@code TokenIssuance}
 * takes, so a token issued concurrently is either seen here or refused there (the voter is no
 * longer PRESENT).
 */
public final class CheckIn {
  private static final PollStatus[] ALLOWED = {
    PollStatus.DRAFT, PollStatus.CEREMONY, PollStatus.READY, PollStatus.OPEN
  };
  private final Tx tx;
  private final PollStore polls;
  private final RosterStore roster;
  private final AccessCodeStore codes;
  private final AccessCodes codec;
  private final AuditLog audit;

  public CheckIn(
      Tx tx,
      PollStore polls,
      RosterStore roster,
      AccessCodeStore codes,
      AccessCodes codec,
      AuditLog audit) {
    this.tx = tx;
    this.polls = polls;
    this.roster = roster;
    this.codes = codes;
    this.codec = codec;
    this.audit = audit;
  }

  public record Result(Poll poll, List<IssuedCode> codes) {}

  public Result checkIn(String actor, String pollId, List<Integer> voters, boolean late) {
    if (voters == null || voters.isEmpty()) {
      throw Refusal.missing("voters");
    }
    return tx.run(
        c -> {
          Poll p = polls.get(c, pollId);
          PollLifecycle.require(p, ALLOWED);
          List<IssuedCode> out = new ArrayList<>();
          for (int i = 0; i < voters.size(); i++) {
            Integer no = voters.get(i);
            Voter v = no == null ? null : roster.find(c, pollId, no).orElse(null);
            if (v == null) {
              throw Refusal.invalid("voters[" + i + "]", "no such voter on the roster");
            }
            if (hasToken(c, pollId, no)) {
              throw Refusal.conflict(
                  "token_already_issued",
                  "voter " + no + " already holds a token",
                  "voters[" + i + "]");
            }
            String code = codec.generate();
            codes.put(c, pollId, no, codec.hash(code));
            boolean wasLate = late || v.late();
            roster.setStatus(c, pollId, no, AttendanceStatus.PRESENT, wasLate);
            out.add(new IssuedCode(no, v.name(), code));
          }
          audit.append(
              c,
              actor,
              pollId,
              late ? "attendance.late" : "attendance.check-in",
              "voters " + voters);
          return new Result(p, out);
        });
  }

  public Quorum left(String actor, String pollId, List<Integer> voters) {
    if (voters == null || voters.isEmpty()) {
      throw Refusal.missing("voters");
    }
    return tx.run(
        c -> {
          PollLifecycle.require(polls.get(c, pollId), ALLOWED);
          for (int i = 0; i < voters.size(); i++) {
            Integer no = voters.get(i);
            if (no != null) {
              Dialect.lockRow(c, "voter", "late", "poll_id = ? AND voter_no = ?", pollId, no);
            }
            Voter v = no == null ? null : roster.find(c, pollId, no).orElse(null);
            if (v == null) {
              throw Refusal.invalid("voters[" + i + "]", "no such voter on the roster");
            }
            if (v.status() != AttendanceStatus.PRESENT) {
              throw Refusal.conflict(
                  "not_present", "voter " + no + " is not checked in", "voters[" + i + "]");
            }
            if (hasToken(c, pollId, no)) {
              throw Refusal.conflict(
                  "token_already_issued",
                  "voter "
                      + no
                      + " already holds a token and so was present at voting; leaving afterwards is not recorded",
                  "voters[" + i + "]");
            }
            roster.setStatus(c, pollId, no, AttendanceStatus.LEFT, v.late());
          }
          audit.append(c, actor, pollId, "attendance.left", "voters " + voters);
          return roster.quorum(c, pollId);
        });
  }

  private static boolean hasToken(Connection c, String pollId, int voter) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM token_issuance WHERE poll_id = ? AND voter_no = ?")) {
      ps.setString(1, pollId);
      ps.setInt(2, voter);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
