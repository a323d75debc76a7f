package org.cvote.committee.ceremony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cvote.committee.CommitteeJson;

/**
 * Member state in memory (simulated members of the demo, tests); kept as JSON so it is never shared
 * by reference.
 */
public final class InMemoryMemberStateStore implements MemberStateStore {
  private final Map<String, byte[]> states = new ConcurrentHashMap<>();

  @Override
  public Optional<MemberState> load(String pollId) {
    byte[] b = states.get(pollId);
    try {
      return b == null
          ? Optional.empty()
          : Optional.of(CommitteeJson.mapper().readValue(b, MemberState.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void save(MemberState state) {
    try {
      states.put(state.pollId, CommitteeJson.mapper().writeValueAsBytes(state));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
