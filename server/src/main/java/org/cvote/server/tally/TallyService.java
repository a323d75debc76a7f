package org.cvote.server.tally;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.decrypt.NotEnoughSharesException;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyCombiner;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.decrypt.TallyRefusedException;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.PartialSignature;
import org.cvote.crypto.record.RecordJson;
import org.cvote.crypto.record.TallyFile;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.ceremony.CommitteeModule;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.roster.Quorum;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.store.Tx;

/**
 * closed → tallied: combines the valid partial decryptions the desk accepted (all of them, or a
 * chosen set U) into the counts, builds tally.json (attendance, issued = tokens issued, collected =
 * ballots on the board, percentages of collected with {@code Percent}, flags with {@code Flag}) and
 * decryption.json, stores both in {@code poll_tally} and moves the poll to TALLIED in the same
 * transaction. A ballot version 2 poll combines one packed value per subject and splits it
 * (docs/protocol.md §16.6); tally.json is the same file. Fewer than t valid partials: 409 naming
 * how many are missing.
 */
public final class TallyService {
  /**
   * What the tally fixed: the two record files and the decryption set's signatures over its partial
   * decryptions (closing.json's {@code partials}; null for a tally stored before record version 2).
   */
  public record Stored(
      TallyFile tally, DecryptionFile decryption, List<PartialSignature> partials) {
    public Stored {
      partials = partials == null ? null : List.copyOf(partials);
    }
  }

  private final Tx tx;
  private final PollStore polls;
  private final RosterStore roster;
  private final PollLifecycle lifecycle;
  private final AuditLog audit;
  private final CommitteeModule committee;
  private final SecureRandom rng = new SecureRandom();

  public TallyService(
      Tx tx,
      PollStore polls,
      RosterStore roster,
      PollLifecycle lifecycle,
      AuditLog audit,
      CommitteeModule committee) {
    this.tx = tx;
    this.polls = polls;
    this.roster = roster;
    this.lifecycle = lifecycle;
    this.audit = audit;
    this.committee = committee;
  }

