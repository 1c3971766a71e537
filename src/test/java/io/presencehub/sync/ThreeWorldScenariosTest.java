package io.presencehub.sync;

import static io.presencehub.sync.ThreeWorldHub.ALICE_ID;
import static io.presencehub.sync.ThreeWorldHub.PHONE;
import static io.presencehub.sync.ThreeWorldHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five scenarios of ARCHITECTURE section 4 with all three worlds live in one hub: the phone is the fake Asterisk
 * (presence changed as a DPMA phone does), Teams is the fake Graph, and a real status-interface client listens.
 */
class ThreeWorldScenariosTest {

    private static final String STATUS_EVENT = "ExtensionStatusUpdatedEvent@#HQ@#Sales@#";

    @TempDir
    Path folder;
    ThreeWorldHub world;
    FakeGraph graph;

    @BeforeEach
    void start() {
        world = ThreeWorldHub.start(folder);
        graph = world.graph;
    }

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void phoneDndReachesStatusClientsAndTeamsAsBusyInACallAndTheNextPollsChangeNothing() {
        try (LineClient client = world.client()) {
            world.asterisk.setPresence(PHONE, "dnd", "", "");

            assertThat(client.readLines(2)).containsExactly(events("Do Not Disturb"));
            await().until(() -> graph.appSession(ALICE_ID).isPresent());
            assertThat(graph.appSession(ALICE_ID).get().pair()).isEqualTo("Busy/InACall");
            assertThat(graph.presenceOf(ALICE_ID).pair()).isEqualTo("Busy/InACall");
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(1);
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE).get(0).json().get("sessionId").asText())
                    .isEqualTo(FakeGraph.CLIENT_ID);

