package io.presencehub.asterisk;

import static io.presencehub.asterisk.SyncHarness.A1;
import static io.presencehub.asterisk.SyncHarness.A2;
import static io.presencehub.asterisk.SyncHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The incoming decision for a user with two extensions (1001 default, sales-1002), table by table. */
class AsteriskIncomingResolverTest {

    private static final DirectoryIndex INDEX = new DirectoryIndex(new DirectoryParser().parse(SyncHarness.DIRECTORY));
    private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

    /** "state/subtype@second" per extension, "-" for not reported. */
    private static Optional<String> decide(String method, String priority, String mapping, String first, String second) {
        Map<String, String> values = new HashMap<>();
        values.put("hub.asterisk.incoming-method", method);
        if (!priority.isBlank()) {
            values.put("hub.asterisk.status-type-priority", priority.replace(' ', ','));
        }
        if (!mapping.isBlank()) {
            String[] kv = mapping.split("=");
            values.put("hub.asterisk.incoming-map." + kv[0], kv[1]);
        }
        AsteriskSettings settings = AsteriskTestSettings.with(values);
        Map<String, AsteriskObservation> observations = new HashMap<>();
        put(observations, A1, first);
        put(observations, A2, second);
        return new AsteriskIncomingResolver(settings).resolve(ALICE, INDEX, observations::get)
                .map(d -> d.status().name() + (d.note().isEmpty() ? "" : " / " + d.note()));
    }

    private static void put(Map<String, AsteriskObservation> observations, String presentity, String spec) {
        if (spec.equals("-")) {
            return;
        }
        String[] stateAndTime = spec.split("@");
        String[] stateAndSubtype = stateAndTime[0].split("/", -1);
        observations.put(presentity, new AsteriskObservation(presentity, stateAndSubtype[0],
                stateAndSubtype.length > 1 ? stateAndSubtype[1] : "", "msg " + presentity.substring(15),
                T0.plusSeconds(Long.parseLong(stateAndTime[1]))));
    }

    @ParameterizedTest(name = "{0} [{1}] [{2}] 1001={3} 1002={4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        // method           | priority              | mapping       | 1001        | 1002         | decision
        "default-extension  |                       |               | dnd@1       | away@2       | Do Not Disturb / msg 1001",
        "default-extension  |                       |               | -           | away@2       | none",
        "default-extension  |                       |               | not_set@3   | away@2       | none",
        "latest             |                       |               | dnd@1       | away@2       | Lunch / msg sales-1002",
        "latest             |                       |               | dnd@3       | away@2       | Do Not Disturb / msg 1001",
        "latest             |                       |               | dnd@2       | away@2       | Do Not Disturb / msg 1001",
        "latest             |                       |               | dnd@1       | not_set@2    | none",
        "latest             |                       |               | -           | xa@1         | Vacation / msg sales-1002",
        "priority           |                       |               | away@5      | dnd@1        | Do Not Disturb / msg sales-1002",
        "priority           |                       |               | available@1 | chat@2       | Chatty / msg sales-1002",
        "priority           | available dnd         |               | available@1 | dnd@2        | Available / msg 1001",
        "priority           | chat                  |               | xa@1        | dnd@2        | Do Not Disturb / msg sales-1002",
        "priority           | chat                  |               | dnd@1       | xa@1         | Do Not Disturb / msg 1001",
        "priority           |                       |               | not_set@9   | away@1       | Lunch / msg sales-1002",
        "priority           |                       | dnd=none      | dnd@1       | away@1       | Lunch / msg sales-1002",
        "priority           |                       | dnd=none      | dnd@1       | -            | none",
        "default-extension  |                       | dnd=away      | dnd@1       | -            | Lunch / msg 1001",
        "default-extension  |                       | not_set=available | not_set@1 | -          | Available / msg 1001",
        "default-extension  |                       |               | away/Away@1 | -            | Away / msg 1001",
        "default-extension  |                       |               | away/Lunch@1 | -           | Lunch / msg 1001",
        "default-extension  |                       |               | away/Do Not Disturb@1 | -  | Lunch / msg 1001",
        "default-extension  |                       |               | away/unknown@1 | -         | Lunch / msg 1001",
        "default-extension  |                       |               | dnd/Do Not Disturb@1 | -   | Do Not Disturb / msg 1001",
    })
    void decisionTable(String method, String priority, String mapping, String first, String second, String expected) {
        assertThat(decide(method, priority == null ? "" : priority, mapping == null ? "" : mapping, first, second))
                .isEqualTo(Optional.ofNullable(expected));
    }
}
