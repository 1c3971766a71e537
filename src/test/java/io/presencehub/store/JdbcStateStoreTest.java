package io.presencehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.testing.AwkwardTexts;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The durable store: the same cases run on an H2 file and on PostgreSQL ({@link Cases}), plus what
 * only concerns opening a store (folders, bad URLs, redacted passwords).
 */
class JdbcStateStoreTest {

    /**
     * The one place that decides whether the PostgreSQL cases run: with {@code HUB_TEST_POSTGRES_URL}
     * (and {@code HUB_TEST_POSTGRES_USER} / {@code HUB_TEST_POSTGRES_PASSWORD}) they run; without it
     * they fail on CI ({@code CI=true}, where PostgreSQL is installed) and are skipped elsewhere.
     */
    private static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    private static final UserKey JUERGEN = new UserKey("hq", "support", "jürgen");
    private static final UserKey UNCLAIMED = new UserKey("zurich", "ventes", "ext:3001");
    private static final UserKey BOB = new UserKey("hq", "sales", "bob");

    private static UserState state(String status, String note, long returnTime, long version) {
        return new UserState(status, StatusType.AWAY, note, returnTime, Origin.STATUS_INTERFACE,
                Instant.ofEpochMilli(1_740_000_000_123L + version), version);
    }

    /** Every case here runs on each database. */
    abstract static class Cases {

        /** A JDBC URL of an empty database (or schema) of this test's own. */
        abstract String url();

        String user() {
            return "sa";
        }

        String password() {
            return "";
        }

        JdbcStateStore open() {
            return JdbcStateStore.open(url(), user(), password());
        }

        @Test
        void anEmptyStoreLoadsNothing() {
            try (JdbcStateStore store = open()) {
                assertThat(store.loadUserStates()).isEmpty();
                assertThat(store.loadObservations("asterisk")).isEmpty();
            }
        }

        @Test
        void userStatesRoundTrip() {
            UserState multiLine = new UserState("sales-dnd", StatusType.DND, "Zeile 1\nZeile 2\r\n日本 😀 @# ä",
                    999_999_999_999_999_999L, Origin.TEAMS, Instant.ofEpochMilli(1_740_000_000_123L), 42);
            UserState largest = new UserState("Außer Haus", StatusType.XA, "x".repeat(10_000), Long.MAX_VALUE,
                    Origin.ASTERISK, Instant.EPOCH, Long.MAX_VALUE);
            UserState blank = new UserState("Disponible", StatusType.AVAILABLE, "", 0, Origin.DIRECTORY,
                    Instant.parse("2025-03-01T08:00:00.001Z"), 1);
            UserState noteOnTeamsStatus = new UserState("sales-dnd", StatusType.DND, "in the meeting", 0,
                    Origin.STATUS_INTERFACE, Instant.parse("2025-03-01T08:00:00.001Z"), 7, Origin.TEAMS);
            try (JdbcStateStore store = open()) {
                store.saveUserState(ALICE, multiLine);
                store.saveUserState(JUERGEN, largest);
                store.saveUserState(UNCLAIMED, blank);
                store.saveUserState(BOB, noteOnTeamsStatus);

                assertThat(store.loadUserStates()).isEqualTo(Map.of(ALICE, multiLine, JUERGEN, largest, UNCLAIMED, blank,
                        BOB, noteOnTeamsStatus));
            }
        }

