package org.cvote.committee.ceremony;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cvote.crypto.token.AccessCode;

/** A {@link CeremonyStore} in memory, keeping JSON so every save exercises the serialised form. */
public final class InMemoryCeremonyStore implements CeremonyStore {
  private final ConcurrentHashMap<String, String> states = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Invitation> invitations = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  @Override
  public Optional<CeremonyState> load(String pollId) {
    String json = states.get(pollId);
    return json == null ? Optional.empty() : Optional.of(CeremonyState.fromJson(json));
  }

  @Override
  public void save(CeremonyState state) {
    states.compute(
        state.pollId,
        (k, old) -> {
          if (old != null && CeremonyState.fromJson(old).version != state.version - 1) {
            throw new IllegalStateException("concurrent update of the ceremony of poll " + k);
          }
          return state.toJson();
        });
  }

  /**
   * The secretariat invites an elected member: returns the one-time code (only its hash is kept).
   */
  public synchronized String invite(String pollId, String name) {
    String code = AccessCode.generate(random).display();
    int number =
        (int) invitations.values().stream().filter(i -> i.pollId().equals(pollId)).count() + 1;
    invitations.put(hash(code), new Invitation(pollId, number, name, false, null));
    return code;
  }

  static String hash(String code) {
    return HexFormat.of().formatHex(AccessCode.parse(code).hash());
  }

  @Override
  public Optional<Invitation> invitation(String codeHash) {
    return Optional.ofNullable(invitations.get(codeHash));
  }

  @Override
  public synchronized boolean saveRedeeming(
      CeremonyState state, String codeHash, String fingerprint) {
    Invitation i = invitations.get(codeHash);
    if (i == null || !i.unused() || !i.pollId().equals(state.pollId)) {
      return false;
    }
    save(state);
    invitations.put(codeHash, new Invitation(i.pollId(), i.number(), i.name(), false, fingerprint));
    return true;
  }
}
