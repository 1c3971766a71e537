package io.presencehub.store;

import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.util.Map;

/**
 * Durable state of the hub: each user's state and what each world last showed. Every write is
 * durable when the method returns, so a change may be acknowledged right after it.
 */
public interface StateStore extends AutoCloseable {

    /** Every stored user state. */
    Map<UserKey, UserState> loadUserStates();

    /** Stores a user's state durably. */
    void saveUserState(UserKey user, UserState state);

    /** Stores what a world last showed for a key (e.g. kind {@code asterisk}, key a presentity). */
    void saveObservation(Observation observation);

    /** Stores several observations at once (one transaction where the store has them). */
    default void saveObservations(java.util.Collection<Observation> observations) {
        observations.forEach(this::saveObservation);
    }

    /** Every stored observation of one kind, by key. */
    Map<String, Observation> loadObservations(String kind);

    @Override
    void close();
}
