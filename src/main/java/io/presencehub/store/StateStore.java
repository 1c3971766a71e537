package io.presencehub.store;

import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

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
    default void saveObservations(Collection<Observation> observations) {
        observations.forEach(this::saveObservation);
    }

    /** Every stored observation of one kind, by key. */
    Map<String, Observation> loadObservations(String kind);

    /**
     * Rewrites every stored value of one kind in its codec's current form, keeping key and time (once at start,
     * so rows of earlier releases are upgraded in place). A value the upgrade returns unchanged stays as it is.
     *
     * @param upgrade the kind's codec: stored text of any release → stored text of this one
     * @return how many rows were rewritten
     */
    default int upgradeObservations(String kind, UnaryOperator<String> upgrade) {
        List<Observation> upgraded = new ArrayList<>();
        for (Observation row : loadObservations(kind).values()) {
            String current = upgrade.apply(row.value());
            if (!current.equals(row.value())) {
                upgraded.add(new Observation(kind, row.key(), current, row.observedAt()));
            }
        }
        saveObservations(upgraded);
        if (!upgraded.isEmpty()) {
            LoggerFactory.getLogger(StateStore.class).info("State store: {} {} observations upgraded to the current"
                    + " format", upgraded.size(), kind);
        }
        return upgraded.size();
    }

    @Override
    void close();
}
