package io.presencehub.sync;

import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.calls.CallStates;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call-state scenarios of issue 11, end to end through both fakes: ben's desk phone {@code PJSIP/2001} changes in
 * the fake Asterisk (DeviceStateChange and DeviceStateList as transcript 13 recorded them) and the fake Graph sees the
 * hub's call session; emil's Teams meeting in the fake Graph sets the hub's {@code Custom:teams-4001} in the fake
 * Asterisk. Status, note and return time never change because of a call.
 */
class CallStateScenariosTest {

    private static final UserKey BEN = TestDirectories.BEN;
    private static final UserKey EMIL = TestDirectories.EMIL;
    private static final String BEN_ID = "u-ben";
    private static final String EMIL_ID = "u-emil";
    private static final String BENS_PHONE = "PJSIP/2001";
    private static final String BENS_TEAMS_DEVICE = "Custom:teams-2001";
    private static final String EMILS_TEAMS_DEVICE = "Custom:teams-4001";
    private static final String DIRECTORY = TestDirectories.BEN_AND_EMIL;

    @TempDir
    Path folder;
    FakeAsterisk asterisk;
    FakeGraph graph;
    TestHub hub;
    LineClient panel;

    @BeforeEach
    void start() throws Exception {
        asterisk = new FakeAsterisk().start();
        graph = FakeGraph.start();
        graph.addUser(BEN_ID, "ben@example.com");
        graph.addUser(EMIL_ID, "emil@example.com");
        graph.setClientSession(BEN_ID, "Available", "Available");
        graph.setClientSession(EMIL_ID, "Available", "Available");
        hub = TestHub.in(folder).directory(DIRECTORY).withAsterisk(asterisk).withTeams(graph)
                .with("hub.teams.poll-interval", "200ms")
                .start();
        await().until(() -> hub.asteriskConnected());
        hub.awaitTeamsBaseline(BEN);
        hub.awaitTeamsBaseline(EMIL);
        panel = hub.client();
    }

    @AfterEach
    void stop() {
        try {
            panel.close();
            hub.close();
        } finally {
            graph.close();
            asterisk.close();
        }
    }

    @Test
    void scenario1AnAvailableUsersPhoneCallShowsInACallAndItsEndClearsTheSessionAndNothingElse() {
        asterisk.setDeviceState(BENS_PHONE, "INUSE");
        await().until(() -> session(BEN_ID).equals("Busy/InACall"));

        hub.awaitTeamsPolls(3); // the reads that show Busy/InACall change nothing
        assertThat(graph.presenceOf(BEN_ID).pair()).isEqualTo("Busy/InACall");
        assertThat(hub.state(BEN).statusType()).isEqualTo(StatusType.AVAILABLE);
        assertThat(panel.staysSilent(300)).as("status clients get no event").isTrue();

        asterisk.setDeviceState(BENS_PHONE, "NOT_INUSE");
        await().until(() -> session(BEN_ID).equals("none"));
        hub.awaitTeamsPolls(3);
        assertThat(hub.state(BEN).statusType()).isEqualTo(StatusType.AVAILABLE);
        assertThat(panel.staysSilent(300)).isTrue();
        await().until(() -> hub.teamsWriterIdle() && hub.asteriskWriterIdle());
        assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(1);
        assertThat(graph.writeCalls(Endpoint.CLEAR_PRESENCE)).hasSize(1);
        assertThat(asterisk.setvarCount("CustomPresence:2001")).as("no presence written to Asterisk").isZero();
        assertThat(asterisk.deviceSetvarCount(BENS_TEAMS_DEVICE)).as("the call session is no Teams call").isZero();
    }

    @Test
    void scenario2AfterACallAnAwayUserHoldsTheAwaySessionAgain() {
        panel.set("set_extension_status@#HQ@#Sales@#2001@#Away");
        await().until(() -> session(BEN_ID).equals("Away/Away"));

        asterisk.setDeviceState(BENS_PHONE, "INUSE");
        await().until(() -> session(BEN_ID).equals("Busy/InACall"));
        asterisk.setDeviceState(BENS_PHONE, "NOT_INUSE");
        await().until(() -> session(BEN_ID).equals("Away/Away"));
        hub.awaitTeamsPolls(3);
        assertThat(hub.state(BEN).statusId()).isEqualTo("Away");
    }

