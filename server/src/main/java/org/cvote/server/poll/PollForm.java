package org.cvote.server.poll;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.util.Text;

/**
 * The heading both forms of plan 001 carry: the organising body ("Tên tổ chức, cơ quan, đơn vị"),
 * the voter group ("của (1)…", thành phần ghi phiếu), the post rated ("đối với (2)…") and the year
 * ("năm 202..") — Phụ lục 4 (the ballot) and Phụ lục 5 (the report). Kept beside the poll, not in
 * the manifest: it is presentation and changes neither M nor Q. Empty strings stand for "not given"
 * (older polls).
 */
public record PollForm(
    String body, String voterGroup, String post, int year, Disclosure disclosure) {
  public static final int MAX = 500;

  /**
   * Whose results these are, for who else sees them (001 §8.2): CONFERENCE — the voters, the direct
   * managing authority and the person rated (§8.1); STANDING_COMMITTEE — Standing Committee
   * members, whose results also go to the Executive Committee; COUNCIL_ELECTED — posts elected by
   * People's Councils, announced to the media, so the poll must be PUBLIC.
   */
  public enum Disclosure {
    CONFERENCE,
    STANDING_COMMITTEE,
    COUNCIL_ELECTED
  }

  public PollForm(String body, String voterGroup, String post, int year) {
    this(body, voterGroup, post, year, Disclosure.CONFERENCE);
  }

  public PollForm {
    if (disclosure == null) {
      disclosure = Disclosure.CONFERENCE;
    }
  }

  /**
   * The heading a poll has before the secretariat gives one: blanks, and the year of the poll's
   * date.
   */
  public static PollForm empty(LocalDate date) {
    return new PollForm("", "", "", date.getYear());
  }

  /**
   * Validated from the API: each text optional (NFC, ≤ 500), the year defaults to the poll date's
   * year.
   */
  public static PollForm of(
      String body, String voterGroup, String post, Integer year, LocalDate date) {
    return of(body, voterGroup, post, year, null, null, date);
  }

  /**
   * As above, with the disclosure (default CONFERENCE); a COUNCIL_ELECTED poll must be PUBLIC (001
   * §8.2: announced on the media), else 400 naming {@code visibility}.
   */
  public static PollForm of(
      String body,
      String voterGroup,
      String post,
      Integer year,
      String disclosure,
      Visibility vis,
      LocalDate date) {
    Disclosure d;
    try {
      d = disclosure == null ? Disclosure.CONFERENCE : Disclosure.valueOf(disclosure);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("disclosure", "CONFERENCE, STANDING_COMMITTEE or COUNCIL_ELECTED");
    }
    if (d == Disclosure.COUNCIL_ELECTED && vis != null && vis != Visibility.PUBLIC) {
      throw Refusal.invalid(
          "visibility",
          "the results of posts elected by People's Councils are announced to the "
              + "media (001 §8.2): the poll must be PUBLIC");
    }
    int y = year == null ? date.getYear() : year;
    // the year of the vote is the poll's own year or next to it (a vote in early January about the
    // past year)
    if (Math.abs(y - date.getYear()) > 1) {
      throw Refusal.invalid(
          "year",
          "the year of the vote must be within one year of the poll date (" + date.getYear() + ")");
    }
    return new PollForm(
        Text.optional(body, "body", MAX),
        Text.optional(voterGroup, "voterGroup", MAX),
        Text.optional(post, "post", MAX),
        y,
        d);
  }

  public Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("body", body);
    m.put("voterGroup", voterGroup);
    m.put("post", post);
    m.put("year", year);
    m.put("disclosure", disclosure.name());
    return m;
  }

  public static PollForm load(Connection c, Poll p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT body, voter_group, post, form_year, disclosure FROM poll_form WHERE poll_id = ?")) {
      ps.setString(1, p.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new PollForm(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                Disclosure.valueOf(rs.getString(5)))
            : empty(p.date());
      }
    }
  }

  public void save(Connection c, String pollId) throws SQLException {
    int n;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE poll_form SET body = ?, voter_group = ?, post = ?, form_year = ?, disclosure = ? WHERE poll_id = ?")) {
      bind(ps);
      ps.setString(6, pollId);
      n = ps.executeUpdate();
    }
    if (n == 0) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO poll_form (body, voter_group, post, form_year, disclosure, poll_id) VALUES (?, ?, ?, ?, ?, ?)")) {
        bind(ps);
        ps.setString(6, pollId);
        ps.executeUpdate();
      }
    }
  }

  private void bind(PreparedStatement ps) throws SQLException {
    ps.setString(1, body);
    ps.setString(2, voterGroup);
    ps.setString(3, post);
    ps.setInt(4, year);
    ps.setString(5, disclosure.name());
  }
}
