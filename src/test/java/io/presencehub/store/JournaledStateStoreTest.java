package io.presencehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.LogCapture.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journaled H2 store: a change is durable once appended, survives a crash before any flush, reaches
 * H2 in batches without losing what is saved meanwhile, and leaves no journal after an orderly close.
 */
class JournaledStateStoreTest {

    private static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    private static final UserKey BOB = new UserKey("hq", "sales", "bob");
    private static final UserKey CAROL = new UserKey("Zürich Büro", "Ventes", "ext:3001");
    /** No flush on its own during a test: the test says when. */
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path folder;

    private JdbcStateStore reader;

    @AfterEach
    void closeReader() {
        if (reader != null) {
            reader.close();
        }
    }

    private String url() {
        return "jdbc:h2:file:" + folder.resolve("db/hub");
    }

    private Path base() {
        return folder.resolve("db/hub");
    }

    private JournaledStateStore open(Duration interval, int batchSize) {
        return JournaledStateStore.open(JdbcStateStore.open(url(), "sa", ""), base(), interval, batchSize);
    }

    /** What H2 itself holds, read beside the store (same database, own connection). */
    private Map<UserKey, UserState> inDatabase() {
        if (reader == null) {
            reader = JdbcStateStore.open(url(), "sa", "");
        }
        return reader.loadUserStates();
    }

    private List<Path> segments() throws IOException {
        return ChangeJournal.segments(base());
    }

    private static UserState state(String note, long version) {
        return new UserState("Lunch", StatusType.AWAY, note, 0, Origin.STATUS_INTERFACE,
                Instant.ofEpochMilli(1_740_000_000_000L + version), version);
    }

    /** Saves these changes, in order, into a store that never flushes, then stops it as a crash would. */
    @SafeVarargs
    private void saveThenCrash(Map.Entry<UserKey, UserState>... changes) {
        JournaledStateStore store = open(NEVER, 1_000_000);
        for (Map.Entry<UserKey, UserState> change : changes) {
            store.saveUserState(change.getKey(), change.getValue());
        }
        store.halt();
    }

    @Test
    void everyChangeSurvivesACrashBeforeAnyFlushTheLatestPerUserWins() throws IOException {
        saveThenCrash(Map.entry(ALICE, state("first", 1)), Map.entry(BOB, state("bob", 7)),
                Map.entry(ALICE, state("second", 2)));
        assertThat(segments()).hasSize(1);

        try (LogCapture log = LogCapture.start(); JournaledStateStore reopened = open(NEVER, 1_000_000)) {
            Map<UserKey, UserState> expected = Map.of(ALICE, state("second", 2), BOB, state("bob", 7));
            assertThat(reopened.loadUserStates()).isEqualTo(expected);
            assertThat(inDatabase()).as("replayed into H2 at opening").isEqualTo(expected);
            assertThat(segments()).as("replayed segment deleted, a new one started")
                    .containsExactly(folder.resolve("db/hub.journal.1"));
            assertThat(folder.resolve("db/hub.journal.1")).isEmptyFile();
            assertThat(log.atLeast(Level.INFO)).extracting(Line::message).filteredOn(m -> m.contains("journal"))
                    .containsExactly("State store: 3 changes of 2 users replayed from the journal (1 segments) into the"
                            + " database");
        }
    }

    @Test
    void aTornLastLineAndADamagedMiddleLineAreSkippedWithAWarningAndTheRestReplayed() throws IOException {
        saveThenCrash(Map.entry(ALICE, state("one", 1)), Map.entry(BOB, state("two", 1)),
                Map.entry(CAROL, state("three", 1)));
        Path segment = folder.resolve("db/hub.journal.1");
        List<String> lines = Files.readAllLines(segment);
        Files.writeString(segment, lines.get(0) + "\n" + lines.get(1).replace("two", "TWO") + "\n" + lines.get(2) + "\n"
                + lines.get(2).substring(0, 30));

        try (LogCapture log = LogCapture.start(); JournaledStateStore reopened = open(NEVER, 1_000_000)) {
            assertThat(reopened.loadUserStates()).isEqualTo(Map.of(ALICE, state("one", 1), CAROL, state("three", 1)));
            assertThat(log.atLeast(Level.WARN)).extracting(Line::message).satisfiesExactly(
                    m -> assertThat(m).startsWith("Journal " + segment + " line 2 skipped: checksum "),
                    m -> assertThat(m).startsWith("Journal " + segment + " line 4 skipped: last line cut short"));
            assertThat(log.atLeast(Level.INFO)).extracting(Line::message).contains("State store: 2 changes of 2 users"
                    + " replayed from the journal (1 segments, 2 damaged lines skipped) into the database");
        }
    }

