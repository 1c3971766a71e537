package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five Teams scenarios of ARCHITECTURE section 4 end to end: real hub, fake Graph, a real status-interface client.
 * The status client stands in for the phone (the Asterisk sync is not in this build).
 */
class TeamsScenariosTest {

    private static final String DND_EVENTS = "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Do Not Disturb";

    @TempDir
    Path folder;
    FakeGraph graph;
    TestHub hub;

    @BeforeEach
    void start() {
        graph = FakeGraph.start();
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        hub = TestHub.in(folder).withTeams(graph).start();
        hub.awaitTeamsBaseline(ALICE);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        graph.close();
    }

    @Test
    void dndSetsBusyInACallSessionAndTheNextPollChangesNothing() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");

            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isPresent());
            assertThat(graph.appSession(ALICE_TEAMS_ID).get().pair()).isEqualTo("Busy/InACall");
            FakeGraph.WriteCall set = graph.writeCalls(Endpoint.SET_PRESENCE).get(0);
            assertThat(set.json().get("sessionId").asText()).isEqualTo(FakeGraph.CLIENT_ID);
            assertThat(set.json().get("expirationDuration").asText()).isEqualTo("PT4H");
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).isEqualTo("Busy/InACall");

            hub.awaitTeamsPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            // a reply comes after every event already queued for its client: the polls handled so far caused none
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Do Not Disturb");
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.STATUS_INTERFACE);
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls()).hasSize(1);
        }
    }

    @Test
    void teamsMeetingMakesTheHubDndWithoutAnAppSessionAndItsEndMakesItAvailable() {
        try (LineClient client = hub.client()) {
            graph.setClientSession(ALICE_TEAMS_ID, "Busy", "InAMeeting");
            assertThat(client.readLines(2)).containsExactly(DND_EVENTS,
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Do Not Disturb");
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.TEAMS);

            graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Available",
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Available");
            hub.awaitTeamsPolls(2);
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls()).isEmpty();
            assertThat(graph.appSession(ALICE_TEAMS_ID)).isEmpty();
        }
    }

    @Test
    void awayWhileTeamsShowsAvailableDoesNotFlipBack() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Away");

            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isPresent());
            assertThat(graph.appSession(ALICE_TEAMS_ID).get().pair()).isEqualTo("Away/Away");
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).isEqualTo("Available/Available");

            hub.awaitTeamsPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Away");
        }
    }

    @Test
    void availablePickedInTeamsAfterHubDndMakesTheHubAvailableAndClearsTheSession() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isPresent());
            hub.awaitTeamsPolls(2);

            graph.setPreferredPresence(ALICE_TEAMS_ID, "Available", "Available");

            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Available",
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Available");
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.TEAMS);
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isEmpty());
            assertThat(graph.writeCalls(Endpoint.CLEAR_PRESENCE)).hasSize(1);
            hub.awaitTeamsPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
            assertThat(hub.state(ALICE).statusType()).isEqualTo(StatusType.AVAILABLE);
        }
    }

    @Test
    void statusAndNoteSetOverTcpReachTeamsAndTheirEchoCausesNoSecondEvent() {
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            setter.set("set_extension_status@#HQ@#Sales@#1002@#Do Not Disturb");
            setter.set("set_extension_note@#HQ@#Sales@#1001@#In the lab#masknl#call my mobile");
            assertThat(listener.readLines(4)).containsExactly(DND_EVENTS,
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Do Not Disturb",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1001@#In the lab#masknl#call my mobile",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1002@#In the lab#masknl#call my mobile");

            await().until(() -> graph.presenceOf(ALICE_TEAMS_ID).statusMessage().equals("In the lab\ncall my mobile"));
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).isEqualTo("Busy/InACall");

            hub.awaitTeamsPolls(3);
            assertThat(listener.staysSilent(300)).isTrue();
            assertThat(listener.ask("get_extension_status@#HQ@#Sales@#1001"))
                    .isEqualTo("ExtensionStatus@#Do Not Disturb");
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(1);
            assertThat(graph.writeCalls(Endpoint.SET_STATUS_MESSAGE)).hasSize(1);
        }
    }

    @Test
    void theReturnTimeBecomesTheStatusMessageExpiryInGraphsFormat() {
        // a whole minute, a day ahead: LocalDateTime.toString would drop the seconds Graph requires
        long returnTime = (System.currentTimeMillis() / 1000 / 60 + 24 * 60) * 60;
        String expected = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
                .format(java.time.LocalDateTime.ofEpochSecond(returnTime, 0, java.time.ZoneOffset.UTC));
        try (LineClient client = hub.client()) {
            client.set("set_extension_return_time@#HQ@#Sales@#1001@#" + returnTime);
            client.set("set_extension_note@#HQ@#Sales@#1001@#Back tomorrow");

            await().until(() -> graph.presenceOf(ALICE_TEAMS_ID).statusMessage().equals("Back tomorrow"));
            FakeGraph.WriteCall last = graph.writeCalls(Endpoint.SET_STATUS_MESSAGE).stream()
                    .filter(c -> c.status() == 200).reduce((a, b) -> b).orElseThrow();
            assertThat(last.json().at("/statusMessage/expiryDateTime/dateTime").asText()).isEqualTo(expected);
            assertThat(last.json().at("/statusMessage/expiryDateTime/timeZone").asText()).isEqualTo("UTC");
            assertThat(graph.writeCalls(Endpoint.SET_STATUS_MESSAGE)).allMatch(c -> c.status() == 200);
        }
    }

    @Test
    void aNoteSetDuringATeamsMeetingDoesNotKeepTheUserInDndAfterIt() {
        try (LineClient client = hub.client()) {
            graph.setClientSession(ALICE_TEAMS_ID, "Busy", "InAMeeting");
            assertThat(client.readLines(2)).containsExactly(DND_EVENTS,
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Do Not Disturb");
            client.set("set_extension_note@#HQ@#Sales@#1001@#In the board meeting");
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.STATUS_INTERFACE);
            assertThat(hub.state(ALICE).statusOrigin()).as("the status still came from Teams")
                    .isEqualTo(Origin.TEAMS);
            await().until(() -> graph.presenceOf(ALICE_TEAMS_ID).statusMessage().equals("In the board meeting"));
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.appSession(ALICE_TEAMS_ID)).as("no session for a status Teams itself set").isEmpty();

            graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Available",
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Available");
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).isEmpty();
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).isEqualTo("Available/Available");
        }
    }
}