  /**
   * Tallies with every valid partial decryption in, or only those of {@code members} when given.
   */
  public Stored tally(String actor, String pollId, Collection<Integer> members) {
    Poll p = tx.run(c -> polls.get(c, pollId));
    PollLifecycle.require(p, PollStatus.CLOSED);
    // an erase that failed at close is tried again; if it fails again the tally goes on (audited,
    // shown in the
    // poll view): a broken store must not block the count (docs/security.md "What the store keeps
    // after close")
    lifecycle.eraseOrder(actor, pollId);
    CeremonyCoordinator coordinator = committee.coordinator();
    DecryptionDesk desk = committee.desk();
    CeremonyResult result = CommitteeModule.committee(() -> coordinator.result(pollId));
    TallyInput in = CommitteeModule.committee(() -> committee.source().tallyInput(pollId));
    // the server's own aggregate: per option (version 1) or one ciphertext per subject (version 2,
    // docs/protocol.md §16.6)
    long count = CommitteeModule.committee(() -> desk.count(pollId));
    List<PartialDecryption> chosen = new ArrayList<>();
    Set<Integer> wanted = members == null || members.isEmpty() ? null : new TreeSet<>(members);
    for (PartialDecryption d : committee.partials().load(pollId)) {
      if (wanted == null || wanted.contains(d.member())) {
        chosen.add(d);
      }
    }
    if (wanted != null) {
      for (int m : wanted) {
        if (chosen.stream().noneMatch(d -> d.member() == m)) {
          throw Refusal.conflict(
              "no_partial",
              "member " + m + " has not posted a valid partial decryption",
              "members");
        }
      }
    }
    int t = result.t();
    if (count > 0 && chosen.size() < t) {
      throw Refusal.conflict(
          "not_enough_shares",
          "the tally needs t = "
              + t
              + " valid partial decryptions; "
              + chosen.size()
              + " "
              + (chosen.size() == 1 ? "is" : "are")
              + " in"
              + (chosen.isEmpty()
                  ? ""
                  : " (members " + chosen.stream().map(PartialDecryption::member).toList() + ")")
              + ", "
              + (t - chosen.size())
              + " missing");
    }
    TallyResult r;
    try {
      if (in.closing() == null) {
        throw Refusal.conflict(
            "no_closing", "poll " + pollId + " has no closing statement (closed before version 2)");
      }
      r =
          in.isV2()
              ? TallyCombiner.combine(
                  in.context().q(),
                  in.closing().head(),
                  result,
                  in.encoding(),
                  CommitteeModule.committee(() -> desk.aggregateV2(pollId)),
                  chosen,
                  rng)
              : TallyCombiner.combine(
                  in.context().q(),
                  in.closing().head(),
                  result,
                  CommitteeModule.committee(() -> desk.aggregate(pollId)),
                  chosen,
                  rng);
    } catch (NotEnoughSharesException e) {
      throw Refusal.conflict("not_enough_shares", e.getMessage());
    } catch (TallyRefusedException e) {
      // verified shares that combine to no honest count (§9.3, §16.6): nothing stored, never a
      // guess
      throw Refusal.conflict("tally_refused", e.getMessage());
    }
    int subjects = in.manifest().subjects().size();
    long collected = in.lines().size();
    if (r.collected() != collected) {
      throw new IllegalStateException("aggregate count differs from the board");
    }
    Stored stored =
        tx.run(
            c -> {
              PollLifecycle.require(polls.get(c, pollId), PollStatus.CLOSED);
              Quorum q = roster.quorum(c, pollId);
              long issued = tokensIssued(c, pollId);
              List<TallyFile.Result> results = new ArrayList<>();
              for (int s = 1; s <= subjects; s++) {
                long[] k = r.counts().isEmpty() ? new long[3] : r.counts().get(s - 1);
                results.add(TallyFile.Result.of(s, k[0], k[1], k[2], collected));
              }
              TallyFile tally =
                  new TallyFile(
                      q.summoned(),
                      q.present(),
                      q.absentFromStart(),
                      q.presentAtVoting(),
                      issued,
                      collected,
                      results);
              // A row left by an earlier version's crash between storing the tally and the status
              // change (two
              // transactions then) would block every retry: the poll is still closed, so nothing
              // official is replaced.
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM poll_tally WHERE poll_id = ?")) {
                ps.setString(1, pollId);
                ps.executeUpdate();
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO poll_tally (poll_id, tally_json, decryption_json) VALUES (?, ?, ?)")) {
                ps.setString(1, pollId);
                ps.setString(2, new String(RecordJson.write(tally), StandardCharsets.UTF_8));
                ps.setString(3, decryptionJson(r.decryption(), r.partials()));
                ps.executeUpdate();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              audit.append(
                  c,
                  actor,
                  pollId,
                  "tally.combined",
                  "U="
                      + r.decryption().members()
                      + " collected="
                      + collected
                      + " issued="
                      + issued
                      + (r.rejected().isEmpty() ? "" : " rejected=" + r.rejected().keySet()));
              lifecycle.markTallied(
                  c, actor, pollId); // same transaction: a crash leaves either both or neither
              return new Stored(tally, r.decryption(), r.partials());
            });
    return stored;
  }

  /** The stored tally of a tallied or published poll. */
  public Optional<Stored> stored(String pollId) {
    return tx.run(c -> stored(c, pollId));
  }

  public static Optional<Stored> stored(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT tally_json, decryption_json FROM poll_tally WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        ObjectNode d = (ObjectNode) CommitteeJson.mapper().readTree(rs.getString(2));
        JsonNode partials = d.remove("partials");
        return Optional.of(
            new Stored(
                RecordJson.lenient().readValue(rs.getString(1), TallyFile.class),
                CommitteeJson.mapper().treeToValue(d, DecryptionFile.class),
                partials == null || partials.isNull()
                    ? null
                    : CommitteeJson.mapper()
                        .convertValue(partials, new TypeReference<List<PartialSignature>>() {})));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The stored decryption_json column: decryption.json's fields with the partials' signatures after
   * them ({"members","shares","partials"}), as earlier versions stored it.
   */
  static String decryptionJson(DecryptionFile decryption, List<PartialSignature> partials)
      throws IOException {
    ObjectNode d = CommitteeJson.mapper().valueToTree(decryption);
    d.set("partials", CommitteeJson.mapper().valueToTree(partials));
    return new String(CommitteeJson.mapper().writeValueAsBytes(d), StandardCharsets.UTF_8);
  }

  public static long tokensIssued(Connection c, String pollId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM token_issuance WHERE poll_id = ?")) {
      ps.setString(1, pollId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
