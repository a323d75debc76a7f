package org.cvote.server.person;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cvote.server.refusal.Refusal;

/**
 * Subjects as people (docs/domain.md §6 "Consequences"): every subject row carries a stable person
 * id — the national id or staff code the secretariat gives, or one generated here. Plan 001 II.1: a
 * person holding several posts is rated "tối đa ở 2 nơi" — in at most {@value #MAX_PLACES_PER_YEAR}
 * places (polls) in a calendar year (by the polls' dates), in an order of priority (003: the
 * highest party committee, then the People's Council, then the workplace). Each place keeps its
 * priority (1 or 2) in {@code subject.place_priority}; a third place is refused with the reason,
 * naming the field. When a person is rated in two places, neither result is final on its own: the
 * competent authority weighs them together (001 §9.4), which both reports say.
 */
public final class People {
  public static final int MAX_PLACES_PER_YEAR = 2;
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private final SecureRandom random = new SecureRandom();

  /**
   * A given id normalised (trimmed, upper case; letters, digits, '-', '.', '_', 1..64), or a fresh
   * "P-" id.
   */
  public String normalise(String given, String field) {
    if (given == null || given.isBlank()) {
      return generate();
    }
    String id = given.strip().toUpperCase(java.util.Locale.ROOT);
    if (id.length() > 64 || !id.matches("[A-Z0-9][A-Z0-9._-]*")) {
      throw Refusal.invalid(field, "a person id is 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  public String generate() {
    StringBuilder b = new StringBuilder("P-");
    for (int i = 0; i < 12; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /**
   * Sets the person of subject {@code index} of {@code pollId}, after checking the person is not
   * already a subject of this poll and is rated in fewer than two other polls in the poll's year.
   * Run it in the transaction that adds or edits the subject.
   */
  public void assign(Connection c, String pollId, int index, String personId, String field)
      throws SQLException {
    assign(c, pollId, index, personId, field, null, "placePriority");
  }

  /**
   * As {@link #assign(Connection, String, int, String, String)}, with this place's priority among
   * the person's places in the year: {@code priority} 1 or 2 when the secretariat gives it, else
   * the first place is 1 and the second 2 (the second is recorded as such). Two places of one
   * person with the same priority are 409 {@code place_priority_taken}.
   */
  public void assign(
      Connection c,
      String pollId,
      int index,
      String personId,
      String field,
      Integer priority,
      String priorityField)
      throws SQLException {
    if (priority != null && priority != 1 && priority != 2) {
      throw Refusal.invalid(
          priorityField, "a place's priority is 1 or 2 (001 II.1: at most 2 places)");
    }
    lock(c, personId);
    int year = year(c, pollId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT idx FROM subject WHERE poll_id = ? AND person_id = ? AND idx <> ?")) {
      ps.setString(1, pollId);
      ps.setString(2, personId);
      ps.setInt(3, index);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          throw Refusal.conflict(
              "duplicate_person",
              "person " + personId + " is already subject " + rs.getInt(1) + " of this poll",
              field);
        }
      }
    }
    List<String> others = new ArrayList<>();
    List<Integer> taken = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT s.poll_id, p.poll_date, s.place_priority FROM subject s"
                + " JOIN poll p ON p.id = s.poll_id WHERE s.person_id = ? AND s.poll_id <> ?")) {
      ps.setString(1, personId);
      ps.setString(2, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getDate(2).toLocalDate().getYear() != year) {
            continue;
          }
          others.add(rs.getString(1));
          int pr = rs.getInt(3);
          taken.add(rs.wasNull() ? 1 : pr);
        }
      }
    }
    if (others.size() >= MAX_PLACES_PER_YEAR) {
      throw Refusal.conflict(
          "too_many_places",
          "person "
              + personId
              + " is already rated in "
              + others.size()
              + " places in "
              + year
              + " (polls "
              + String.join(", ", others)
              + "); a person is rated in at most "
              + MAX_PLACES_PER_YEAR
              + " places (001 II.1)",
          field);
    }
    int place;
    if (others.isEmpty()) {
      place = priority == null ? 1 : priority;
    } else {
      int other = taken.get(0);
      place = priority == null ? 3 - other : priority;
      if (place == other) {
        throw Refusal.conflict(
            "place_priority_taken",
            "person "
                + personId
                + " is already rated with priority "
                + other
                + " in poll "
                + others.get(0)
                + "; the two places have priorities 1 and 2 (001 II.1)",
            priorityField);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE subject SET person_id = ?, place_priority = ? WHERE poll_id = ? AND idx = ?")) {
      ps.setString(1, personId);
      ps.setInt(2, place);
      ps.setString(3, pollId);
      ps.setInt(4, index);
      ps.executeUpdate();
    }
  }

  /** The priority of subject {@code index}'s place (1 when not recorded). */
  public static int priority(Connection c, String pollId, int index) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT place_priority FROM subject WHERE poll_id = ? AND idx = ?")) {
      ps.setString(1, pollId);
      ps.setInt(2, index);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return 1;
        }
        int pr = rs.getInt(1);
        return rs.wasNull() ? 1 : pr;
      }
    }
  }

  private static int year(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT poll_date FROM poll WHERE id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw Refusal.notFound("poll");
        }
        return rs.getDate(1).toLocalDate().getYear();
      }
    }
  }

  /**
   * For each subject of {@code pollId} whose person is rated in two places in the poll's year:
   * index → this place's priority (1 or 2). Subjects rated here only are absent. Computed when
   * asked, so a report made before the second place was added shows the note once it is.
   */
  public static Map<Integer, Integer> twoPlaces(Connection c, String pollId) throws SQLException {
    int year = year(c, pollId);
    Map<Integer, Integer> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.idx, s.place_priority, o.poll_id, p.poll_date FROM subject s"
                + " JOIN subject o ON o.person_id = s.person_id AND o.poll_id <> s.poll_id JOIN poll p ON p.id = o.poll_id"
                + " WHERE s.poll_id = ? AND s.person_id IS NOT NULL ORDER BY s.idx")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getDate(4).toLocalDate().getYear() != year) {
            continue;
          }
          int pr = rs.getInt(2);
          out.put(rs.getInt(1), rs.wasNull() ? 1 : pr);
        }
      }
    }
    return out;
  }

  /**
   * Takes the person's row lock (creating the row on first use) for the rest of the transaction, so
   * two polls adding the same person at once cannot both pass the count. A concurrent first insert
   * is a unique violation, which the transaction reports as a conflict to retry.
   */
  private static void lock(Connection c, String personId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE person SET person_id = person_id WHERE person_id = ?")) {
      ps.setString(1, personId);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO person (person_id) VALUES (?)")) {
      ps.setString(1, personId);
      ps.executeUpdate();
    }
  }

  /** The person id of each subject of a poll (index → id; subjects from before V20 have none). */
  public static Map<Integer, String> ofPoll(Connection c, String pollId) throws SQLException {
    Map<Integer, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT idx, person_id FROM subject WHERE poll_id = ? ORDER BY idx")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /**
   * The polls a person is a subject of, with the subject's index and the place's priority (1 or 2).
   */
  public record Place(String pollId, int index, int priority, int year) {}

  /** The person's places, by year, then in their order of priority (001 II.1). */
  public static List<Place> places(Connection c, String personId) throws SQLException {
    List<Place> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.poll_id, s.idx, s.place_priority, p.poll_date FROM subject s"
                + " JOIN poll p ON p.id = s.poll_id WHERE s.person_id = ? ORDER BY p.poll_date, p.created_at, p.id")) {
      ps.setString(1, personId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int pr = rs.getInt(3);
          out.add(
              new Place(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.wasNull() ? 1 : pr,
                  rs.getDate(4).toLocalDate().getYear()));
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(Place::year).thenComparingInt(Place::priority));
    return out;
  }
}
