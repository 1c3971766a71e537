package io.presencehub.teams;

import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.calls.DeviceState;
import io.presencehub.calls.TeamsCall;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import org.junit.jupiter.api.Test;

/**
 * Asterisk → hub → Teams end to end: while ben's desk phone is busy his app session is the call session, and
 * afterwards what his status asks; status, note and status clients never hear of it, the echo of the call session
 * changes nothing, and what Teams shows beyond it still counts.
 */
class TeamsCallSessionTest extends BaseTeamsCallTest {

    private static final String BEN_STATUS = "get_extension_status@#HQ@#Sales@#2001";

    @Test
    void aPhoneCallShowsInACallInTeamsAndItsEndClearsTheSessionWithoutAnyStatusChange() {
        startHub();
        try (LineClient client = hub.client()) {
            bensPhone(DeviceState.INUSE);
            await().until(() -> session(BEN_ID).equals("Busy/InACall")); // how fast: bench/teams-calls.sh
            assertThat(graph.presenceOf(BEN_ID).pair()).isEqualTo("Busy/InACall");

            hub.awaitTeamsPolls(3);
            assertThat(hub.teamsPoller().observation(BEN).orElseThrow().pair()).isEqualTo("Busy/InACall");
            assertThat(client.staysSilent(300)).isTrue();
            assertThat(client.ask(BEN_STATUS)).isEqualTo("ExtensionStatus@#Available");
            assertThat(calls.teamsCall(BEN)).as("the hub's own call session is no Teams call")
                    .isEqualTo(TeamsCall.NONE);

            bensPhone(DeviceState.NOT_INUSE);
            await().until(() -> session(BEN_ID).equals("none"));
            assertThat(graph.writeCalls(Endpoint.CLEAR_PRESENCE)).hasSize(1);
            hub.awaitTeamsPolls(3);
            assertThat(graph.presenceOf(BEN_ID).pair()).isEqualTo("Available/Available");
            assertThat(client.staysSilent(300)).isTrue();
            assertThat(client.ask(BEN_STATUS)).isEqualTo("ExtensionStatus@#Available");
            assertThat(hub.state(BEN).statusType()).isEqualTo(StatusType.AVAILABLE);
            assertThat(hub.state(BEN).statusOrigin()).isNotEqualTo(Origin.TEAMS);
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(1);
            assertThat(teamsCalls).doesNotContain("ben IN_CALL");
        }
    }

