package io.presencehub.asterisk;

import static io.presencehub.calls.DeviceState.INUSE;
import static io.presencehub.calls.DeviceState.NOT_INUSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.asterisk.AsteriskWriteOutcome.Result;
import io.presencehub.calls.CallDevices;
import io.presencehub.calls.CallStates;
import io.presencehub.calls.TeamsCall;
import io.presencehub.model.UserKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hub's Teams devices: what each Teams call asks of them, with Teams on and off, reloads and a clean stop. */
class AsteriskDeviceWriterTest {

    private static final UserKey BEN = new UserKey("hq", "sales", "ben");
    private static final String BENS_TEAMS = "Custom:teams-2001";
    private static final CallDevices BEN_ONLY = new CallDevices(Map.of("PJSIP/2001", Set.of(BEN)), Map.of(BENS_TEAMS, BEN));

    private final CallStates calls = new CallStates(CallStates.DEFAULT_BUSY_STATES);

    private AsteriskDeviceWriter writer(boolean teamsEnabled, Map<String, io.presencehub.calls.DeviceState> listed) {
        AsteriskDeviceWriter writer = new AsteriskDeviceWriter(calls, teamsEnabled, Clock.systemUTC(),
                new io.presencehub.decisions.DecisionLog(Clock.systemUTC()));
        calls.listen(writer);
        calls.devicesAssigned(BEN_ONLY);
        writer.listed(listed);
        return writer;
    }

    private static void answerAll(AsteriskDeviceWriter writer, List<DeviceWrite> writes) {
        writes.forEach(w -> writer.onOutcome(new DeviceWriteOutcome(w, Result.WRITTEN, "")));
    }

    @Test
    void inACallIsInUseNoneIsNotInUseAndUnknownWritesNothing() {
        AsteriskDeviceWriter writer = writer(true, Map.of(BENS_TEAMS, INUSE));
        assertThat(writer.dueWrites()).as("not read yet: astdb's value stands").isEmpty();
        calls.teamsCall(BEN, TeamsCall.NONE);
        List<DeviceWrite> due = writer.dueWrites();
        assertThat(due).containsExactly(new DeviceWrite(BENS_TEAMS, NOT_INUSE));
        answerAll(writer, due);
        calls.teamsCall(BEN, TeamsCall.IN_CALL);
        due = writer.dueWrites();
        assertThat(due).containsExactly(new DeviceWrite(BENS_TEAMS, INUSE));
        answerAll(writer, due);
        calls.teamsCall(BEN, TeamsCall.UNKNOWN);
        assertThat(writer.dueWrites()).isEmpty();
        assertThat(writer.pendingCount()).isZero();
    }

    @Test
    void withTeamsOffADeviceAsteriskHoldsInUseIsReleasedAtLogin() {
        AsteriskDeviceWriter writer = writer(false, Map.of(BENS_TEAMS, INUSE, "PJSIP/2001", INUSE));
        assertThat(writer.dueWrites()).as("the phone is never written").containsExactly(new DeviceWrite(BENS_TEAMS, NOT_INUSE));
    }

    @Test
    void aDeviceThatLeftTheDirectoryIsReleasedAndANewOneSet() {
        AsteriskDeviceWriter writer = writer(true, Map.of());
        calls.teamsCall(BEN, TeamsCall.IN_CALL);
        answerAll(writer, writer.dueWrites());
        calls.devicesAssigned(new CallDevices(Map.of(), Map.of("Custom:teams-ben", BEN)));
        writer.reassigned();
        assertThat(writer.dueWrites()).containsExactlyInAnyOrder(new DeviceWrite(BENS_TEAMS, NOT_INUSE),
                new DeviceWrite("Custom:teams-ben", INUSE));
    }

    @Test
    void aCleanStopReleasesWhatIsInUseWithinItsBudget() {
        AsteriskDeviceWriter writer = writer(true, Map.of("Custom:teams-left-over", INUSE));
        calls.teamsCall(BEN, TeamsCall.IN_CALL);
        answerAll(writer, writer.dueWrites());
        List<DeviceWrite> sent = new ArrayList<>();
        writer.releaseAll(sent::add, Duration.ofSeconds(2));
        assertThat(sent).containsExactly(new DeviceWrite(BENS_TEAMS, NOT_INUSE));
    }
}
