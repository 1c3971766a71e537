package io.presencehub.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.UserKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The on-a-call rule: any phone device of any of a user's extensions in a busy state; listeners hear each flip once. */
class CallStatesTest {

    private static final UserKey BEN = new UserKey("hq", "sales", "ben");
    private static final UserKey EMIL = new UserKey("hq", "sales", "emil");
    private static final String DESK = "PJSIP/2001";
    private static final String SOFT = "PJSIP/2001-soft";
    private static final String SECOND_LINE = "PJSIP/2002";
    private static final String SHARED = "PJSIP/4000-shared";
    private static final String EMIL_DESK = "PJSIP/4001";
    private static final String BEN_TEAMS = "Custom:teams-2001";

    private final List<String> heard = new ArrayList<>();
    private CallStates calls;

    @BeforeEach
    void assignDevices() {
        calls = newCallStates(CallStates.DEFAULT_BUSY_STATES);
    }

    private CallStates newCallStates(Set<DeviceState> busy) {
        CallStates states = new CallStates(busy);
        states.listen(new CallListener() {
            @Override
            public void phoneChanged(UserKey user, boolean onThePhone) {
                heard.add(user.userId() + (onThePhone ? " on" : " off"));
            }
        });
        // ben: extension 2001 (desk and softphone) and 2002; emil: 4001; both have the shared 4000 device
        states.devicesAssigned(new CallDevices(Map.of(DESK, Set.of(BEN), SOFT, Set.of(BEN), SECOND_LINE, Set.of(BEN),
                SHARED, Set.of(BEN, EMIL), EMIL_DESK, Set.of(EMIL)), Map.of(BEN_TEAMS, BEN)));
        return states;
    }

    private void change(String device, DeviceState state) {
        calls.devicesChanged(Map.of(device, state));
    }

    @Test
    void anyBusyDeviceOfAnyExtensionPutsTheUserOnThePhoneUntilAllAreIdle() {
        change(DESK, DeviceState.INUSE);
        change(SECOND_LINE, DeviceState.ONHOLD);
        assertThat(calls.onThePhone(BEN)).isTrue();
        change(DESK, DeviceState.NOT_INUSE);
        assertThat(calls.onThePhone(BEN)).as("the second extension still holds a call").isTrue();
        change(SOFT, DeviceState.BUSY);
        change(SECOND_LINE, DeviceState.NOT_INUSE);
        assertThat(calls.onThePhone(BEN)).as("the softphone is busy").isTrue();
        change(SOFT, DeviceState.NOT_INUSE);
        assertThat(calls.onThePhone(BEN)).isFalse();
        assertThat(calls.onThePhone(EMIL)).isFalse();
        assertThat(heard).as("one flip each way, however many devices moved").containsExactly("ben on", "ben off");
    }

    @Test
    void aDeviceSharedByTwoUsersCountsForBoth() {
        change(SHARED, DeviceState.INUSE);
        assertThat(calls.onThePhone(BEN)).isTrue();
        assertThat(calls.onThePhone(EMIL)).isTrue();
        change(SHARED, DeviceState.NOT_INUSE);
        assertThat(heard).containsExactlyInAnyOrder("ben on", "emil on", "ben off", "emil off");
    }

    @ParameterizedTest
    @EnumSource(DeviceState.class)
    void everyStateAgainstTheDefaultBusyStates(DeviceState state) {
        change(DESK, state);
        boolean busy = EnumSet.of(DeviceState.INUSE, DeviceState.BUSY, DeviceState.ONHOLD, DeviceState.RINGINUSE)
                .contains(state);
        assertThat(calls.onThePhone(BEN)).as(state.name()).isEqualTo(busy);
        assertThat(heard).isEqualTo(busy ? List.of("ben on") : List.of());
    }