        /** A journal's batch: new rows and updated ones in one transaction; a refused batch leaves nothing. */
        @Test
        void severalUserStatesAreStoredAtOnceOrNotAtAll() {
            try (JdbcStateStore store = open()) {
                store.saveUserState(ALICE, state("Lunch", "old", 0, 1));
                store.saveUserStates(Map.of(ALICE, state("Away", "new", 5, 2), BOB, state("Lunch", "", 0, 1)));
                assertThat(store.loadUserStates()).isEqualTo(Map.of(ALICE, state("Away", "new", 5, 2),
                        BOB, state("Lunch", "", 0, 1)));

                UserState refused = new UserState("x".repeat(10), StatusType.AWAY, "", 0, Origin.ASTERISK,
                        Instant.EPOCH, 3);
                Map<UserKey, UserState> withNullKey = new java.util.LinkedHashMap<>();
                withNullKey.put(JUERGEN, refused);
                withNullKey.put(new UserKey("hq", "sales", null), refused);
                assertThatThrownBy(() -> store.saveUserStates(withNullKey)).isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("cannot store the states of 2 users, first hq/support/jürgen");
                assertThat(store.loadUserStates()).containsOnlyKeys(ALICE, BOB);
            }
        }

        @Test
        void aDatabaseOfTheFirstReleaseGainsTheStatusOriginAndItsRowsKeepTheirOrigin() throws SQLException {
            try (Connection connection = DriverManager.getConnection(url(), user(), password());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE user_state (location_id VARCHAR NOT NULL, tenant_id VARCHAR NOT NULL,"
                        + " user_id VARCHAR NOT NULL, status_id VARCHAR NOT NULL, status_type VARCHAR NOT NULL,"
                        + " note VARCHAR NOT NULL, return_time BIGINT NOT NULL, origin VARCHAR NOT NULL,"
                        + " changed_at BIGINT NOT NULL, version BIGINT NOT NULL,"
                        + " PRIMARY KEY (location_id, tenant_id, user_id))");
                statement.execute("INSERT INTO user_state VALUES ('hq', 'sales', 'alice', 'sales-dnd', 'dnd', 'old', 0,"
                        + " 'TEAMS', 1740000000123, 3)");
            }
            try (JdbcStateStore store = open()) {
                UserState old = store.loadUserStates().get(ALICE);
                assertThat(old.origin()).isEqualTo(Origin.TEAMS);
                assertThat(old.statusOrigin()).isEqualTo(Origin.TEAMS);
                UserState noted = new UserState(old.statusId(), old.statusType(), "new", 0, Origin.ASTERISK,
                        old.changedAt(), 4, old.statusOrigin());
                store.saveUserState(ALICE, noted);
                assertThat(store.loadUserStates()).isEqualTo(Map.of(ALICE, noted));
            }
        }

        @Test
        void everyOriginAndStatusTypeRoundTrips() {
            try (JdbcStateStore store = open()) {
                for (Origin origin : Origin.values()) {
                    for (StatusType type : StatusType.values()) {
                        UserKey key = new UserKey("l", "t", origin + "-" + type);
                        store.saveUserState(key, new UserState("s", type, "", 0, origin, Instant.EPOCH, 1));
                    }
                }
                Map<UserKey, UserState> loaded = store.loadUserStates();
                assertThat(loaded).hasSize(Origin.values().length * StatusType.values().length);
                loaded.forEach((key, state) -> assertThat(key.userId()).isEqualTo(state.origin() + "-" + state.statusType()));
            }
        }

        @Test
        void savingAgainUpdatesTheUsersRow() {
            try (JdbcStateStore store = open()) {
                store.saveUserState(ALICE, state("lunch", "back at 1", 1_700_000_000L, 1));
                store.saveUserState(JUERGEN, state("lunch", "", 0, 1));
                UserState latest = state("Available", "", 0, 2);
                store.saveUserState(ALICE, latest);

                assertThat(store.loadUserStates()).hasSize(2).containsEntry(ALICE, latest)
                        .containsEntry(JUERGEN, state("lunch", "", 0, 1));
            }
        }

        @Test
        void keysThatDifferInOnePartAreDifferentUsers() {
            UserKey sameUserOtherTenant = new UserKey("hq", "support", "alice");
            UserKey sameUserOtherLocation = new UserKey("branch", "sales", "alice");
            try (JdbcStateStore store = open()) {
                store.saveUserState(ALICE, state("a", "", 0, 1));
                store.saveUserState(sameUserOtherTenant, state("b", "", 0, 1));
                store.saveUserState(sameUserOtherLocation, state("c", "", 0, 1));
                assertThat(store.loadUserStates()).hasSize(3);
            }
        }

