package io.presencehub.testing;

import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.store.Observation;
import io.presencehub.store.StateStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link StateStore} in memory, for rule tests without a database; survives "restarts" by reuse. */
public final class MemoryStateStore implements StateStore {

    private final Map<UserKey, UserState> states = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Observation>> observations = new ConcurrentHashMap<>();

    @Override
    public Map<UserKey, UserState> loadUserStates() {
        return new HashMap<>(states);
    }

    @Override
    public void saveUserState(UserKey user, UserState state) {
        states.put(user, state);
    }

    @Override
    public void saveObservation(Observation observation) {
        observations.computeIfAbsent(observation.kind(), k -> new ConcurrentHashMap<>())
                .put(observation.key(), observation);
    }

    @Override
    public Map<String, Observation> loadObservations(String kind) {
        return new HashMap<>(observations.getOrDefault(kind, Map.of()));
    }

    @Override
    public void close() {
        // nothing to release
    }
}
