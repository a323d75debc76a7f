package org.cvote.committee.ceremony;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CeremonyStore} in memory, keeping JSON so every save exercises the serialised form. */
public final class InMemoryCeremonyStore implements CeremonyStore {
    private final ConcurrentHashMap<String, String> states = new ConcurrentHashMap<>();

    @Override
    public Optional<CeremonyState> load(String pollId) {
        String json = states.get(pollId);
        return json == null ? Optional.empty() : Optional.of(CeremonyState.fromJson(json));
    }

    @Override
    public void save(CeremonyState state) {
        states.compute(state.pollId, (k, old) -> {
            if (old != null && CeremonyState.fromJson(old).version != state.version - 1) {
                throw new IllegalStateException("concurrent update of the ceremony of poll " + k);
            }
            return state.toJson();
        });
    }
}