        @Test
        void observationsRoundTripAndUpdateByKindAndKey() {
            Instant first = Instant.ofEpochMilli(1_740_000_000_000L);
            try (JdbcStateStore store = open()) {
                store.saveObservation(new Observation("asterisk", "CustomPresence:1001", "dnd,Lunch,back\nsoon", first));
                store.saveObservation(new Observation("asterisk", "CustomPresence:1002", "available,,", first));
                store.saveObservation(new Observation("graph", "CustomPresence:1001", "Busy/InACall", first));
                Observation updated = new Observation("asterisk", "CustomPresence:1001", "away,Mittag,ä 😀",
                        first.plusMillis(1500));
                store.saveObservation(updated);

                assertThat(store.loadObservations("asterisk")).isEqualTo(Map.of(
                        "CustomPresence:1001", updated,
                        "CustomPresence:1002", new Observation("asterisk", "CustomPresence:1002", "available,,", first)));
                assertThat(store.loadObservations("graph")).containsOnlyKeys("CustomPresence:1001");
                assertThat(store.loadObservations("teams-session")).isEmpty();
            }
        }

        @Test
        void anUpgradeRewritesTheChangedRowsOfOneKindKeepingKeyAndTime() {
            Instant first = Instant.ofEpochMilli(1_740_000_000_000L);
            Observation old = new Observation("k", "a", "old", first);
            Observation current = new Observation("k", "b", "new", first.plusMillis(1));
            Observation otherKind = new Observation("other", "a", "old", first);
            try (JdbcStateStore store = open()) {
                store.saveObservations(List.of(old, current, otherKind));

                assertThat(store.upgradeObservations("k", text -> text.replace("old", "new"))).isEqualTo(1);

                assertThat(store.loadObservations("k")).isEqualTo(Map.of("a", new Observation("k", "a", "new", first),
                        "b", current));
                assertThat(store.loadObservations("other")).isEqualTo(Map.of("a", otherKind));
                assertThat(store.upgradeObservations("k", text -> text.replace("old", "new"))).isZero();
            }
        }

        @Test
        void everyAwkwardTextInStoredFieldsSurvivesTheDatabase() {
            Instant at = Instant.ofEpochMilli(1_740_000_000_000L);
            try (JdbcStateStore store = open()) {
                for (int i = 0; i < AwkwardTexts.ALL.size(); i++) {
                    String text = StoredFields.create().with("text", AwkwardTexts.ALL.get(i)).text();
                    store.saveObservation(new Observation("awkward", "key" + i, text, at));
                }
            }
            try (JdbcStateStore reopened = open()) {
                Map<String, Observation> read = reopened.loadObservations("awkward");
                for (int i = 0; i < AwkwardTexts.ALL.size(); i++) {
                    assertThat(StoredFields.parse(read.get("key" + i).value()).require("text")).isEqualTo(AwkwardTexts.ALL.get(i));
                }
            }
        }

        @Test
        void dataSurvivesCloseAndReopen() {
            UserState saved = state("lunch", "über\nmorgen", 1_700_000_000L, 3);
            Observation observed = new Observation("asterisk", "CustomPresence:1001", "away", Instant.ofEpochMilli(5));
            try (JdbcStateStore store = open()) {
                store.saveUserState(ALICE, saved);
                store.saveObservation(observed);
            }
            try (JdbcStateStore reopened = open()) {
                assertThat(reopened.loadUserStates()).isEqualTo(Map.of(ALICE, saved));
                assertThat(reopened.loadObservations("asterisk")).isEqualTo(Map.of(observed.key(), observed));
                reopened.saveUserState(ALICE, state("away", "", 0, 4));
            }
            try (JdbcStateStore again = open()) {
                assertThat(again.loadUserStates().get(ALICE).version()).isEqualTo(4);
            }
        }

