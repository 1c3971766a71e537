package io.presencehub.sync;

import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.StatusDef;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import io.presencehub.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single path every change takes: compare with the user's current state, and if something
 * differs store it durably, then publish it. Updates of one user are applied one at a time, in
 * order; different users proceed in parallel.
 */
public final class PresenceApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceApplier.class);
    private static final int LOCK_STRIPES = 256;

    private final StateStore store;
    private final Supplier<DirectoryIndex> directory;
    private final ChangePublisher publisher;
    private final Clock clock;
    private final DecisionLog decisions;
    private final Map<UserKey, UserState> states = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];
    /** Shared by changes while they become visible and are published; exclusive for consistent reads. */
    private final ReentrantReadWriteLock view = new ReentrantReadWriteLock();

    public PresenceApplier(StateStore store, Supplier<DirectoryIndex> directory, ChangePublisher publisher, Clock clock) {
        this(store, directory, publisher, clock, new DecisionLog(clock));
    }

    /** @param decisions where an update that changes nothing is recorded */
    public PresenceApplier(StateStore store, Supplier<DirectoryIndex> directory, ChangePublisher publisher, Clock clock,
                           DecisionLog decisions) {
        this.decisions = decisions;
        this.store = store;
        this.directory = directory;
        this.publisher = publisher;
        this.clock = clock;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
        states.putAll(store.loadUserStates());
    }

    /**
     * Applies an update; returns the stored change, or empty when nothing changed (then nothing is
     * stored or published).
     */
    public Optional<StateChange> apply(UserUpdate update) {
        synchronized (lockOf(update.user())) {
            UserState before = current(update.user());
            UserState after = merge(before, update);
            if (after.sameValues(before)) {
                LOG.debug("No change for {} from {}: state already {}", update.user(), update.origin(), before);
                decisions.record(World.of(update.origin()), update.user(),
                        "no change for " + update.user().userId() + ": state already " + statusName(update.user(), before));
                return Optional.empty();
            }
            store.saveUserState(update.user(), after);
            StateChange change = new StateChange(update.user(), before, after);
            view.readLock().lock();
            try {
                states.put(update.user(), after);
                LOG.debug("Applied change for {} from {}: {} -> {}", update.user(), update.origin(), before, after);
                publisher.stateChanged(change);
            } finally {
                view.readLock().unlock();
            }
            return Optional.of(change);
        }
    }

    /**
     * Runs a read of user states (and the queueing of what it replies) between changes: every
     * change is either visible and published before it, or neither until it is done. Changes of
     * different users still run in parallel with each other, just not with such a read.
     */
    public void betweenChanges(Runnable read) {
        view.writeLock().lock();
        try {
            read.run();
        } finally {
            view.writeLock().unlock();
        }
    }

    /** The user's current state; a user never changed shows the tenant's initial status. */
    public UserState current(UserKey user) {
        return current(user, directory.get());
    }

    /** The user's current state, with the initial status taken from a given directory. */
    public UserState current(UserKey user, DirectoryIndex index) {
        UserState state = states.get(user);
        if (state != null) {
            return state;
        }
        Tenant tenant = index.tenantOf(user)
                .orElseThrow(() -> new IllegalArgumentException("unknown user " + user));
        StatusDef initial = tenant.initialStatus();
        return new UserState(initial.id(), initial.type(), "", 0, Origin.DIRECTORY,
                Instant.EPOCH, 0);
    }

    /** The users the store knows a state for (some may no longer be in the directory). */
    public Map<UserKey, UserState> storedStates() {
        return Map.copyOf(states);
    }

    private String statusName(UserKey user, UserState state) {
        return directory.get().tenantOf(user).flatMap(t -> t.statusWithId(state.statusId())).map(StatusDef::name)
                .orElse(state.statusId());
    }

    private UserState merge(UserState before, UserUpdate update) {
        StatusDef status = update.status();
        boolean statusChanges = status != null
                && (!status.id().equals(before.statusId()) || status.type() != before.statusType());
        return new UserState(
                status == null ? before.statusId() : status.id(),
                status == null ? before.statusType() : status.type(),
                update.note() == null ? before.note() : update.note(),
                update.returnTime() == null ? before.returnTime() : update.returnTime(),
                update.origin(), clock.instant(), before.version() + 1,
                statusChanges ? update.origin() : before.statusOrigin());
    }

    private Object lockOf(UserKey user) {
        return locks[Math.floorMod(user.hashCode(), LOCK_STRIPES)];
    }
}
