package io.presencehub.asterisk;

import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryService;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.store.Observation;
import io.presencehub.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hub → Asterisk, the runtime side: plans the writes for every stored change (on the fan-out thread, returning at
 * once) and, when the {@code asterisk-writer} route asks, hands out the Setvars owed now (rules in
 * {@link AsteriskOwedWrites}: coalesced per presentity, none between a login and the hand-over of its snapshot) and
 * books Asterisk's answers. It registers the echo a write expects before the write is sent and keeps what was
 * written and what is still owed in the store ({@code asterisk-written}, {@code asterisk-pending}), so writes owed
 * while AMI is down survive a restart.
 */
public final class AsteriskWriter implements OutgoingState {

    private static final Logger LOG = LoggerFactory.getLogger(AsteriskWriter.class);
    /** Setvars handed out per route run: the route sends them one after the other on its timer thread. */
    static final int BATCH = 200;

    private final AsteriskWriteResolver planner;
    private final Supplier<DirectoryIndex> directory;
    private final Function<UserKey, UserState> currentState;
    private final StateStore store;
    private final AsteriskEchoes echoes;
    private final Clock clock;
    private final DecisionLog decisions;
    /** Guards {@link #owed} and {@link #persistNeeded}: the fan-out, the AMI supervisor and the route thread meet here. */
    private final Object lock = new Object();
    private final AsteriskOwedWrites owed = new AsteriskOwedWrites();
    private boolean persistNeeded;
    private final Map<String, PresenceWrite> persistedPending = new ConcurrentHashMap<>();
    private final Map<String, AsteriskObservation> written = new ConcurrentHashMap<>();
    /** The writes being sent now, with the echo each expects. */
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    public AsteriskWriter(AsteriskWriteResolver planner, Supplier<DirectoryIndex> directory,
                          Function<UserKey, UserState> currentState, StateStore store, AsteriskEchoes echoes, Clock clock,
                          DecisionLog decisions) {
        this.planner = planner;
        this.decisions = decisions;
        this.directory = directory;
        this.currentState = currentState;
        this.store = store;
        this.echoes = echoes;
        this.clock = clock;
        for (Observation stored : store.loadObservations(AsteriskObservation.KIND_WRITTEN).values()) {
            Optional.ofNullable(AsteriskObservation.fromStored(stored)).ifPresent(w -> written.put(w.presentity(), w));
        }
        DirectoryIndex index = directory.get();
        for (Observation stored : store.loadObservations(AsteriskObservation.KIND_PENDING).values()) {
            AsteriskObservation pending = AsteriskObservation.fromStored(stored);
            if (pending == null) {
                continue;
            }
            index.extensionWithPresentity(pending.presentity()).ifPresent(entry -> {
                PresenceWrite write = new PresenceWrite(entry.user(), pending.presentity(), pending.state(),
                        pending.subtype(), pending.message());
                persistedPending.put(write.presentity(), write);
                enqueue(write);
                LOG.info("Asterisk write kept from before the restart: {}", write);
            });
        }
    }

    /** The fan-out step: plans and queues the writes for one stored change. Returns at once, never throws. */
    public void stateChanged(StateChange change) {
        try {
            List<PresenceWrite> writes = planner.plan(change, directory.get());
            writes.forEach(this::enqueue);
            if (writes.isEmpty() && planner.unmapped(change)) {
                decisions.record(World.ASTERISK, change.user(), "unmapped type " + change.after().statusType().code()
                        + ": not written to Asterisk");
            }
        } catch (RuntimeException e) {
            LOG.error("Asterisk write for {} could not be planned", change, e);
        }
    }

    /**
     * A directory reload: a presentity that a user now writes to and did not before (an extension
     * added to the user, another default extension) gets the user's current state. New users are
     * left alone: for them Asterisk's own value is the truth until something changes.
     */
    public void directoryReloaded(DirectoryService.Reload reload) {
        try {
            for (UserKey user : reload.after().userKeys()) {
                if (reload.before().extensionsOf(user).isEmpty()) {
                    continue;
                }
                UserState state = currentState.apply(user);
                Set<String> before = new HashSet<>();
                planner.writesFor(user, state, reload.before()).forEach(w -> before.add(w.presentity()));
                planner.writesFor(user, state, reload.after()).stream()
                        .filter(w -> !before.contains(w.presentity()))
                        .peek(w -> LOG.debug("{} is a new Asterisk target of {} after a directory reload", w.presentity(), user))
                        .forEach(this::enqueue);
            }
        } catch (RuntimeException e) {
            LOG.error("Asterisk writes after a directory reload could not be planned", e);
        }
    }

    /** The link is being (re)established: nothing is due until {@link #resume()}. */
    public void pause() {
        synchronized (lock) {
            owed.pause();
        }
    }

    /** The reconnect's snapshot has been taken into account: writing may start (again). */
    public void resume() {
        synchronized (lock) {
            owed.resume();
        }
    }