    @ParameterizedTest
    @EnumSource(DeviceState.class)
    void everyStateWithRingingAdded(DeviceState state) {
        Set<DeviceState> busy = EnumSet.copyOf(CallStates.DEFAULT_BUSY_STATES);
        busy.add(DeviceState.RINGING);
        calls = newCallStates(busy);
        change(DESK, state);
        assertThat(calls.onThePhone(BEN)).as(state.name()).isEqualTo(busy.contains(state));
    }

    @Test
    void aListingEndsACallWhoseDeviceItNoLongerListsOrListsIdle() {
        change(DESK, DeviceState.INUSE);
        change(EMIL_DESK, DeviceState.INUSE);
        calls.devicesListed(Map.of(EMIL_DESK, DeviceState.NOT_INUSE, SECOND_LINE, DeviceState.UNAVAILABLE));
        assertThat(calls.onThePhone(BEN)).as("the desk phone is missing from the list").isFalse();
        assertThat(calls.onThePhone(EMIL)).isFalse();
        assertThat(calls.deviceState(DESK)).isEqualTo(DeviceState.UNKNOWN);
        assertThat(heard).containsExactlyInAnyOrder("ben on", "emil on", "ben off", "emil off");
        calls.devicesListed(Map.of(SOFT, DeviceState.INUSE));
        assertThat(calls.onThePhone(BEN)).as("a listing starts a call too").isTrue();
    }

    @Test
    void aDirectoryReassignmentMovesTheCallToTheNewOwner() {
        change(EMIL_DESK, DeviceState.INUSE);
        assertThat(calls.onThePhone(EMIL)).isTrue();
        calls.devicesAssigned(new CallDevices(Map.of(EMIL_DESK, Set.of(BEN)), Map.of()));
        assertThat(calls.onThePhone(EMIL)).isFalse();
        assertThat(calls.onThePhone(BEN)).isTrue();
        assertThat(heard).startsWith("emil on").containsExactlyInAnyOrder("emil on", "emil off", "ben on");
    }

    @Test
    void theHubsOwnTeamsDeviceNeverCountsAsAPhoneEvenWhenListedUnderDevices() {
        Map<String, Set<UserKey>> phones = new HashMap<>(Map.of(DESK, Set.of(BEN)));
        phones.put(BEN_TEAMS, Set.of(BEN)); // an admin listed the hub's own device under devices
        calls.devicesAssigned(new CallDevices(phones, Map.of(BEN_TEAMS, BEN)));
        change(BEN_TEAMS, DeviceState.INUSE);
        calls.devicesListed(Map.of(BEN_TEAMS, DeviceState.INUSE));
        assertThat(calls.onThePhone(BEN)).isFalse();
        assertThat(calls.devices().phoneDevicesOf(BEN)).containsExactly(DESK);
        assertThat(heard).isEmpty();
    }

    @Test
    void anUnchangedStateIsHeardOnce() {
        change(DESK, DeviceState.INUSE);
        change(DESK, DeviceState.INUSE);
        change(SOFT, DeviceState.ONHOLD);
        calls.devicesListed(Map.of(DESK, DeviceState.INUSE));
        assertThat(heard).containsExactly("ben on");
    }

    @Test
    void aTeamsCallIsHeardOnlyWhenItChanges() {
        List<String> teams = new ArrayList<>();
        calls.listen(new CallListener() {
            @Override
            public void teamsCallChanged(UserKey user, TeamsCall call) {
                teams.add(user.userId() + " " + call);
            }
        });
        assertThat(calls.teamsCall(BEN)).isEqualTo(TeamsCall.UNKNOWN);
        calls.teamsCall(BEN, TeamsCall.IN_CALL);
        calls.teamsCall(BEN, TeamsCall.IN_CALL);
        calls.teamsCall(BEN, TeamsCall.NONE);
        assertThat(teams).containsExactly("ben IN_CALL", "ben NONE");
        assertThat(calls.onThePhone(BEN)).as("a Teams call is not a phone call").isFalse();
    }
}
