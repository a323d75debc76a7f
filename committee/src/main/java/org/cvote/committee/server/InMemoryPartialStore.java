package org.cvote.committee.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.cvote.committee.decrypt.PartialDecryption;

/** {@link PartialStore} in memory. */
public final class InMemoryPartialStore implements PartialStore {
  private final Map<String, Map<Integer, PartialDecryption>> byPoll = new ConcurrentHashMap<>();

  @Override
  public List<PartialDecryption> load(String pollId) {
    Map<Integer, PartialDecryption> m = byPoll.get(pollId);
    if (m == null) {
      return List.of();
    }
    synchronized (m) {
      return new ArrayList<>(m.values());
    }
  }

  @Override
  public void put(String pollId, PartialDecryption p) {
    Map<Integer, PartialDecryption> m = byPoll.computeIfAbsent(pollId, k -> new TreeMap<>());
    synchronized (m) {
      m.put(p.member(), p);
    }
  }
}
