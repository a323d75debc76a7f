package org.cvote.committee.ceremony;

import java.util.Optional;

/**
 * Where the server keeps each poll's ceremony state. The state is one JSON document ({@link
 * CeremonyState#toJson()}), so a database needs only (poll_id, version, json). {@link
 * CeremonyCoordinator} serialises calls per poll within one JVM and bumps {@code version}; a store
 * shared by several JVMs should reject a save whose {@code version - 1} is not the stored one.
 *
 * <p>The store also holds the committee invitations (docs/protocol.md §8.6), by the hash of their
 * code only, because a registration must use its invitation in the same transaction that stores it.
 */
public interface CeremonyStore {
  Optional<CeremonyState> load(String pollId);

  void save(CeremonyState state);

  /**
   * The invitation whose code hashes to {@code codeHash} (hex of H("cvote/v1/access-code", code)),
   * on any poll.
   */
  Optional<Invitation> invitation(String codeHash);

  /**
   * {@link #save} and mark the invitation used by {@code fingerprint}, atomically: the invitation
   * is taken by one conditional update ("still unused, not revoked, this poll"). Returns false,
   * having saved nothing, when that update finds no unused invitation (another registration took it
   * meanwhile, or it was revoked).
   */
  boolean saveRedeeming(CeremonyState state, String codeHash, String fingerprint);
}