    /**
     * The route {@code asterisk-writer}: the Setvars owed now, each with its echo registered (the report of a write
     * may arrive before its answer). While writing is paused, keeps the owed values in the store instead.
     */
    public List<PresenceWrite> dueWrites() {
        boolean persist;
        List<PresenceWrite> due;
        synchronized (lock) {
            persist = persistNeeded;
            persistNeeded = false;
            due = owed.due(BATCH);
        }
        if (persist) {
            persistPending();
        }
        List<PresenceWrite> send = new ArrayList<>(due.size());
        for (PresenceWrite write : due) {
            AsteriskPresence echo;
            try {
                echo = PresenceValueEncoder.encode(write.presentity(), write.state(), write.subtype(), write.message())
                        .expectedEcho();
            } catch (InvalidPresenceException e) {
                LOG.error("Asterisk write for {} skipped: {}", write.user(), e.getMessage());
                settle(write, AsteriskWriteOutcome.Result.FAILED);
                continue;
            }
            echoes.expect(echo);
            inFlight.put(write.presentity(), new InFlight(write, echo));
            send.add(write);
        }
        return send;
    }

    /** The route {@code asterisk-writer}: Asterisk's answer to one write handed out by {@link #dueWrites()}. */
    public void onOutcome(AsteriskWriteOutcome outcome) {
        PresenceWrite write = outcome.write();
        String presentity = write.presentity();
        InFlight sending = inFlight.get(presentity);
        try {
            switch (outcome.result()) {
                case WRITTEN -> {
                    AsteriskObservation sent = AsteriskObservation.of(sending.echo(), clock.instant());
                    written.put(presentity, sent);
                    store.saveObservation(sent.toStored(AsteriskObservation.KIND_WRITTEN));
                    LOG.debug("Asterisk write {}", write);
                }
                case NOT_CONNECTED -> {
                    echoes.cancel(sending.echo());
                    LOG.info("Asterisk write to {} postponed until AMI is back: {}", presentity, outcome.detail());
                }
                case FAILED -> {
                    echoes.cancel(sending.echo());
                    LOG.error("Asterisk write to {} failed and is dropped: {}", presentity, outcome.detail());
                }
            }
            settle(write, outcome.result());
        } catch (RuntimeException e) {
            LOG.error("Asterisk write to {} could not be booked", presentity, e);
        } finally {
            // after the owed value is settled: hasPending reads in the opposite order
            inFlight.remove(presentity);
        }
    }

    private void settle(PresenceWrite write, AsteriskWriteOutcome.Result result) {
        boolean settled;
        synchronized (lock) {
            settled = owed.answered(write, result);
            if (result == AsteriskWriteOutcome.Result.NOT_CONNECTED) {
                persistNeeded = true;
            }
        }
        if (settled && persistedPending.remove(write.presentity()) != null) {
            store.saveObservation(new Observation(AsteriskObservation.KIND_PENDING, write.presentity(),
                    AsteriskObservationCodec.NO_VALUE, clock.instant()));
        }
    }

    private record InFlight(PresenceWrite write, AsteriskPresence echo) {
    }

    @Override
    public boolean hasPending(String presentity) {
        // the write being sent first, the owed one second: the writer forgets them in the opposite order
        InFlight sending = inFlight.get(presentity);
        PresenceWrite pending;
        synchronized (lock) {
            pending = owed.owed(presentity).orElse(null);
        }
        if (pending == null) {
            return false;
        }
        // Asterisk already reported the write being sent, so it is applied there and only the writer's bookkeeping
        // is left: a phone report after its echo is newer than the hub's change and must be able to decide
        return sending == null || sending.write() != pending || !echoes.wasReported(sending.echo());
    }

    @Override
    public Optional<AsteriskObservation> lastWritten(String presentity) {
        return Optional.ofNullable(written.get(presentity));
    }

    @Override
    public void rewrite(UserKey user) {
        UserState state = currentState.apply(user);
        List<PresenceWrite> writes = planner.writesFor(user, state, directory.get());
        LOG.debug("Asterisk shows {} older than the hub's last write: writing {} again", user, writes);
        writes.forEach(this::enqueue);
    }

    @Override
    public boolean owes(UserKey user, UserState state) {
        return planner.writesFor(user, state, directory.get()).stream()
                .anyMatch(w -> lastWritten(w.presentity()).map(last -> last.observedAt().isBefore(state.changedAt()))
                        .orElse(true));
    }

    /** Writes owed and not yet answered by Asterisk (for health, metrics and tests that await a quiet writer). */
    public int pendingCount() {
        synchronized (lock) {
            return owed.size();
        }
    }

    private void enqueue(PresenceWrite write) {
        synchronized (lock) {
            owed.owe(write);
            if (!owed.ready()) {
                persistNeeded = true;
            }
        }
    }

    /** Keeps every owed value in the store, so a restart while AMI is down loses none. */
    private void persistPending() {
        Instant now = clock.instant();
        List<PresenceWrite> all;
        synchronized (lock) {
            all = List.copyOf(owed.owed());
        }
        for (PresenceWrite write : all) {
            if (!write.equals(persistedPending.get(write.presentity()))) {
                store.saveObservation(new AsteriskObservation(write.presentity(), write.state(), write.subtype(),
                        write.message(), now).toStored(AsteriskObservation.KIND_PENDING));
                persistedPending.put(write.presentity(), write);
            }
        }
    }
}
