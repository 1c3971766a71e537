package io.presencehub.asterisk;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryService;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.store.Observation;
import io.presencehub.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * Hub → Asterisk: plans the writes for every stored change (on the fan-out thread, returning at
 * once) and sends them from its own thread, coalesced per presentity so that only the latest
 * desired value is sent. While AMI is down the desired values are kept, persisted as
 * {@code asterisk-pending}, and written once the reconnect's snapshot has been taken into account.
 */
public final class AsteriskWriter implements OutgoingState {

    private static final Logger LOG = LoggerFactory.getLogger(AsteriskWriter.class);

    private final AsteriskWriteResolver planner;
    private final Supplier<DirectoryIndex> directory;
    private final Function<UserKey, UserState> currentState;
    private final StateStore store;
    private final AsteriskEchoes echoes;
    private final PresenceSink sink;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, PresenceWrite> desired = new ConcurrentHashMap<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private final Map<String, PresenceWrite> persistedPending = new ConcurrentHashMap<>();
    private final Map<String, AsteriskObservation> written = new ConcurrentHashMap<>();
    /** The write being sent now (at most one: one writer thread), with the echo it expects. */
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private boolean ready;
    private boolean persistNeeded;
    private volatile boolean running;
    private Thread worker;

    public AsteriskWriter(AsteriskWriteResolver planner, Supplier<DirectoryIndex> directory,
                          Function<UserKey, UserState> currentState, StateStore store, AsteriskEchoes echoes,
                          PresenceSink sink, Clock clock) {
        this.planner = planner;
        this.directory = directory;
        this.currentState = currentState;
        this.store = store;
        this.echoes = echoes;
        this.sink = sink;
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
            planner.plan(change, directory.get()).forEach(this::enqueue);
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

    /** The link is being (re)established: nothing is written until {@link #resume()}. */
    public void pause() {
        synchronized (lock) {
            ready = false;
        }
    }

    /** The reconnect's snapshot has been taken into account: writing may start (again). */
    public void resume() {
        synchronized (lock) {
            ready = true;
            lock.notifyAll();
        }
    }

    private record InFlight(PresenceWrite write, AsteriskPresence echo) {
    }

    @Override
    public boolean hasPending(String presentity) {
        // the write being sent first, the desired one second: the writer forgets them in the opposite order
        InFlight sending = inFlight.get(presentity);
        PresenceWrite pending = desired.get(presentity);
        if (pending == null) {
            return false;
        }
        // Asterisk already reported the write being sent, so it is applied there and only this thread's bookkeeping
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

    /** Writes queued or kept, not yet answered by Asterisk (for tests and metrics). */
    public int pendingCount() {
        return desired.size();
    }

    private void enqueue(PresenceWrite write) {
        synchronized (lock) {
            if (desired.put(write.presentity(), write) == null) {
                queue.addLast(write.presentity());
            }
            if (!ready) {
                persistNeeded = true;
            }
            lock.notifyAll();
        }
    }

    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            worker = new Thread(this::run, "asterisk-writer");
            worker.setDaemon(true);
            worker.start();
        }
    }

    public void stop() {
        Thread thread;
        synchronized (lock) {
            running = false;
            lock.notifyAll();
            thread = worker;
            worker = null;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            String presentity;
            boolean persist;
            synchronized (lock) {
                while (running && !(ready && !queue.isEmpty()) && !persistNeeded) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                persist = persistNeeded;
                persistNeeded = false;
                presentity = persist ? null : queue.pollFirst();
            }
            try {
                if (persist) {
                    persistPending();
                } else if (presentity != null) {
                    writeLatest(presentity);
                }
            } catch (RuntimeException e) {
                LOG.error("Asterisk writer failed on {}", presentity, e);
            }
        }
    }

    /** Writes everything queued on the calling thread while writing is allowed (tests without the worker). */
    int writeNow() {
        int handled = 0;
        while (true) {
            String presentity;
            boolean persist;
            synchronized (lock) {
                persist = persistNeeded;
                persistNeeded = false;
                presentity = persist || !ready ? null : queue.pollFirst();
            }
            if (persist) {
                persistPending();
            } else if (presentity == null) {
                return handled;
            } else {
                writeLatest(presentity);
                handled++;
            }
        }
    }

    private void writeLatest(String presentity) {
        PresenceWrite write = desired.get(presentity);
        if (write == null) {
            return;
        }
        EncodedPresence encoded;
        try {
            encoded = PresenceValueEncoder.encode(write.presentity(), write.state(), write.subtype(), write.message());
        } catch (InvalidPresenceException e) {
            LOG.error("Asterisk write for {} skipped: {}", write.user(), e.getMessage());
            done(write);
            return;
        }
        AsteriskPresence echo = encoded.expectedEcho();
        echoes.expect(echo);
        inFlight.put(presentity, new InFlight(write, echo));
        try {
            sink.write(write);
        } catch (AmiNotConnectedException e) {
            inFlight.remove(presentity);
            echoes.cancel(echo);
            synchronized (lock) {
                ready = false;
                persistNeeded = true;
                queue.addFirst(presentity);
            }
            LOG.info("Asterisk write to {} postponed until AMI is back: {}", presentity, e.getMessage());
            return;
        } catch (RuntimeException e) {
            inFlight.remove(presentity);
            echoes.cancel(echo);
            LOG.error("Asterisk write to {} failed and is dropped: {}", presentity, e.getMessage());
            done(write);
            return;
        }
        try {
            AsteriskObservation sent = AsteriskObservation.of(echo, clock.instant());
            written.put(presentity, sent);
            store.saveObservation(sent.toStored(AsteriskObservation.KIND_WRITTEN));
            LOG.debug("Asterisk write {} = {}", encoded.variable(), encoded.value());
            done(write);
        } finally {
            inFlight.remove(presentity);
        }
    }

    /** Removes a handled write unless a newer one replaced it meanwhile (then that one is queued again). */
    private void done(PresenceWrite write) {
        String presentity = write.presentity();
        synchronized (lock) {
            if (!desired.remove(presentity, write)) {
                if (desired.containsKey(presentity) && !queue.contains(presentity)) {
                    queue.addLast(presentity);
                }
                return;
            }
        }
        if (persistedPending.remove(presentity) != null) {
            store.saveObservation(new Observation(AsteriskObservation.KIND_PENDING, presentity,
                    AsteriskObservationCodec.NO_VALUE, clock.instant()));
        }
    }

    /** Keeps every desired value in the store, so a restart while AMI is down loses none. */
    private void persistPending() {
        Instant now = clock.instant();
        for (PresenceWrite write : desired.values()) {
            if (!write.equals(persistedPending.get(write.presentity()))) {
                store.saveObservation(new AsteriskObservation(write.presentity(), write.state(), write.subtype(),
                        write.message(), now).toStored(AsteriskObservation.KIND_PENDING));
                persistedPending.put(write.presentity(), write);
            }
        }
    }
}
