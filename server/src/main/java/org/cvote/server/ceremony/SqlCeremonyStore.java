package org.cvote.server.ceremony;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.CeremonyStore;
import org.cvote.committee.ceremony.Invitation;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * {@link CeremonyStore} in the server's database: one public JSON document per poll in {@code
 * ceremony_state}, saved with an optimistic version check (the stored version must be {@code
 * version - 1}), so two nodes sharing a database cannot overwrite each other's step (the loser's
 * post is applied again by {@link CommitteeModule}). Invitations (docs/protocol.md §8.6) are rows
 * of {@code committee_invitation}, by code hash; a registration takes its invitation in the
 * transaction that saves it.
 */
public final class SqlCeremonyStore implements CeremonyStore {
  /** The error code of a lost optimistic race; {@link CommitteeModule} applies the post again. */
  static final String CONCURRENT_UPDATE = "concurrent_update";

  private final Tx tx;
  private final Clock clock;

  public SqlCeremonyStore(Tx tx) {
    this(tx, Clock.systemUTC());
  }

  public SqlCeremonyStore(Tx tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public Optional<Invitation> invitation(String codeHash) {
    return tx.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT poll_id, invite_no, name, revoked, used_by FROM committee_invitation WHERE code_hash = ?")) {
            ps.setString(1, codeHash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new Invitation(
                          rs.getString(1),
                          rs.getInt(2),
                          rs.getString(3),
                          rs.getInt(4) != 0,
                          rs.getString(5)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean saveRedeeming(CeremonyState state, String codeHash, String fingerprint) {
    try {
      return tx.run(
          c -> {
            // one conditional update takes the invitation: of two registrations racing for it, one
            // finds it used
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE committee_invitation SET used_by = ?, used_at = ? "
                        + "WHERE code_hash = ? AND poll_id = ? AND used_by IS NULL AND revoked = 0")) {
              ps.setString(1, fingerprint);
              ps.setTimestamp(2, Timestamp.from(clock.instant()));
              ps.setString(3, codeHash);
              ps.setString(4, state.pollId());
              if (ps.executeUpdate() != 1) {
                return false;
              }
            }
            insertOrUpdate(
                c, state); // throws (rolling the update back) if another node saved the state
            // meanwhile
            return true;
          });
    } catch (Refusal e) {
      if (!"duplicate".equals(e.code())) {
        throw e;
      }
      throw concurrentUpdate();
    }
  }

  @Override
  public Optional<CeremonyState> load(String pollId) {
    return tx.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT state_json FROM ceremony_state WHERE poll_id = ?")) {
            ps.setString(1, pollId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(CeremonyState.fromJson(rs.getString(1)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public void save(CeremonyState state) {
    try {
      insertOrUpdate(state);
    } catch (Refusal e) {
      // two nodes created the first state of one poll at once: the later insert is a duplicate key
      if (!"duplicate".equals(e.code())) {
        throw e;
      }
      throw concurrentUpdate();
    }
  }

  private static CommitteeException concurrentUpdate() {
    return new CommitteeException(
        CommitteeException.Kind.CONFLICT,
        CONCURRENT_UPDATE,
        "the ceremony state changed meanwhile (another server?); retry");
  }

  private void insertOrUpdate(CeremonyState state) {
    tx.exec(c -> insertOrUpdate(c, state));
  }

  private static void insertOrUpdate(Connection c, CeremonyState state) throws SQLException {
    String json = state.toJson();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ceremony_state SET version = ?, state_json = ? WHERE poll_id = ? AND version = ?")) {
      ps.setLong(1, state.version());
      ps.setString(2, json);
      ps.setString(3, state.pollId());
      ps.setLong(4, state.version() - 1);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    boolean exists;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT version FROM ceremony_state WHERE poll_id = ?")) {
      ps.setString(1, state.pollId());
      try (ResultSet rs = ps.executeQuery()) {
        exists = rs.next();
      }
    }
    if (exists) {
      throw concurrentUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ceremony_state (poll_id, version, state_json) VALUES (?, ?, ?)")) {
      ps.setString(1, state.pollId());
      ps.setLong(2, state.version());
      ps.setString(3, json);
      ps.executeUpdate();
    }
  }
}
