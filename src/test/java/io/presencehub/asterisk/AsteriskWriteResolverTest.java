package io.presencehub.asterisk;

import static io.presencehub.asterisk.SyncHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.StatusDef;
import io.presencehub.model.UserState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which presentities the hub writes for a change, and with what. */
class AsteriskWriteResolverTest {

    private static final DirectoryIndex INDEX = new DirectoryIndex(new DirectoryParser().parse(SyncHarness.DIRECTORY));

    private static List<String> plan(String method, String mapping, String fromStatus, String toStatus, String note,
                                     long returnTime, Origin origin) {
        Map<String, String> values = new HashMap<>();
        values.put("hub.asterisk.outgoing-method", method);
        if (mapping != null) {
            String[] kv = mapping.split("=");
            values.put("hub.asterisk.outgoing-map." + kv[0], kv[1]);
        }
        AsteriskSettings settings = AsteriskTestSettings.with(values);
        var tenant = INDEX.tenantOf(ALICE).orElseThrow();
        StatusDef from = tenant.statusNamed(fromStatus).orElseThrow();
        StatusDef to = tenant.statusNamed(toStatus).orElseThrow();
        UserState before = new UserState(from.id(), from.type(), "", 0, Origin.DIRECTORY, Instant.EPOCH, 1);
        UserState after = new UserState(to.id(), to.type(), note, returnTime, origin, Instant.EPOCH, 2);
        return new AsteriskWriteResolver(settings).plan(new StateChange(ALICE, before, after), INDEX).stream()
                .map(w -> w.presentity().substring(15) + "=" + w.state() + "," + w.subtype() + "," + w.message())
                .toList();
    }

    @ParameterizedTest(name = "{0} [{1}] {2}->{3} note ''{4}'' rt {5} from {6}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "default-extension | null            | Available | Lunch          | ''          | 0  | STATUS_INTERFACE | 1001=away,Lunch,",
        "all               | null            | Available | Lunch          | ''          | 0  | STATUS_INTERFACE | 1001=away,Lunch,;sales-1002=away,Lunch,",
        "all               | null            | Available | Do Not Disturb | 'a, \"b\"' | 0  | TEAMS            | 1001=dnd,Do Not Disturb,a, \"b\";sales-1002=dnd,Do Not Disturb,a, \"b\"",
        "default-extension | null            | Available | Busy           | ''          | 0  | DIRECTORY        | 1001=unavailable,Busy,",
        "default-extension | null            | Available | Lunch          | ''          | 0  | ASTERISK         | ''",
        "default-extension | null            | Available | Available      | ''          | 99 | STATUS_INTERFACE | ''",
        "default-extension | null            | Available | Available      | 'new note'  | 0  | STATUS_INTERFACE | 1001=available,Available,new note",
        "all               | dnd=none        | Available | Do Not Disturb | ''          | 0  | STATUS_INTERFACE | ''",
        "all               | unavailable=dnd | Available | Busy           | ''          | 0  | STATUS_INTERFACE | 1001=dnd,Busy,;sales-1002=dnd,Busy,",
    })
    void planTable(String method, String mapping, String from, String to, String note, long returnTime, Origin origin,
                   String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(";"));
        assertThat(plan(method, mapping, from, to, note, returnTime, origin)).containsExactlyElementsOf(want);
    }

}
