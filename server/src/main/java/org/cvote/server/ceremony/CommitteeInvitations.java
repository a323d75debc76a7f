package org.cvote.server.ceremony;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cvote.server.attendance.AccessCodes;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * The secretariat's invitations to the counting committee (docs/protocol.md §8.6): one per member
 * the meeting elected, a one-time code made and hashed like an access code ({@link AccessCodes}: 80
 * random bits, only H("cvote/v1/access-code", code) is stored), shown once on a printable slip.
 * Creation and revocation are audited. The registration that uses an invitation is {@link
 * SqlCeremonyStore#saveRedeeming}.
 */
public final class CommitteeInvitations {
  static final int MAX_NAME = 200;
  static final int MAX_PER_CALL = 100;
  private final Tx tx;
  private final PollStore polls;
  private final AuditLog audit;
  private final Clock clock;
  private final AccessCodes codes = new AccessCodes();

  public CommitteeInvitations(Tx tx, PollStore polls, AuditLog audit, Clock clock) {
    this.tx = tx;
    this.polls = polls;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new invitation as printed on the slip: the code appears here and nowhere else. */
  public record Issued(int number, String name, String code) {
    @Override
    public String toString() {
      return "Issued[" + number + ", " + name + ", code redacted]";
    }
  }

  /** An invitation as the console lists it (no code: the server no longer knows it). */
  public record Listed(int number, String name, String status, String usedBy, String createdAt) {}

  /** Invites each named member (trimmed, NFC); refused unless the poll is in DRAFT or CEREMONY. */
  public List<Issued> create(String actor, String pollId, List<String> names) {
    if (names == null || names.isEmpty()) {
      throw Refusal.missing("names");
    }
    if (names.size() > MAX_PER_CALL) {
      throw Refusal.invalid("names", "at most " + MAX_PER_CALL + " names at a time");
    }
    List<String> clean = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n =
          names.get(i) == null
              ? ""
              : Normalizer.normalize(names.get(i).strip(), Normalizer.Form.NFC);
      if (n.isEmpty()) {
        throw Refusal.invalid("names[" + i + "]", "Tên không được để trống / a name is required");
      }
      if (n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
        throw Refusal.invalid(
            "names[" + i + "]", "at most " + MAX_NAME + " characters, no control characters");
      }
      clean.add(n);
    }
    return tx.run(
        c -> {
          Poll p = polls.get(c, pollId);
          PollLifecycle.require(p, PollStatus.DRAFT, PollStatus.CEREMONY);
          int next;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT MAX(invite_no) FROM committee_invitation WHERE poll_id = ?")) {
            ps.setString(1, pollId);
            try (ResultSet rs = ps.executeQuery()) {
              next = rs.next() ? rs.getInt(1) + 1 : 1;
            }
          }
          List<Issued> out = new ArrayList<>();
          for (String name : clean) {
            String code = codes.generate();
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO committee_invitation "
                        + "(code_hash, poll_id, invite_no, name, created_at, created_by, revoked) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
              ps.setString(1, codes.hash(code));
              ps.setString(2, pollId);
              ps.setInt(3, next);
              ps.setString(4, name);
              ps.setTimestamp(5, Timestamp.from(clock.instant()));
              ps.setString(6, actor);
              ps.executeUpdate();
            }
            audit.append(c, actor, pollId, "committee.invited", "invitation " + next + ": " + name);
            out.add(new Issued(next++, name, code));
          }
          return out;
        });
  }

  public List<Listed> list(String pollId) {
    return tx.run(
        c -> {
          polls.get(c, pollId);
          List<Listed> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT invite_no, name, revoked, used_by, created_at "
                      + "FROM committee_invitation WHERE poll_id = ? ORDER BY invite_no")) {
            ps.setString(1, pollId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String usedBy = rs.getString(4);
                String status = rs.getInt(3) != 0 ? "REVOKED" : usedBy != null ? "USED" : "UNUSED";
                out.add(
                    new Listed(
                        rs.getInt(1),
                        rs.getString(2),
                        status,
                        usedBy,
                        rs.getTimestamp(5).toInstant().toString()));
              }
            }
          }
          return out;
        });
  }

  /** Revokes an unused invitation (a lost slip, a wrong name): one conditional update, audited. */
  public void revoke(String actor, String pollId, int number) {
    tx.exec(
        c -> {
          polls.get(c, pollId);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE committee_invitation SET revoked = 1 "
                      + "WHERE poll_id = ? AND invite_no = ? AND used_by IS NULL AND revoked = 0")) {
            ps.setString(1, pollId);
            ps.setInt(2, number);
            if (ps.executeUpdate() != 1) {
              throw Refusal.conflict(
                  "not_revocable",
                  "Không thu hồi được / invitation "
                      + number
                      + " does not exist, is already used or already revoked",
                  "number");
            }
          }
          audit.append(c, actor, pollId, "committee.invitation-revoked", "invitation " + number);
        });
  }
}
