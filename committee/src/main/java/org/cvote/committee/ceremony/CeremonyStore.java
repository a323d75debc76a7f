package org.cvote.committee.ceremony;

import java.util.Optional;

/**
 * Where the server keeps each poll's ceremony state. The state is one JSON document
 * ({@link CeremonyState#toJson()}), so a database needs only (poll_id, version, json).
 * {@link CeremonyCoordinator} serialises calls per poll within one JVM and bumps {@code version};
 * a store shared by several JVMs should reject a save whose {@code version - 1} is not the stored one.
 */
public interface CeremonyStore {
    Optional<CeremonyState> load(String pollId);

    void save(CeremonyState state);
}
