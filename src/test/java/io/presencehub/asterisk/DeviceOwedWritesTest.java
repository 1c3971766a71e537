package io.presencehub.asterisk;

import static io.presencehub.calls.DeviceState.INUSE;
import static io.presencehub.calls.DeviceState.NOT_INUSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.asterisk.AsteriskWriteOutcome.Result;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which Setvar DEVICE_STATE the hub owes: latest per device, only what differs, refusals, echoes, pauses. */
class DeviceOwedWritesTest {

    private static final String TEAMS = "Custom:teams-2001";
    private final DeviceOwedWrites owed = new DeviceOwedWrites();

    @BeforeEach
    void loggedIn() {
        owed.listed(Map.of());
        owed.resume();
    }

    private DeviceWrite write(io.presencehub.calls.DeviceState state) {
        return new DeviceWrite(TEAMS, state);
    }

    @Test
    void theLatestWantedValueWinsAndNothingIsOwedForWhatAsteriskShows() {
        owed.want(TEAMS, INUSE);
        owed.want(TEAMS, NOT_INUSE);
        assertThat(owed.due()).as("a device Asterisk holds no state for is not in use").isEmpty();
        owed.want(TEAMS, INUSE);
        assertThat(owed.due()).containsExactly(write(INUSE));
        owed.answered(write(INUSE), Result.WRITTEN);
        owed.want(TEAMS, INUSE);
        assertThat(owed.due()).isEmpty();
    }

    @Test
    void nothingIsDueWhilePausedAndAWriteOwedThenGoesOutAfterTheLogin() {
        owed.pause();
        owed.want(TEAMS, INUSE);
        assertThat(owed.due()).isEmpty();
        owed.listed(Map.of(TEAMS, NOT_INUSE));
        owed.resume();
        assertThat(owed.due()).containsExactly(write(INUSE));
        assertThat(owed.answered(write(INUSE), Result.NOT_CONNECTED)).isFalse();
        assertThat(owed.due()).as("not connected pauses").isEmpty();
        owed.resume();
        assertThat(owed.due()).containsExactly(write(INUSE));
    }

    @Test
    void aRefusedValueIsNotRetriedUntilTheWantedValueChanges() {
        owed.want(TEAMS, INUSE);
        owed.due();
        assertThat(owed.answered(write(INUSE), Result.FAILED)).as("logged the first time").isTrue();
        owed.want(TEAMS, INUSE);
        assertThat(owed.due()).isEmpty();
        owed.want(TEAMS, NOT_INUSE);
        owed.want(TEAMS, INUSE);
        assertThat(owed.due()).containsExactly(write(INUSE));
    }

    @Test
    void aLateEchoOfTheHubsOwnWriteIsNotTakenForNews() {
        owed.want(TEAMS, INUSE);
        owed.due();
        owed.answered(write(INUSE), Result.WRITTEN);
        owed.want(TEAMS, NOT_INUSE);
        owed.due();
        owed.answered(write(NOT_INUSE), Result.WRITTEN);
        assertThat(owed.reported(TEAMS, INUSE)).as("the first write's echo, read after the second answer").isFalse();
        assertThat(owed.reported(TEAMS, NOT_INUSE)).isFalse();
        owed.want(TEAMS, NOT_INUSE);
        assertThat(owed.due()).isEmpty();
        assertThat(owed.reported(TEAMS, INUSE)).as("someone else set it").isTrue();
        owed.want(TEAMS, NOT_INUSE);
        assertThat(owed.due()).containsExactly(write(NOT_INUSE));
    }

    @Test
    void aDeviceBeingWrittenGetsItsNextValueAfterTheAnswer() {
        owed.want(TEAMS, INUSE);
        assertThat(owed.due()).hasSize(1);
        owed.want(TEAMS, NOT_INUSE);
        assertThat(owed.due()).as("one write per device at a time").isEmpty();
        assertThat(owed.size()).isEqualTo(2);
        assertThat(owed.inUse()).containsExactly(TEAMS);
        owed.answered(write(INUSE), Result.WRITTEN);
        assertThat(owed.due()).containsExactly(write(NOT_INUSE));
    }
}
