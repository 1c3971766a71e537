package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.store.JdbcStateStore;
import io.presencehub.store.Observation;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.TestDatabase;
import io.presencehub.testing.AwkwardTexts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database of a release before the codecs, with the Teams kinds in their first formats (U+001F fields, JSON, the
 * bare id), is upgraded in place on H2 and PostgreSQL: every row reads the same before and after, keeps its time,
 * and afterwards is in the current form.
 */
class TeamsObservationUpgradeTest {

    private static final Instant AT = Instant.parse("2026-03-02T08:15:30.123Z");
    private static final List<String> KINDS = List.of(TeamsPoller.KIND_PRESENCE, TeamsWriter.KIND_HELD, TeamsUsers.KIND_ID);

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void rowsOfTheFirstFormatsReadTheSameBeforeAndAfterTheUpgrade(String database) throws Exception {
        try (TestDatabase db = TestDatabase.of(database, folder)) {
            Map<String, Map<String, Object>> written = writeFirstReleaseRows(db);
            db.insertObservation(TeamsWriter.KIND_HELD, "hq/sales/damaged", "not json", AT);

            try (JdbcStateStore store = db.open()) {
                assertThat(read(store)).as("read by the codecs before the upgrade").isEqualTo(written);
                TeamsConfiguration.upgradeStoredObservations(store);
                assertThat(read(store)).as("after the upgrade").isEqualTo(written);
            }

            for (String kind : KINDS) {
                assertThat(db.rawObservations(kind).values()).as(kind)
                        .filteredOn(row -> !row.key().equals("hq/sales/damaged"))
                        .hasSize(written.get(kind).size())
                        .allSatisfy(row -> assertThat(row.value()).startsWith("v=1&"))
                        .allSatisfy(row -> assertThat(row.observedAt()).isEqualTo(AT));
            }
            assertThat(db.rawObservations(TeamsWriter.KIND_HELD).get("hq/sales/damaged").value())
                    .as("an unreadable row is left as it was").isEqualTo("not json");

            Map<String, Map<String, Observation>> upgraded = raw(db);
            try (JdbcStateStore reopened = db.open()) {
                assertThat(read(reopened)).as("after a restart").isEqualTo(written);
                TeamsConfiguration.upgradeStoredObservations(reopened);
            }
            assertThat(raw(db)).as("a second start rewrites nothing").isEqualTo(upgraded);
        }
    }

    /** Rows with every awkward text, written as the first release wrote each kind; what each row holds. */
    private static Map<String, Map<String, Object>> writeFirstReleaseRows(TestDatabase db) throws Exception {
        db.execute(TestDatabase.FIRST_RELEASE_OBSERVATION_TABLE);
        Map<String, Map<String, Object>> written = new HashMap<>();
        KINDS.forEach(kind -> written.put(kind, new HashMap<>()));
        for (int i = 0; i < AwkwardTexts.ALL.size(); i++) {
            String text = storableByTheFirstRelease(AwkwardTexts.ALL.get(i));
            String user = "hq/sales/user" + i;

            GraphObservation observed = new GraphObservation("Busy", "InACall", text, "seq" + i);
            db.insertObservation(TeamsPoller.KIND_PRESENCE, user, GraphObservationCodecTest.firstFormat(observed), AT);
            written.get(TeamsPoller.KIND_PRESENCE).put(user, observed);

            List<TeamsHeld> shapes = TeamsHeldCodecTest.shapes(text);
            TeamsHeld held = shapes.get(i % shapes.size());
            db.insertObservation(TeamsWriter.KIND_HELD, user, TeamsHeldCodecTest.firstFormat(held, "g-" + i), AT);
            written.get(TeamsWriter.KIND_HELD).put(user, new TeamsHeldCodec.AccountHeld("g-" + i, held));

            String mail = "user" + i + "@example.com";
            db.insertObservation(TeamsUsers.KIND_ID, mail, "8f2a4c6e-1b3d-4e5f-9a7b-" + i, AT);
            written.get(TeamsUsers.KIND_ID).put(mail, "8f2a4c6e-1b3d-4e5f-9a7b-" + i);
        }
        return written;
    }

    /**
     * The texts the first formats could hold: no U+001F (the Graph separator; GraphPresenceTranslator removed control
     * characters before storing) and no NUL (PostgreSQL refuses it in text).
     */
    private static String storableByTheFirstRelease(String text) {
        return text.replace("\u001f", "").replace("\u0000", "");
    }

    /** What the hub reads from the store at start (TeamsPoller, TeamsWriter, TeamsUsers); unreadable rows left out. */
    private static Map<String, Map<String, Object>> read(JdbcStateStore store) {
        Map<String, Map<String, Object>> read = new HashMap<>();
        read.put(TeamsPoller.KIND_PRESENCE, decoded(store, TeamsPoller.KIND_PRESENCE, GraphObservationCodec::decode));
        read.put(TeamsWriter.KIND_HELD, decoded(store, TeamsWriter.KIND_HELD, TeamsHeldCodec::decode));
        read.put(TeamsUsers.KIND_ID, decoded(store, TeamsUsers.KIND_ID, TeamsIdCodec::decode));
        return read;
    }

    private static Map<String, Object> decoded(JdbcStateStore store, String kind, Function<String, Object> codec) {
        Map<String, Object> rows = new HashMap<>();
        store.loadObservations(kind).values().forEach(row -> {
            try {
                rows.put(row.key(), codec.apply(row.value()));
            } catch (ObservationFormatException e) {
                // left out, as the loaders do
            }
        });
        return rows;
    }

    private static Map<String, Map<String, Observation>> raw(TestDatabase db) throws Exception {
        Map<String, Map<String, Observation>> raw = new HashMap<>();
        for (String kind : KINDS) {
            raw.put(kind, db.rawObservations(kind));
        }
        return raw;
    }
}