            world.awaitPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertNothingElseComes(client);
            assertThat(world.alice().origin()).isEqualTo(Origin.ASTERISK);
            await().until(world::writersIdle);
            assertThat(world.setvars()).as("nothing written back to the phone").isZero();
            assertThat(graph.writeCalls()).as("no Graph write after the first").hasSize(1);
        }
    }

    @Test
    void teamsMeetingMakesHubAndPhoneDndWithoutAnAppSessionAndItsEndMakesEverythingAvailable() {
        try (LineClient client = world.client()) {
            graph.setClientSession(ALICE_ID, "Busy", "InAMeeting");

            assertThat(client.readLines(2)).containsExactly(events("Do Not Disturb"));
            assertThat(world.alice().origin()).isEqualTo(Origin.TEAMS);
            await().until(() -> world.asterisk.lastSetvarValue(PHONE).isPresent());
            assertThat(world.asterisk.lastSetvarValue(PHONE)).contains("dnd," + b64("Do Not Disturb") + ",,e");
            await().until(() -> world.asterisk.presence(PHONE).map(p -> p.state().equals("dnd")).orElse(false));

            graph.setClientSession(ALICE_ID, "Available", "Available");

            assertThat(client.readLines(2)).containsExactly(events("Available"));
            await().until(() -> world.asterisk.presence(PHONE).map(p -> p.state().equals("available"))
                    .orElse(false));
            assertThat(world.asterisk.lastSetvarValue(PHONE)).contains("available," + b64("Available") + ",,e");
            world.awaitPolls(2);
            assertThat(client.staysSilent(300)).as("the phone's echoes are no changes").isTrue();
            assertNothingElseComes(client);
            await().until(world::writersIdle);
            assertThat(world.setvars()).isEqualTo(2);
            assertThat(graph.appSession(ALICE_ID)).isEmpty();
            assertThat(graph.writeCalls()).as("no app session, no status message").isEmpty();
        }
    }

    @Test
    void phoneAwayWhileTheTeamsClientIsAvailableSetsAwayInTeamsAndDoesNotFlipBack() {
        try (LineClient client = world.client()) {
            world.asterisk.setPresence(PHONE, "away", "Away", "");

            assertThat(client.readLines(2)).containsExactly(events("Away"));
            await().until(() -> graph.appSession(ALICE_ID).isPresent());
            assertThat(graph.appSession(ALICE_ID).get().pair()).isEqualTo("Away/Away");
            assertThat(graph.presenceOf(ALICE_ID).pair()).as("sessions rank Available over Away")
                    .isEqualTo("Available/Available");

            world.awaitPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Away");
            assertThat(world.alice().statusType()).isEqualTo(StatusType.AWAY);
            await().until(world::writersIdle);
            assertThat(world.setvars()).as("no 'available' written to the phone").isZero();
            assertThat(world.asterisk.presence(PHONE).orElseThrow().state()).isEqualTo("away");
            assertThat(graph.writeCalls()).hasSize(1);
        }
    }

    @Test
    void availablePickedInTeamsAfterPhoneDndMakesHubAndPhoneAvailableAndClearsTheSession() {
        try (LineClient client = world.client()) {
            world.asterisk.setPresence(PHONE, "dnd", "", "");
            assertThat(client.readLines(2)).containsExactly(events("Do Not Disturb"));
            await().until(() -> graph.appSession(ALICE_ID).isPresent());
            world.awaitPolls(2);

            graph.setPreferredPresence(ALICE_ID, "Available", "Available");

            assertThat(client.readLines(2)).containsExactly(events("Available"));
            assertThat(world.alice().origin()).isEqualTo(Origin.TEAMS);
            await().until(() -> world.asterisk.presence(PHONE).map(p -> p.state().equals("available"))
                    .orElse(false));
            assertThat(world.asterisk.lastSetvarValue(PHONE)).contains("available," + b64("Available") + ",,e");
            await().until(() -> graph.appSession(ALICE_ID).isEmpty());
            assertThat(graph.writeCalls(Endpoint.CLEAR_PRESENCE)).hasSize(1);

            world.awaitPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertNothingElseComes(client);
            assertThat(world.alice().statusType()).isEqualTo(StatusType.AVAILABLE);
            await().until(world::writersIdle);
            assertThat(world.setvars()).isEqualTo(1);
            assertThat(graph.writeCalls()).hasSize(2);
        }
    }

    @Test
    void statusSetOverTcpReachesPhoneAndTeamsAndNeitherEchoCausesASecondEvent() {
        try (LineClient setter = world.client(); LineClient listener = world.client()) {
            setter.set("set_extension_status@#HQ@#Sales@#1002@#Do Not Disturb");
            setter.set("set_extension_note@#HQ@#Sales@#1001@#Back at 2, \"maybe\"");
            assertThat(listener.readLines(4)).containsExactly(
                    STATUS_EVENT + "1001@#Do Not Disturb", STATUS_EVENT + "1002@#Do Not Disturb",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1001@#Back at 2, \"maybe\"",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1002@#Back at 2, \"maybe\"");

            String exact = "dnd," + b64("Do Not Disturb") + "," + b64("Back at 2, \"maybe\"") + ",e";
            await().until(() -> world.asterisk.lastSetvarValue(PHONE).filter(exact::equals).isPresent()
                    && world.asterisk.presence(PHONE).map(p -> p.message().equals("Back at 2, \"maybe\""))
                    .orElse(false));
            await().until(() -> graph.presenceOf(ALICE_ID).statusMessage().equals("Back at 2, \"maybe\""));
            assertThat(graph.presenceOf(ALICE_ID).pair()).isEqualTo("Busy/InACall");
            int setvars = world.setvars();
            int writes = graph.writeCalls().size();

            world.awaitPolls(3);
            assertThat(listener.staysSilent(300)).as("neither the AMI echo nor the next polls are changes").isTrue();
            assertNothingElseComes(listener);
            assertThat(world.alice().origin()).isEqualTo(Origin.STATUS_INTERFACE);
            await().until(world::writersIdle);
            assertThat(setvars).isBetween(1, 2); // status and note may be coalesced into one write
            assertThat(world.setvars()).isEqualTo(setvars);
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(1);
            assertThat(graph.writeCalls()).hasSize(writes);
        }
    }

    /**
     * Nothing (an echo from the phone or Teams, a poll answer already handled) caused an event still on its way: the
     * event of a later phone change of bob is the client's next line.
     */
    private void assertNothingElseComes(LineClient client) {
        String marker = world.changeBobsPhone();
        assertThat(client.readLine()).as("the next line is the marker's event").isEqualTo(marker);
    }

    private static String[] events(String status) {
        return new String[] {STATUS_EVENT + "1001@#" + status, STATUS_EVENT + "1002@#" + status};
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