    @Test
    void scenario3ADndUserKeepsBusyInACallDuringAndAfterTheCallWithNoExtraWrite() {
        panel.set("set_extension_status@#HQ@#Sales@#2001@#Do Not Disturb");
        await().until(() -> session(BEN_ID).equals("Busy/InACall") && hub.teamsWriterIdle());
        int writes = graph.writeCalls().size();

        asterisk.setDeviceState(BENS_PHONE, "INUSE");
        await().until(() -> hub.bean(CallStates.class).onThePhone(BEN));
        asterisk.setDeviceState(BENS_PHONE, "NOT_INUSE");
        await().until(() -> !hub.bean(CallStates.class).onThePhone(BEN));
        hub.awaitTeamsPolls(3);
        await().until(() -> hub.teamsWriterIdle());
        assertThat(graph.writeCalls()).as("no write for the call").hasSize(writes);
        assertThat(session(BEN_ID)).isEqualTo("Busy/InACall");
        assertThat(hub.state(BEN).statusType()).isEqualTo(StatusType.DND);
    }

    @Test
    void scenario4DoNotDisturbPickedInTeamsDuringAPhoneCallMakesTheHubDnd() {
        asterisk.setDeviceState(BENS_PHONE, "INUSE");
        await().until(() -> session(BEN_ID).equals("Busy/InACall"));

        graph.setPreferredPresence(BEN_ID, "DoNotDisturb", "DoNotDisturb");
        await().until(() -> hub.state(BEN).statusType() == StatusType.DND);
        assertThat(hub.state(BEN).statusOrigin()).isEqualTo(Origin.TEAMS);
        assertThat(panel.readLine()).isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#2001@#Do Not Disturb");
    }

    @Test
    void scenario5ATeamsMeetingSetsTheHubsCustomDeviceAndItsEndReleasesItWithoutALoop() {
        graph.setClientSession(EMIL_ID, "Busy", "InAMeeting");
        await().until(() -> asterisk.deviceState(EMILS_TEAMS_DEVICE).equals(Optional.of("INUSE")));
        assertThat(hub.bean(CallStates.class).onThePhone(EMIL)).as("the hub's own device is no phone").isFalse();

        graph.setClientSession(EMIL_ID, "Available", "Available");
        await().until(() -> asterisk.deviceState(EMILS_TEAMS_DEVICE).equals(Optional.of("NOT_INUSE")));
        hub.awaitTeamsPolls(3);
        await().until(() -> hub.teamsWriterIdle() && hub.asteriskWriterIdle());
        assertThat(graph.writeCalls(Endpoint.SET_PRESENCE).stream().filter(w -> w.userId().equals(EMIL_ID)))
                .as("no call session for emil").isEmpty();
        assertThat(asterisk.deviceSetvarCount(EMILS_TEAMS_DEVICE)).as("one write each way, no loop").isEqualTo(2);
    }

    @Test
    void scenario6ACallThatEndsWhileTheAmiLinkIsDownEndsWithTheListAfterTheReconnect() throws Exception {
        asterisk.setDeviceState(BENS_PHONE, "INUSE");
        await().until(() -> session(BEN_ID).equals("Busy/InACall"));

        asterisk.stop();
        await().until(() -> !hub.asteriskConnected());
        asterisk.seedDeviceState(BENS_PHONE, "NOT_INUSE"); // hung up meanwhile: no event reaches the hub
        asterisk.start();

        await().until(() -> session(BEN_ID).equals("none"));
        assertThat(hub.state(BEN).statusType()).isEqualTo(StatusType.AVAILABLE);
    }

    @Test
    void scenario7GraphGoingDownDuringATeamsMeetingReleasesTheCustomDevice() {
        graph.setClientSession(EMIL_ID, "Busy", "InAMeeting");
        await().until(() -> asterisk.deviceState(EMILS_TEAMS_DEVICE).equals(Optional.of("INUSE")));

        graph.failFor(Duration.ofMinutes(5), 503, null);
        await().until(() -> asterisk.deviceState(EMILS_TEAMS_DEVICE).equals(Optional.of("NOT_INUSE")));
    }

    /** The pair of the hub's app session for a Graph user, "none" without one. */
    private String session(String graphId) {
        return graph.appSession(graphId).map(FakeGraph.AppSessionView::pair).orElse("none");
    }
}
