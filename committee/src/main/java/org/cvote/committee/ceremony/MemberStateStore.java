package org.cvote.committee.ceremony;

import java.util.Optional;

/**
 * Where a member keeps its ceremony state between steps (sealed under its passphrase-derived key).
 */
public interface MemberStateStore {
  Optional<MemberState> load(String pollId);

  void save(MemberState state);
}
