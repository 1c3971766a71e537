package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.store.JdbcStateStore;
import io.presencehub.store.Observation;
import io.presencehub.store.TestDatabase;
import io.presencehub.testing.AwkwardTexts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database of a release before the codecs, with Asterisk observations in their first format, is upgraded in place
 * on H2 and PostgreSQL: every row reads the same before and after, and afterwards every row is in the current form.
 */
class AsteriskObservationUpgradeTest {

    private static final List<String> KINDS = List.of(AsteriskObservation.KIND, AsteriskObservation.KIND_WRITTEN,
            AsteriskObservation.KIND_PENDING);

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void rowsOfTheFirstFormatReadTheSameBeforeAndAfterTheUpgrade(String database) throws Exception {
        try (TestDatabase db = TestDatabase.of(database, folder)) {
            Map<String, Map<String, AsteriskObservation>> written = writeFirstReleaseRows(db);
            db.insertObservation(AsteriskObservation.KIND_PENDING, "CustomPresence:withdrawn", "", Instant.EPOCH);
            db.insertObservation(AsteriskObservation.KIND, "CustomPresence:damaged", "dnd,%%%,", Instant.EPOCH);

            try (JdbcStateStore store = db.open()) {
                assertThat(read(store)).as("read by the codec before the upgrade").isEqualTo(written);
                AsteriskParts.upgradeStoredObservations(store);
                assertThat(read(store)).as("after the upgrade").isEqualTo(written);
            }

            for (String kind : KINDS) {
                assertThat(db.rawObservations(kind).values()).as(kind)
                        .filteredOn(row -> !row.key().equals("CustomPresence:withdrawn")
                                && !row.key().equals("CustomPresence:damaged"))
                        .hasSize(AwkwardTexts.ALL.size())
                        .allSatisfy(row -> assertThat(row.value()).startsWith("v=1&state="));
            }
            assertThat(db.rawObservations(AsteriskObservation.KIND_PENDING).get("CustomPresence:withdrawn").value())
                    .isEqualTo(AsteriskObservationCodec.NO_VALUE);
            assertThat(db.rawObservations(AsteriskObservation.KIND).get("CustomPresence:damaged").value())
                    .as("an unreadable row is left as it was").isEqualTo("dnd,%%%,");

            Map<String, Map<String, Observation>> upgraded = raw(db);
            try (JdbcStateStore reopened = db.open()) {
                assertThat(read(reopened)).as("after a restart").isEqualTo(written);
                AsteriskParts.upgradeStoredObservations(reopened);
            }
            assertThat(raw(db)).as("a second start rewrites nothing").isEqualTo(upgraded);
        }
    }

    /** One row per kind and awkward text, written as the first release wrote them; what each row holds. */
    private static Map<String, Map<String, AsteriskObservation>> writeFirstReleaseRows(TestDatabase db) throws Exception {
        db.execute(TestDatabase.FIRST_RELEASE_OBSERVATION_TABLE);
        Map<String, Map<String, AsteriskObservation>> written = new HashMap<>();
        Instant at = Instant.parse("2026-03-02T08:15:30.123Z");
        for (String kind : KINDS) {
            Map<String, AsteriskObservation> rows = written.computeIfAbsent(kind, k -> new HashMap<>());
            for (int i = 0; i < AwkwardTexts.ALL.size(); i++) {
                String text = AwkwardTexts.ALL.get(i);
                AsteriskObservation observed = new AsteriskObservation("CustomPresence:" + (1000 + i), "away", text,
                        "note " + text, at.plusMillis(i));
                db.insertObservation(kind, observed.presentity(), AsteriskObservationCodecTest.firstFormat(observed),
                        observed.observedAt());
                rows.put(observed.presentity(), observed);
            }
        }
        return written;
    }

    /** What the hub reads from the store, the way AsteriskReader and AsteriskWriter read it at start. */
    private static Map<String, Map<String, AsteriskObservation>> read(JdbcStateStore store) {
        Map<String, Map<String, AsteriskObservation>> read = new HashMap<>();
        for (String kind : KINDS) {
            Map<String, AsteriskObservation> rows = read.computeIfAbsent(kind, k -> new HashMap<>());
            store.loadObservations(kind).values().stream().map(AsteriskObservation::fromStored)
                    .filter(o -> o != null).forEach(o -> rows.put(o.presentity(), o));
        }
        return read;
    }

    private static Map<String, Map<String, Observation>> raw(TestDatabase db) throws Exception {
        Map<String, Map<String, Observation>> raw = new HashMap<>();
        for (String kind : KINDS) {
            raw.put(kind, db.rawObservations(kind));
        }
        return raw;
    }
}
