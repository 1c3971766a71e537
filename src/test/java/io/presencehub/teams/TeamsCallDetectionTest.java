package io.presencehub.teams;

import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.calls.DeviceState;
import io.presencehub.calls.TeamsCall;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.teams.FakeGraph.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Teams → hub: a call or meeting Graph shows is reported to {@code callStates} as the user's Teams call after the
 * read, never from old reads (Graph unreachable, no token, the user unmatched), and never for the hub's own session.
 */
class TeamsCallDetectionTest extends BaseTeamsCallTest {

    @Test
    void aTeamsMeetingIsATeamsCallUntilItEndsWithoutAnySessionOrLoop() {
        startHub();
        graph.setClientSession(EMIL_ID, "Busy", "InAMeeting");
        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.IN_CALL);
        // the seed's table still applies
        await().until(() -> hub.state(EMIL).statusType() == StatusType.DND);
        assertThat(hub.state(EMIL).statusOrigin()).isEqualTo(Origin.TEAMS);
        await().until(() -> hub.healthInFull().contains("in a Teams call: 1"));

        graph.setClientSession(EMIL_ID, "Available", "Available");
        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.NONE);
        hub.awaitTeamsPolls(3);
        await().until(() -> hub.teamsWriterIdle());

        assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).isEmpty();
        assertThat(session(EMIL_ID)).isEqualTo("none");
        assertThat(calls.onThePhone(EMIL)).isFalse();
        assertThat(teamsCalls).filteredOn(e -> e.startsWith("emil")).containsExactly("emil IN_CALL", "emil NONE");
        assertThat(hub.healthInFull()).contains("in a Teams call: 0");
    }

    @Test
    void thePhoneCallsOwnSessionIsNoTeamsCall() {
        startHub();
        bensPhone(DeviceState.INUSE);
        await().until(() -> session(BEN_ID).equals("Busy/InACall"));
        await().until(() -> hub.healthInFull().contains("on a call session: 1"));
        hub.awaitTeamsPolls(3);
        bensPhone(DeviceState.NOT_INUSE);
        await().until(() -> session(BEN_ID).equals("none"));
        hub.awaitTeamsPolls(3);

        assertThat(teamsCalls).doesNotContain("ben IN_CALL");
        assertThat(calls.teamsCall(BEN)).isEqualTo(TeamsCall.NONE);
    }

    @Test
    void graphDownForMoreThanTwoPollIntervalsEndsTheTeamsCallAndItsReturnShowsItAgain() {
        startHub();
        graph.setClientSession(EMIL_ID, "Busy", "InAMeeting");
        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.IN_CALL);

        // the exact bound (two poll intervals since the last good read) is TeamsWriterTest's, on a frozen clock
        graph.failFor(Duration.ofMinutes(10), 503, null);
        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.NONE);

        graph.clearFaults();
        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.IN_CALL);
    }

    @Test
    void noTokenEndsTheTeamsCallToo() {
        startHub();
        graph.setClientSession(EMIL_ID, "Busy", "InAMeeting");
        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.IN_CALL);

        graph.expireSecret();
        graph.revokeAllTokens();

        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.NONE);
        assertThat(graph.presenceOf(EMIL_ID).pair()).as("still in the meeting").isEqualTo("Busy/InAMeeting");
    }

    @Test
    void aUserNoLongerMatchedHasNoTeamsCall() {
        startHub();
        graph.setClientSession(EMIL_ID, "Busy", "InAMeeting");
        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.IN_CALL);

        hub.writeDirectory(DIRECTORY.replace("email: emil@example.com, ", ""));

        await().until(() -> calls.teamsCall(EMIL) == TeamsCall.NONE);
        hub.awaitTeamsPolls(3);
        assertThat(calls.teamsCall(EMIL)).isEqualTo(TeamsCall.NONE);
    }
}