        @Test
        void aWriteToAClosedStoreFailsWithStoreException() {
            JdbcStateStore store = open();
            store.close();
            assertThatThrownBy(() -> store.saveUserState(ALICE, state("a", "", 0, 1)))
                    .isInstanceOf(StoreException.class).hasMessageStartingWith("cannot store the state of hq/sales/alice: ");
            assertThatThrownBy(() -> store.saveObservation(new Observation("k", "v", "x", Instant.EPOCH)))
                    .isInstanceOf(StoreException.class).hasMessageStartingWith("cannot store observation k/v: ");
            assertThatThrownBy(store::loadUserStates).isInstanceOf(StoreException.class);
        }
    }

    @Nested
    class OnH2 extends Cases {

        @TempDir
        Path folder;

        @Override
        String url() {
            return "jdbc:h2:file:" + folder.resolve("db/hub") + ";WRITE_DELAY=0";
        }
    }

    @Nested
    class OnPostgres extends Cases {

        private PostgresTestDatabase server;
        private String schema;

        @BeforeEach
        void createSchema() throws SQLException {
            server = PostgresTestDatabase.required();
            String name = "hub_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + name);
            }
            schema = name;
        }

        @AfterEach
        void dropSchema() throws SQLException {
            if (schema == null) {
                return; // skipped or failed before the schema existed
            }
            try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }

