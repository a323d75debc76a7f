package org.cvote.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.Member;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.ceremony.CommitteeModule;
import org.cvote.server.person.People;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollForm;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.poll.Subject;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;
import org.cvote.server.tally.TallyService;

/**
 * Builds the {@link Report} of a tallied (or published) poll from what is stored: the poll, its
 * subjects and their person ids, the stored tally (the one tally.json carries), the committee
 * members of the ceremony, the head the secretariat named (member 1 by default), and the time of
 * the count from the audit log: from the first partial decryption (or the close, if none) to the
 * combination of the tally.
 */
public final class ReportService {
  private final Tx tx;
  private final PollStore polls;
  private final CommitteeModule committee;
  private final AuditLog audit;

  public ReportService(Tx tx, PollStore polls, CommitteeModule committee, AuditLog audit) {
    this.tx = tx;
    this.polls = polls;
    this.committee = committee;
    this.audit = audit;
  }

  public Report report(String pollId) {
    List<Report.Member> members = members(pollId);
    return tx.run(c -> report(c, pollId, members));
  }

  public Report report(Connection c, String pollId, List<Report.Member> members)
      throws SQLException {
    Poll p = polls.get(c, pollId);
    if (p.status() != PollStatus.TALLIED && p.status() != PollStatus.PUBLISHED) {
      throw Refusal.conflict(
          "not_tallied", "the report exists once the poll is tallied; it is " + p.status());
    }
    TallyService.Stored stored =
        TallyService.stored(c, pollId)
            .orElseThrow(() -> Refusal.conflict("not_tallied", "the poll has no stored tally"));
    Map<Integer, String> persons = People.ofPoll(c, pollId);
    Map<Integer, Integer> twoPlaces = People.twoPlaces(c, pollId);
    List<Report.SubjectRow> rows = new ArrayList<>();
    for (Subject s : polls.subjects(c, pollId)) {
      rows.add(
          new Report.SubjectRow(
              s.index(),
              persons.get(s.index()),
              s.name(),
              s.position(),
              s.unit(),
              twoPlaces.getOrDefault(s.index(), 0)));
    }
    Instant to = firstAt(c, pollId, "tally.combined");
    Instant from = firstAt(c, pollId, "committee.partial-decryption");
    if (from == null) {
      from = firstAt(c, pollId, "poll.closed");
    }
    return new Report(
        p.id(),
        p.title(),
        p.place(),
        p.date(),
        from,
        to,
        members,
        head(c, pollId),
        stored.tally(),
        rows,
        PollForm.load(c, p),
        exempted(c, pollId),
        Observers.ofPoll(c, pollId).stream().map(Observers.Entry::observer).toList());
  }

  private static List<Report.Exempted> exempted(Connection c, String pollId) throws SQLException {
    return org.cvote.server.poll.Exemption.ofPoll(c, pollId).stream()
        .map(
            e ->
                new Report.Exempted(
                    e.personId(), e.name(), e.position(), e.unit(), e.reason().name(), e.since()))
        .toList();
  }

  /**
   * The committee as the ceremony registered it, in index order; empty when the poll had no
   * ceremony state.
   */
  public List<Report.Member> members(String pollId) {
    try {
      CeremonyState s = committee.coordinator().view(pollId);
      List<Report.Member> out = new ArrayList<>();
      for (Member m : s.members()) {
        out.add(new Report.Member(m.index(), m.name()));
      }
      out.sort(java.util.Comparator.comparingInt(Report.Member::index));
      return out;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** The head of the counting committee: the member the secretariat named, else member 1. */
  public static int head(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT head_member FROM report_settings WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 1;
      }
    }
  }

  /** Names the head (any time before or after the tally); must be a member of the committee. */
  public int setHead(String actor, String pollId, int head) {
    List<Report.Member> members = members(pollId);
    if (members.stream().noneMatch(m -> m.index() == head)) {
      throw Refusal.invalid(
          "head",
          "member "
              + head
              + " is not on the counting committee"
              + (members.isEmpty()
                  ? " (the committee has not been formed)"
                  : " (members 1.." + members.size() + ")"));
    }
    return tx.run(
        c -> {
          polls.get(c, pollId);
          int n;
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE report_settings SET head_member = ? WHERE poll_id = ?")) {
            ps.setInt(1, head);
            ps.setString(2, pollId);
            n = ps.executeUpdate();
          }
          if (n == 0) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO report_settings (poll_id, head_member) VALUES (?, ?)")) {
              ps.setString(1, pollId);
              ps.setInt(2, head);
              ps.executeUpdate();
            }
          }
          audit.append(c, actor, pollId, "report.head", String.valueOf(head));
          return head;
        });
  }

  private static Instant firstAt(Connection c, String pollId, String action) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MIN(at_time) FROM audit_log WHERE poll_id = ? AND action_name = ?")) {
      ps.setString(1, pollId);
      ps.setString(2, action);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Timestamp t = rs.getTimestamp(1);
        return t == null ? null : t.toInstant();
      }
    }
  }
}
