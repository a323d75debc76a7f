package org.cvote.server.report;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.cvote.crypto.encoding.Hex;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.attendance.AccessCodeStore;
import org.cvote.server.attendance.AccessCodes;
import org.cvote.server.ballot.ReceiptProof;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollForm;
import org.cvote.server.poll.Visibility;
import org.cvote.server.refusal.Refusal;

/**
 * docs/domain.md §7 "Who may see results" (mục 8.1), enforced by the server: everyone when the poll
 * is PUBLIC; otherwise the secretariat (bearer session), the managing authority (a read-only
 * authority key, header {@code X-Cvote-Authority} or {@code ?authority=}, whose scope covers the
 * poll: {@link AuthorityKey}), a voter of the poll (their signed receipt, {@link ReceiptProof}:
 * nothing printed on the public board is enough; or the access code, {@code ?code=}) and the
 * subject themself (their viewing code, {@code ?subjectCode=}, which shows them their own row).
 * Anyone else gets 403.
 */
public final class ResultsAccess {
  /** Who is asking; a SUBJECT sees only the row of {@code personId}. */
  public enum Kind {
    PUBLIC,
    SECRETARIAT,
    AUTHORITY,
    VOTER,
    SUBJECT
  }

  public record Viewer(Kind kind, String personId) {}

  public static final String AUTHORITY_HEADER = "X-Cvote-Authority";
  private final AdminAuth auth;
  private final AccessCodeStore codes;
  private final AccessCodes accessCodes;
  private final ReceiptProof receipts;
  private final SecureRandom random = new SecureRandom();

  public ResultsAccess(
      AdminAuth auth, AccessCodeStore codes, AccessCodes accessCodes, ReceiptProof receipts) {
    this.auth = auth;
    this.codes = codes;
    this.accessCodes = accessCodes;
    this.receipts = receipts;
  }

  /**
   * The strongest credential the request carries for this poll, else 403 {@code participants_only}.
   */
  public Viewer check(Connection c, ServerRequest req, Poll p) throws SQLException {
    if (secretariat(c, req)) {
      return new Viewer(Kind.SECRETARIAT, null);
    }
    if (authority(c, req, p)) {
      return new Viewer(Kind.AUTHORITY, null);
    }
    if (p.visibility() == Visibility.PUBLIC) {
      return new Viewer(Kind.PUBLIC, null);
    }
    if (receipts.proves(req, p)) {
      return new Viewer(Kind.VOTER, null);
    }
    String code = query(req, "code");
    if (code != null) {
      try {
        if (codes.voterOf(c, p.id(), accessCodes.hash(code)).isPresent()) {
          return new Viewer(Kind.VOTER, null);
        }
      } catch (IllegalArgumentException ignored) {
        // a malformed code is simply not a credential
      }
    }
    String subjectCode = query(req, "subjectCode");
    if (subjectCode != null) {
      try {
        Optional<String> person = subjectOf(c, p.id(), accessCodes.hash(subjectCode));
        if (person.isPresent()) {
          return new Viewer(Kind.SUBJECT, person.get());
        }
      } catch (IllegalArgumentException ignored) {
        // malformed
      }
    }
    throw Refusal.forbidden(
        "participants_only",
        "this poll's results are for its participants (mục 8.1): a voter "
            + "(signed receipt in X-Cvote-Receipt: k.B_k.T_k.signature, or ?code=<access code>), the subject (?subjectCode=), "
            + "the managing authority and the secretariat");
  }

  /**
   * Whether the request carries a live secretariat session (read on {@code c}, the caller's
   * transaction).
   */
  public boolean secretariat(Connection c, ServerRequest req) throws SQLException {
    return auth.user(c, req).isPresent();
  }

  /**
   * The authority key the request carries (header or {@code ?authority=}), if it is a stored one.
   */
  public Optional<AuthorityKey> authorityKey(Connection c, ServerRequest req) throws SQLException {
    String key =
        req.headers().first(HeaderNames.create(AUTHORITY_HEADER)).orElse(query(req, "authority"));
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    return AuthorityKey.load(c, sha256(key.strip()));
  }

  /**
   * Whether the request carries an authority key whose scope covers {@code p} (its poll ids or the
   * poll's organising body, and for an Executive Committee key only Standing Committee polls, 001
   * §8). A key for another poll or unit is no credential here.
   */
  public boolean authority(Connection c, ServerRequest req, Poll p) throws SQLException {
    Optional<AuthorityKey> k = authorityKey(c, req);
    return k.isPresent() && k.get().covers(p, PollForm.load(c, p));
  }

  /**
   * Issues a managing-authority key (shown once; only its SHA-256 is stored), scoped to poll ids
   * and/or units; the caller has checked the scope is not empty.
   */
  public String issueAuthorityKey(
      Connection c, String label, AuthorityKey.Holder holder, Set<String> polls, Set<String> units)
      throws SQLException {
    byte[] b = new byte[24];
    random.nextBytes(b);
    String key = "auth-" + Hex.encode(b);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO authority_key (key_hash, label, created_at, holder) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, sha256(key));
      ps.setString(2, label);
      ps.setTimestamp(3, Timestamp.from(Instant.now()));
      ps.setString(4, holder.name());
      ps.executeUpdate();
    }
    new AuthorityKey(sha256(key), label, holder, polls, units).insertScope(c);
    return key;
  }

  /**
   * Issues (or replaces) the viewing code of the subject {@code personId} of a poll; only its hash
   * is stored.
   */
  public String issueSubjectCode(Connection c, String pollId, String personId) throws SQLException {
    String code = accessCodes.generate();
    String hash = accessCodes.hash(code);
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM subject_view_code WHERE poll_id = ? AND person_id = ?")) {
      ps.setString(1, pollId);
      ps.setString(2, personId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO subject_view_code (poll_id, person_id, code_hash) VALUES (?, ?, ?)")) {
      ps.setString(1, pollId);
      ps.setString(2, personId);
      ps.setString(3, hash);
      ps.executeUpdate();
    }
    return code;
  }

  private static Optional<String> subjectOf(Connection c, String pollId, String hash)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT person_id FROM subject_view_code WHERE poll_id = ? AND code_hash = ?")) {
      ps.setString(1, pollId);
      ps.setString(2, hash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static String query(ServerRequest req, String name) {
    return req.query().contains(name) ? req.query().get(name) : null;
  }

  static String sha256(String s) {
    try {
      return Hex.encode(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