    @Test
    void aFlushMovesTheChangesToTheDatabaseInOneGoAndDeletesTheirSegment() throws IOException {
        try (JournaledStateStore store = open(NEVER, 1_000_000)) {
            store.saveUserState(ALICE, state("one", 1));
            store.saveUserState(ALICE, state("two", 2));
            store.saveUserState(BOB, state("bob", 1));
            assertThat(inDatabase()).isEmpty();

            store.flush();

            assertThat(inDatabase()).isEqualTo(Map.of(ALICE, state("two", 2), BOB, state("bob", 1)));
            assertThat(segments()).containsExactly(folder.resolve("db/hub.journal.2"));
            assertThat(folder.resolve("db/hub.journal.2")).isEmptyFile();
        }
    }

    /** The flush switches appends to a new segment before it commits: what comes in meanwhile stays there. */
    @Test
    void aChangeSavedWhileAFlushCommitsIsNotLost() throws IOException {
        JournaledStateStore store = open(NEVER, 1_000_000);
        store.saveUserState(ALICE, state("flushed", 1));
        store.beforeCommit = () -> store.saveUserState(BOB, state("during the flush", 1));

        store.flush();

        store.beforeCommit = () -> { };
        assertThat(inDatabase()).isEqualTo(Map.of(ALICE, state("flushed", 1)));
        assertThat(store.loadUserStates()).isEqualTo(Map.of(ALICE, state("flushed", 1), BOB, state("during the flush", 1)));
        assertThat(segments()).containsExactly(folder.resolve("db/hub.journal.2"));
        store.halt();
        reader.close();
        reader = null;

        try (JournaledStateStore reopened = open(NEVER, 1_000_000)) {
            assertThat(reopened.loadUserStates())
                    .isEqualTo(Map.of(ALICE, state("flushed", 1), BOB, state("during the flush", 1)));
        }
    }

    @Test
    void loadUserStatesLaysThePendingChangesOverTheDatabase() {
        try (JournaledStateStore store = open(NEVER, 1_000_000)) {
            store.saveUserState(ALICE, state("old", 1));
            store.saveUserState(BOB, state("bob", 1));
            store.flush();
            store.saveUserState(ALICE, state("new", 2));
            store.saveUserState(CAROL, state("carol", 1));

            assertThat(inDatabase()).isEqualTo(Map.of(ALICE, state("old", 1), BOB, state("bob", 1)));
            assertThat(store.loadUserStates())
                    .isEqualTo(Map.of(ALICE, state("new", 2), BOB, state("bob", 1), CAROL, state("carol", 1)));
        }
    }

    @Test
    void anAppendThatFailsThrowsStoreExceptionAndIsNotKept() throws IOException {
        JournaledStateStore store = open(NEVER, 1_000_000);
        store.saveUserState(ALICE, state("kept", 1));
        store.journal().channel().close();

        assertThatThrownBy(() -> store.saveUserState(BOB, state("refused", 1))).isInstanceOf(StoreException.class)
                .hasMessage("cannot store the state of hq/sales/bob in the journal " + folder.resolve("db/hub.journal.1")
                        + ": the file is closed");
        assertThat(store.loadUserStates()).as("not acknowledged, not pending").containsOnlyKeys(ALICE);

        store.saveUserState(CAROL, state("after", 1));
        store.halt();
        try (JournaledStateStore reopened = open(NEVER, 1_000_000)) {
            assertThat(reopened.loadUserStates()).isEqualTo(Map.of(ALICE, state("kept", 1), CAROL, state("after", 1)));
        }
    }

