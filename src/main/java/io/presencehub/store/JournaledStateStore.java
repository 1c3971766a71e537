package io.presencehub.store;

import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StateStore} of an H2 file with a {@link ChangeJournal} in front: a user-state change is
 * one line appended to the journal (as durable as an H2 commit with {@code WRITE_DELAY=0}: in the
 * operating system's cache, it survives {@code kill -9}) and reaches H2 later, many changes in one
 * transaction, on thread {@code store-journal-flush}. Opening replays whatever an earlier run left in
 * the journal; closing flushes it and deletes it. Observations go to H2 directly.
 */
public final class JournaledStateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledStateStore.class);

    private final JdbcStateStore database;
    private final Path base;
    private final ChangeJournal journal;
    /** Guards the journal's appends and rotations, the pending maps and the flag. */
    private final Object lock = new Object();
    /** Held while H2's user states change (a flush) or are read with the pending ones laid over them. */
    private final ReentrantLock flushLock = new ReentrantLock();
    private final JournalFlusher flusher;
    /** Changes appended to the current segment since the last rotation, latest per user. */
    private Map<UserKey, UserState> pending = new HashMap<>();
    /** Changes of older segments not yet committed to H2 (a flush under way, or one that failed). */
    private Map<UserKey, UserState> unflushed = Map.of();
    private boolean closed;
    /** Runs in a flush between taking the batch and committing it (tests save a change there). */
    volatile Runnable beforeCommit = () -> { };

    private JournaledStateStore(JdbcStateStore database, Path base, ChangeJournal journal, Duration interval,
                                int batchSize) {
        this.database = database;
        this.base = base;
        this.journal = journal;
        this.flusher = new JournalFlusher(this::flush, interval, batchSize);
    }

    /**
     * Replays every journal segment an earlier run left into H2 (one transaction), deletes them, starts
     * a new segment and the flusher.
     *
     * @param base the database file's path without {@code .mv.db}; segments are {@code <base>.journal.<n>}
     * @param interval the longest a change waits before its flush
     * @param batchSize pending users that start a flush at once
     * @throws StoreException with a one-line message when the journal cannot be read, replayed or written
     */
    public static JournaledStateStore open(JdbcStateStore database, Path base, Duration interval, int batchSize) {
        try {
            List<Path> segments = ChangeJournal.segments(base);
            if (!segments.isEmpty()) {
                ChangeJournal.Replay replay = ChangeJournal.replay(segments);
                try {
                    database.saveUserStates(replay.states());
                } catch (StoreException e) {
                    throw new StoreException("cannot replay the state store journal " + base + ".journal.*: "
                            + e.getMessage(), e.getCause());
                }
                ChangeJournal.delete(segments);
                LOG.info("State store: {} changes of {} users replayed from the journal ({} segments{}) into the database",
                        replay.lines(), replay.states().size(), segments.size(),
                        replay.skipped().isEmpty() ? "" : ", " + replay.skipped().size() + " damaged lines skipped");
            }
            JournaledStateStore store = new JournaledStateStore(database, base, ChangeJournal.open(base), interval,
                    batchSize);
            store.flusher.start();
            return store;
        } catch (IOException e) {
            throw new StoreException("cannot use the state store journal " + base + ".journal.*: "
                    + H2StoreFile.reason(e, null), e);
        }
    }

    @Override
    public void saveUserState(UserKey user, UserState state) {
        byte[] line = JournalLine.encode(user, state);
        synchronized (lock) {
            if (closed) {
                throw new StoreException("cannot store the state of " + user + ": the store is closed", null);
            }
            try {
                journal.append(line);
            } catch (IOException e) {
                throw new StoreException("cannot store the state of " + user + " in the journal " + journal.current()
                        + ": " + H2StoreFile.reason(e, journal.current()), e);
            }
            pending.put(user, state);
            flusher.pending(pending.size());
        }
    }

    /** H2's rows with the changes not yet flushed laid over them. */
    @Override
    public Map<UserKey, UserState> loadUserStates() {
        flushLock.lock();
        try {
            Map<UserKey, UserState> states = database.loadUserStates();
            synchronized (lock) {
                states.putAll(unflushed);
                states.putAll(pending);
            }
            return states;
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * Moves every change appended so far to H2 in one transaction: appends switch to a new segment,
     * the batch is committed, then the older segments are deleted. A failed commit keeps the batch and
     * its segments for the next flush (which adds what came since).
     *
     * @throws StoreException when the journal cannot rotate or H2 refuses the batch
     */
    void flush() {
        flushLock.lock();
        try {
            Map<UserKey, UserState> batch;
            synchronized (lock) {
                if (pending.isEmpty() && unflushed.isEmpty()) {
                    return;
                }
                if (!pending.isEmpty()) {
                    rotate(); // a retry with nothing new needs no new segment (an outage adds no files)
                }
                batch = new HashMap<>(unflushed);
                batch.putAll(pending);
                unflushed = batch;
                pending = new HashMap<>();
            }
            beforeCommit.run();
            database.saveUserStates(batch);
            List<Path> older;
            synchronized (lock) {
                unflushed = Map.of();
                older = journal.older();
            }
            ChangeJournal.delete(older);
        } catch (IOException e) {
            throw new StoreException("cannot delete a flushed journal segment: " + H2StoreFile.reason(e, null), e);
        } finally {
            flushLock.unlock();
        }
    }

    private void rotate() {
        try {
            journal.rotate();
        } catch (IOException e) {
            throw new StoreException("cannot start a new journal segment after " + journal.current() + ": "
                    + H2StoreFile.reason(e, null), e);
        }
    }

    @Override
    public void saveObservation(Observation observation) {
        database.saveObservation(observation);
    }

    @Override
    public void saveObservations(Collection<Observation> observations) {
        database.saveObservations(observations);
    }

    @Override
    public Map<String, Observation> loadObservations(String kind) {
        return database.loadObservations(kind);
    }

    @Override
    public int upgradeObservations(String kind, UnaryOperator<String> upgrade) {
        return database.upgradeObservations(kind, upgrade);
    }

    /**
     * Stops the flusher, flushes, deletes the journal and closes H2. When the last flush fails the
     * journal stays, and the next start replays it.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        flusher.stop();
        try {
            flush();
            journal.close();
            ChangeJournal.delete(ChangeJournal.segments(base));
        } catch (IOException | RuntimeException e) {
            LOG.warn("State store: the journal could not be flushed on closing, the next start replays it: {}",
                    e.getMessage());
        } finally {
            closeQuietly();
            database.close();
        }
    }

    /** Leaves everything as a {@code kill -9} would: the flusher stopped, journal and H2 closed unflushed (tests). */
    void halt() {
        synchronized (lock) {
            closed = true;
        }
        flusher.stop();
        closeQuietly();
        database.close();
    }

    /** The flusher thread (tests watch it). */
    Thread flusher() {
        return flusher.thread();
    }

    /** The journal (tests break its file). */
    ChangeJournal journal() {
        return journal;
    }

    private void closeQuietly() {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.debug("Closing the journal failed: {}", e.getMessage());
        }
    }
}
