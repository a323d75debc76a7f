package org.cvote.server.person;

import org.cvote.server.http.ApiException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subjects as people (docs/domain.md §6 "Consequences", mục 9.4): every subject row carries a stable person id —
 * the national id or staff code the secretariat gives, or one generated here — and a person may be rated in
 * at most {@value #MAX_PLACES_PER_YEAR} places (polls) in a calendar year (by the polls' dates). A third is
 * refused with the reason, naming the field.
 */
public final class People {
    public static final int MAX_PLACES_PER_YEAR = 2;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private final SecureRandom random = new SecureRandom();

    /** A given id normalised (trimmed, upper case; letters, digits, '-', '.', '_', 1..64), or a fresh "P-" id. */
    public String normalise(String given, String field) {
        if (given == null || given.isBlank()) return generate();
        String id = given.strip().toUpperCase(java.util.Locale.ROOT);
        if (id.length() > 64 || !id.matches("[A-Z0-9][A-Z0-9._-]*")) {
            throw ApiException.invalid(field, "a person id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    public String generate() {
        StringBuilder b = new StringBuilder("P-");
        for (int i = 0; i < 12; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }

    /**
     * Sets the person of subject {@code index} of {@code pollId}, after checking the person is not already a
     * subject of this poll and is rated in fewer than two other polls in the poll's year. Run it in the
     * transaction that adds or edits the subject.
     */
    public void assign(Connection c, String pollId, int index, String personId, String field) throws SQLException {
        lock(c, personId);
        int year;
        try (PreparedStatement ps = c.prepareStatement("SELECT poll_date FROM poll WHERE id = ?")) {
            ps.setString(1, pollId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ApiException.notFound("poll");
                year = rs.getDate(1).toLocalDate().getYear();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT idx FROM subject WHERE poll_id = ? AND person_id = ? AND idx <> ?")) {
            ps.setString(1, pollId);
            ps.setString(2, personId);
            ps.setInt(3, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw ApiException.conflict("duplicate_person", "person " + personId + " is already subject "
                            + rs.getInt(1) + " of this poll", field);
                }
            }
        }
        List<String> others = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT s.poll_id, p.poll_date FROM subject s JOIN poll p ON p.id = s.poll_id"
                + " WHERE s.person_id = ? AND s.poll_id <> ?")) {
            ps.setString(1, personId);
            ps.setString(2, pollId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getDate(2).toLocalDate().getYear() == year) others.add(rs.getString(1));
                }
            }
        }
        if (others.size() >= MAX_PLACES_PER_YEAR) {
            throw ApiException.conflict("too_many_places", "person " + personId + " is already rated in " + others.size()
                    + " places in " + year + " (polls " + String.join(", ", others) + "); a person may be rated in at most "
                    + MAX_PLACES_PER_YEAR + " places a year (mục 9.4)", field);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE subject SET person_id = ? WHERE poll_id = ? AND idx = ?")) {
            ps.setString(1, personId);
            ps.setString(2, pollId);
            ps.setInt(3, index);
            ps.executeUpdate();
        }
    }

    /**
     * Takes the person's row lock (creating the row on first use) for the rest of the transaction, so two polls
     * adding the same person at once cannot both pass the count. A concurrent first insert is a unique violation,
     * which the transaction reports as a conflict to retry.
     */
    private static void lock(Connection c, String personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE person SET person_id = person_id WHERE person_id = ?")) {
            ps.setString(1, personId);
            if (ps.executeUpdate() == 1) return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO person (person_id) VALUES (?)")) {
            ps.setString(1, personId);
            ps.executeUpdate();
        }
    }

    /** The person id of each subject of a poll (index → id; subjects from before V20 have none). */
    public static Map<Integer, String> ofPoll(Connection c, String pollId) throws SQLException {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT idx, person_id FROM subject WHERE poll_id = ? ORDER BY idx")) {
            ps.setString(1, pollId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    /** The polls a person is a subject of, with the subject's index, oldest first. */
    public record Place(String pollId, int index) {}

    public static List<Place> places(Connection c, String personId) throws SQLException {
        List<Place> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.poll_id, s.idx FROM subject s JOIN poll p ON p.id = s.poll_id"
                + " WHERE s.person_id = ? ORDER BY p.poll_date, p.created_at, p.id")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Place(rs.getString(1), rs.getInt(2)));
            }
        }
        return out;
    }
}