        @Override
        String url() {
            return server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        String user() {
            return server.user();
        }

        @Override
        String password() {
            return server.password();
        }

        @Test
        void aConnectionLostToAServerRestartIsOpenedAgainAndTheWriteGoesThrough() throws SQLException {
            try (JdbcStateStore store = open()) {
                store.saveUserState(ALICE, state("Lunch", "before", 0, 1));
                // what a PostgreSQL restart does to the hub's connection
                try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password());
                     Statement statement = admin.createStatement()) {
                    statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE usename = current_user AND pid <> pg_backend_pid()");
                }
                store.saveUserState(ALICE, state("Away", "after", 0, 2));
                store.saveObservation(new Observation("asterisk", "CustomPresence:1001", "dnd", Instant.EPOCH));
                assertThat(store.loadUserStates().get(ALICE).note()).isEqualTo("after");
            }
            try (JdbcStateStore reopened = open()) {
                assertThat(reopened.loadUserStates().get(ALICE).note()).isEqualTo("after");
                assertThat(reopened.loadObservations("asterisk")).containsKey("CustomPresence:1001");
            }
        }
    }

    @Test
    void theH2FolderIsCreatedWhenMissing(@TempDir Path folder) {
        Path nested = folder.resolve("a/b/c");
        try (JdbcStateStore store = JdbcStateStore.open("jdbc:h2:file:" + nested.resolve("hub") + ";WRITE_DELAY=0", "sa", "")) {
            store.saveUserState(ALICE, state("x", "", 0, 1));
        }
        assertThat(Files.isDirectory(nested)).isTrue();
    }

    @Test
    void aBrokenUrlFailsWithTheRedactedUrlAndNoPassword() {
        String url = "jdbc:nosuchdb://db.example/hub?user=hub&password=hunter2";
        assertThatThrownBy(() -> JdbcStateStore.open(url, "hub", "hunter2"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the state store at jdbc:nosuchdb://db.example/hub?user=hub&password=***: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"))
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void aStoreFolderUnderARegularFileIsRefusedSayingWhy(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> JdbcStateStore.open("jdbc:h2:file:" + file.resolve("data/hub"), "sa", ""))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot open the state store at jdbc:h2:file:" + file.resolve("data/hub")
                        + ": cannot create the store folder " + file.resolve("data") + ": not a directory");
    }

    @Test
    void aPlainH2UrlIsOpenedWithWriteDelayZero(@TempDir Path folder) throws SQLException {
        String plain = "jdbc:h2:file:" + folder.resolve("data/hub");
        try (JdbcStateStore store = JdbcStateStore.open(plain, "sa", "");
             Connection second = DriverManager.getConnection(plain, "sa", "");
             Statement statement = second.createStatement();
             var rs = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("0");
        }
    }

    @Test
    void anEmptyDatabaseFileIsRefusedAndLeftAsItIs(@TempDir Path folder) throws Exception {
        Path file = Files.createDirectories(folder.resolve("data")).resolve("hub.mv.db");
        Files.createFile(file);
        assertThatThrownBy(() -> JdbcStateStore.open("jdbc:h2:file:" + folder.resolve("data/hub"), "sa", ""))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("the store file " + file + " is empty (0 bytes")
                .hasMessageNotContaining("\n");
        assertThat(file).isEmptyFile();
    }

    @Test
    void aDatabaseFileThatIsAFolderIsRefused(@TempDir Path folder) throws Exception {
        Path file = Files.createDirectories(folder.resolve("data/hub.mv.db"));
        assertThatThrownBy(() -> JdbcStateStore.open("jdbc:h2:file:" + folder.resolve("data/hub"), "sa", ""))
                .isInstanceOf(StoreException.class)
                .hasMessageEndingWith(": the store file " + file + " is not a regular file");
    }

    @Test
    void aDamagedDatabaseFileIsRefusedInOneLine(@TempDir Path folder) throws Exception {
        Path file = Files.createDirectories(folder.resolve("data")).resolve("hub.mv.db");
        Files.write(file, new byte[8192]);
        assertThatThrownBy(() -> JdbcStateStore.open("jdbc:h2:file:" + folder.resolve("data/hub"), "sa", ""))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the state store at jdbc:h2:file:" + folder.resolve("data/hub") + ": ")
                .hasMessageNotContaining("\n");
    }

    static Stream<Arguments> osReasons() {
        Path folder = Path.of("/srv/hub/data");
        return Stream.of(
                Arguments.of(new AccessDeniedException(folder.toString()), "permission denied"),
                Arguments.of(new FileSystemException(folder.toString(), null, "Read-only file system"), "read-only file system"),
                Arguments.of(new FileSystemException("/srv/hub", null, "Not a directory"), "not a directory (/srv/hub)"),
                Arguments.of(new FileSystemException(folder.toString(), null, "No space left on device"), "no space left on device"),
                Arguments.of(new NoSuchFileException("/srv"), "no such file or directory (/srv)"),
                Arguments.of(new FileAlreadyExistsException(folder.toString()), "exists and is not a folder"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("osReasons")
    void theOperatingSystemsReasonIsSaidInWords(IOException error, String reason) {
        assertThat(H2StoreFile.reason(error, Path.of("/srv/hub/data"))).isEqualTo(reason);
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("jdbc:postgresql://db/hub?user=hub&password=secret&ssl=true",
                        "jdbc:postgresql://db/hub?user=hub&password=***&ssl=true"),
                Arguments.of("jdbc:postgresql://db/hub?password=secret", "jdbc:postgresql://db/hub?password=***"),
                Arguments.of("jdbc:h2:file:./data/hub;PASSWORD=secret;WRITE_DELAY=0",
                        "jdbc:h2:file:./data/hub;PASSWORD=***;WRITE_DELAY=0"),
                Arguments.of("jdbc:postgresql://db/hub?sslpassword=a&password=b", "jdbc:postgresql://db/hub?sslpassword=***&password=***"),
                Arguments.of("jdbc:postgresql://db/hub?password=", "jdbc:postgresql://db/hub?password=***"),
                Arguments.of("jdbc:h2:file:./data/presence-hub;WRITE_DELAY=0", "jdbc:h2:file:./data/presence-hub;WRITE_DELAY=0"),
                Arguments.of("jdbc:postgresql://db/hub?user=hub", "jdbc:postgresql://db/hub?user=hub"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("urls")
    void redactHidesPasswordParameters(String url, String redacted) {
        assertThat(JdbcStateStore.redact(url)).isEqualTo(redacted);
    }
}
