package io.presencehub.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the store a JDBC URL names: an H2 file gets a {@link ChangeJournal} in front
 * ({@link JournaledStateStore}: a change costs one append, H2 gets them in batches); PostgreSQL and
 * H2 in memory or on a server are used directly ({@link JdbcStateStore}: a commit per change).
 */
public final class StateStores {

    /** The longest a journaled change waits before it reaches H2. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** Pending users that make the flusher go at once. */
    public static final int FLUSH_BATCH = 5000;

    private StateStores() {
    }

    /**
     * Opens the store; for an H2 file, the journal beside it ({@code <path>.journal.<n>}) is replayed
     * first.
     *
     * @throws StoreException with a one-line message when the store cannot be used
     */
    public static StateStore open(String url, String user, String password) {
        JdbcStateStore database = JdbcStateStore.open(url, user, password);
        Optional<Path> file = H2FileUrl.parse(url).flatMap(H2FileUrl::databaseFile);
        if (file.isEmpty()) {
            return database;
        }
        try {
            return JournaledStateStore.open(database, journalBase(file.get()), FLUSH_INTERVAL, FLUSH_BATCH);
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    /** {@code <path>.mv.db} → {@code <path>}. */
    static Path journalBase(Path databaseFile) {
        String name = databaseFile.getFileName().toString();
        return databaseFile.resolveSibling(name.substring(0, name.length() - ".mv.db".length()));
    }
}