    /** H2 refuses the batch: the changes stay in the journal (still acknowledged), one warning however often it retries. */
    @Test
    void aFailedCommitKeepsTheJournalAndWarnsOnce() throws Exception {
        JdbcStateStore database = JdbcStateStore.open(url(), "sa", "");
        CountDownLatch tries = new CountDownLatch(5);
        try (LogCapture log = LogCapture.start()) {
            JournaledStateStore store = JournaledStateStore.open(database, base(), Duration.ofMillis(5), 1_000_000);
            store.beforeCommit = tries::countDown;
            database.close();
            store.saveUserState(ALICE, state("acknowledged", 1));
            assertThat(tries.await(10, TimeUnit.SECONDS)).as("the flusher retried").isTrue();
            store.close();

            assertThat(log.atLeast(Level.WARN)).extracting(Line::message).satisfiesExactly(
                    m -> assertThat(m).startsWith("State store: flushing the journal failed, the changes stay in the"
                            + " journal and are tried again: cannot store the states of 1 users, first hq/sales/alice"),
                    m -> assertThat(m).startsWith("State store: the journal could not be flushed on closing, the next"
                            + " start replays it"));
        }
        assertThat(segments()).as("the segment of the change, and the one started by the first try; no more for"
                + " retries with nothing new").hasSize(2);
        try (JournaledStateStore reopened = open(NEVER, 1_000_000)) {
            assertThat(reopened.loadUserStates()).isEqualTo(Map.of(ALICE, state("acknowledged", 1)));
        }
    }

    @Test
    void theFlusherGoesAfterTheIntervalOrAtOnceForAFullBatch() {
        try (JournaledStateStore store = open(Duration.ofMillis(50), 1_000_000)) {
            store.saveUserState(ALICE, state("waited", 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> inDatabase().containsKey(ALICE));
        }
        JournaledStateStore store = open(NEVER, 3);
        try (store) {
            assertThat(store.flusher().getName()).isEqualTo("store-journal-flush");
            store.saveUserState(ALICE, state("one", 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> store.flusher().getState() == Thread.State.TIMED_WAITING);
            store.saveUserState(BOB, state("two", 1));
            store.saveUserState(CAROL, state("three", 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> inDatabase().size() == 3);
        }
        assertThat(store.flusher().isAlive()).as("stopped by close").isFalse();
    }

    @Test
    void closeFlushesLeavesNoSegmentAndCanBeCalledTwice() throws IOException {
        JournaledStateStore store = open(NEVER, 1_000_000);
        store.saveUserState(ALICE, state("one", 1));
        store.saveObservation(new Observation("asterisk", "1003", "v=1&state=dnd", Instant.ofEpochMilli(5)));
        store.close();
        store.close();

        assertThat(segments()).isEmpty();
        assertThat(inDatabase()).isEqualTo(Map.of(ALICE, state("one", 1)));
        assertThat(reader.loadObservations("asterisk")).containsOnlyKeys("1003");
        assertThatThrownBy(() -> store.saveUserState(BOB, state("late", 1))).isInstanceOf(StoreException.class)
                .hasMessage("cannot store the state of hq/sales/bob: the store is closed");
    }

    @Test
    void onlyAnH2FileGetsAJournalBesideIt() throws IOException {
        try (StateStore file = StateStores.open(url(), "sa", "")) {
            assertThat(file).isInstanceOf(JournaledStateStore.class);
            assertThat(segments()).containsExactly(folder.resolve("db/hub.journal.1"));
            assertThat(folder.resolve("db/hub.mv.db")).exists();
        }
        try (StateStore memory = StateStores.open("jdbc:h2:mem:journal-test", "sa", "")) {
            assertThat(memory).isInstanceOf(JdbcStateStore.class);
        }
        Files.writeString(base().resolveSibling("hub.journal.9"), "damaged\n", StandardOpenOption.CREATE);
        try (StateStore file = StateStores.open(url() + ";WRITE_DELAY=500", "sa", "")) {
            assertThat(file.loadUserStates()).isEmpty();
            assertThat(segments()).as("the damaged segment replayed (nothing) and deleted")
                    .containsExactly(folder.resolve("db/hub.journal.1"));
        }
    }
}
