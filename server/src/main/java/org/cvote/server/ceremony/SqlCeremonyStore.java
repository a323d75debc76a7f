package org.cvote.server.ceremony;

import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.CeremonyStore;
import org.cvote.server.http.ApiException;
import org.cvote.server.store.Tx;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * {@link CeremonyStore} in the server's database: one public JSON document per poll in
 * {@code ceremony_state}, saved with an optimistic version check (the stored version must be
 * {@code version - 1}), so two nodes sharing a database cannot overwrite each other's step (the loser's
 * post is applied again by {@link CommitteeModule}).
 */
public final class SqlCeremonyStore implements CeremonyStore {
    /** The error code of a lost optimistic race; {@link CommitteeModule} applies the post again. */
    static final String CONCURRENT_UPDATE = "concurrent_update";
    private final Tx tx;

    public SqlCeremonyStore(Tx tx) {
        this.tx = tx;
    }

    @Override
    public Optional<CeremonyState> load(String pollId) {
        return tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state_json FROM ceremony_state WHERE poll_id = ?")) {
                ps.setString(1, pollId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(CeremonyState.fromJson(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void save(CeremonyState state) {
        try {
            insertOrUpdate(state);
        } catch (ApiException e) {
            // two nodes created the first state of one poll at once: the later insert is a duplicate key
            if (!"duplicate".equals(e.code())) throw e;
            throw concurrentUpdate();
        }
    }

    private static CommitteeException concurrentUpdate() {
        return new CommitteeException(CommitteeException.Kind.CONFLICT, CONCURRENT_UPDATE,
                "the ceremony state changed meanwhile (another server?); retry");
    }

    private void insertOrUpdate(CeremonyState state) {
        String json = state.toJson();
        tx.exec(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ceremony_state SET version = ?, state_json = ? WHERE poll_id = ? AND version = ?")) {
                ps.setLong(1, state.version);
                ps.setString(2, json);
                ps.setString(3, state.pollId);
                ps.setLong(4, state.version - 1);
                if (ps.executeUpdate() == 1) return;
            }
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM ceremony_state WHERE poll_id = ?")) {
                ps.setString(1, state.pollId);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (exists) throw concurrentUpdate();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ceremony_state (poll_id, version, state_json) VALUES (?, ?, ?)")) {
                ps.setString(1, state.pollId);
                ps.setLong(2, state.version);
                ps.setString(3, json);
                ps.executeUpdate();
            }
        });
    }
}