    @Test
    void afterACallAnAwayUserHoldsTheAwaySessionAgain() {
        startHub();
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#2001@#Away");
            await().until(() -> session(BEN_ID).equals("Away/Away"));

            bensPhone(DeviceState.INUSE);
            await().until(() -> session(BEN_ID).equals("Busy/InACall")); // how fast: bench/teams-calls.sh
            hub.awaitTeamsPolls(2);
            bensPhone(DeviceState.NOT_INUSE);
            await().until(() -> session(BEN_ID).equals("Away/Away"));

            hub.awaitTeamsPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertThat(client.ask(BEN_STATUS)).isEqualTo("ExtensionStatus@#Away");
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).extracting(c -> c.json().get("activity").asText())
                    .containsExactly("Away", "InACall", "Away");
        }
    }

    @Test
    void theNoteStaysTheTeamsStatusMessageThroughTheCall() {
        startHub();
        try (LineClient client = hub.client()) {
            client.set("set_extension_note@#HQ@#Sales@#2001@#In the lab");
            await().until(() -> graph.presenceOf(BEN_ID).statusMessage().equals("In the lab"));

            bensPhone(DeviceState.INUSE);
            await().until(() -> session(BEN_ID).equals("Busy/InACall"));
            bensPhone(DeviceState.NOT_INUSE);
            await().until(() -> session(BEN_ID).equals("none"));
            await().until(() -> hub.teamsWriterIdle());

            assertThat(graph.writeCalls(Endpoint.SET_STATUS_MESSAGE)).hasSize(1);
            assertThat(graph.presenceOf(BEN_ID).statusMessage()).isEqualTo("In the lab");
            assertThat(hub.state(BEN).note()).isEqualTo("In the lab");
        }
    }

    @Test
    void aDndUserKeepsBusyInACallDuringAndAfterTheCallWithNoExtraWrite() {
        startHub();
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#2001@#Do Not Disturb");
            await().until(() -> session(BEN_ID).equals("Busy/InACall"));
            await().until(() -> hub.teamsWriterIdle());
            int writes = graph.writeCalls().size();

            bensPhone(DeviceState.INUSE);
            hub.awaitTeamsPolls(2);
            await().until(() -> hub.teamsWriterIdle());
            bensPhone(DeviceState.NOT_INUSE);
            hub.awaitTeamsPolls(2);
            await().until(() -> hub.teamsWriterIdle());

            assertThat(graph.writeCalls()).hasSize(writes);
            assertThat(session(BEN_ID)).isEqualTo("Busy/InACall");
            assertThat(client.ask(BEN_STATUS)).isEqualTo("ExtensionStatus@#Do Not Disturb");
            assertThat(teamsCalls).doesNotContain("ben IN_CALL");
        }
    }

    @Test
    void doNotDisturbPickedInTeamsDuringACallMakesTheHubDnd() {
        startWithBenOnThePhone();

        graph.setPreferredPresence(BEN_ID, "DoNotDisturb", "DoNotDisturb");

        awaitDndFromTeams();
        assertThat(session(BEN_ID)).as("still on the phone").isEqualTo("Busy/InACall");
        bensPhone(DeviceState.NOT_INUSE);
        // a status made in Teams asks for no session of the hub's
        await().until(() -> session(BEN_ID).equals("none"));
        hub.awaitTeamsPolls(2);
        assertThat(hub.state(BEN).statusType()).isEqualTo(StatusType.DND);
    }

    @Test
    void doNotDisturbDroppedInTeamsDuringTheCallIsFollowedOnceTheCallSessionIsGone() {
        startWithBenOnThePhone();
        graph.setPreferredPresence(BEN_ID, "DoNotDisturb", "DoNotDisturb");
        await().until(() -> hub.state(BEN).statusType() == StatusType.DND);

        graph.clearPreferredPresence(BEN_ID);
        hub.awaitTeamsPolls(3);
        assertThat(hub.state(BEN).statusType()).as("the call session hides his own state").isEqualTo(StatusType.DND);
        bensPhone(DeviceState.NOT_INUSE);

        await().until(() -> hub.state(BEN).statusType() == StatusType.AVAILABLE);
        assertThat(hub.state(BEN).statusOrigin()).isEqualTo(Origin.TEAMS);
        assertThat(session(BEN_ID)).isEqualTo("none");
    }

    @Test
    void aTeamsMeetingJoinedDuringAPhoneCallCountsAsChangeAndAsTeamsCall() {
        startWithBenOnThePhone();

        graph.setClientSession(BEN_ID, "Busy", "InAMeeting");

        awaitDndFromTeams();
        await().until(() -> calls.teamsCall(BEN) == TeamsCall.IN_CALL);
    }

    @Test
    void aRingAndHangUpBurstSendsOnlyTheLatestWantedSession() {
        startHub();
        for (DeviceState state : new DeviceState[] {DeviceState.INUSE, DeviceState.NOT_INUSE, DeviceState.INUSE,
                DeviceState.NOT_INUSE, DeviceState.INUSE}) {
            bensPhone(state);
        }
        await().until(() -> session(BEN_ID).equals("Busy/InACall"));
        await().until(() -> hub.teamsWriterIdle());
        hub.awaitTeamsPolls(2);

        assertThat(graph.writeCalls()).hasSizeLessThan(5);
        assertThat(graph.writeCalls().get(graph.writeCalls().size() - 1).json().get("activity").asText())
                .isEqualTo("InACall");
        assertThat(session(BEN_ID)).isEqualTo("Busy/InACall");
        assertThat(hub.state(BEN).statusType()).isEqualTo(StatusType.AVAILABLE);
    }

    @Test
    void callSessionNoneLeavesTeamsAsTheStatusAsksIt() {
        startHub("hub.teams.call-session", "none");
        bensPhone(DeviceState.INUSE);
        hub.awaitTeamsPolls(3);
        await().until(() -> hub.teamsWriterIdle());

        assertThat(calls.onThePhone(BEN)).isTrue();
        assertThat(graph.writeCalls()).isEmpty();
        assertThat(session(BEN_ID)).isEqualTo("none");
        assertThat(hub.healthInFull()).contains("on a call session: 0");
    }

    /** The hub started, ben's phone in use, his call session at Graph and read back twice. */
    private void startWithBenOnThePhone() {
        startHub();
        bensPhone(DeviceState.INUSE);
        await().until(() -> session(BEN_ID).equals("Busy/InACall"));
        hub.awaitTeamsPolls(2);
    }

    /** Ben's status becomes DND, made in Teams. */
    private void awaitDndFromTeams() {
        await().until(() -> hub.state(BEN).statusType() == StatusType.DND);
        assertThat(hub.state(BEN).statusOrigin()).isEqualTo(Origin.TEAMS);
    }
}
