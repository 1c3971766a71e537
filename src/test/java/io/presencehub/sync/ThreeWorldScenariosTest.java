package io.presencehub.sync;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_PHONE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestDirectories.BOBS_PHONE;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The five scenarios of ARCHITECTURE section 4 with all three worlds live in one hub: the phone is the fake Asterisk
 * (presence changed as a DPMA phone does), Teams is the fake Graph, and a real status-interface client listens.
 */
class ThreeWorldScenariosTest extends BaseThreeWorldTest {

    private static final String STATUS_EVENT = "ExtensionStatusUpdatedEvent@#HQ@#Sales@#";

    private int bobsPhoneChanges;

    @Test
    void phoneDndReachesStatusClientsAndTeamsAsBusyInACallAndTheNextPollsChangeNothing() {
        try (LineClient client = hub.client()) {
            asterisk.setPresence(ALICE_PHONE, "dnd", "", "");

            assertThat(client.readLines(2)).containsExactly(events("Do Not Disturb"));
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isPresent());
            assertThat(graph.appSession(ALICE_TEAMS_ID).get().pair()).isEqualTo("Busy/InACall");
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).isEqualTo("Busy/InACall");
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(1);
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE).get(0).json().get("sessionId").asText())
                    .isEqualTo(FakeGraph.CLIENT_ID);

            hub.awaitTeamsPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertNothingElseComes(client);
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.ASTERISK);
            await().until(this::writersIdle);
            assertThat(setvars()).as("nothing written back to the phone").isZero();
            assertThat(graph.writeCalls()).as("no Graph write after the first").hasSize(1);
        }
    }

    @Test
    void teamsMeetingMakesHubAndPhoneDndWithoutAnAppSessionAndItsEndMakesEverythingAvailable() {
        try (LineClient client = hub.client()) {
            graph.setClientSession(ALICE_TEAMS_ID, "Busy", "InAMeeting");

            assertThat(client.readLines(2)).containsExactly(events("Do Not Disturb"));
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.TEAMS);
            await().until(() -> asterisk.lastSetvarValue(ALICE_PHONE).isPresent());
            assertThat(asterisk.lastSetvarValue(ALICE_PHONE)).contains("dnd," + b64("Do Not Disturb") + ",,e");
            await().until(() -> asterisk.presence(ALICE_PHONE).map(p -> p.state().equals("dnd")).orElse(false));

            graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");

            assertThat(client.readLines(2)).containsExactly(events("Available"));
            await().until(() -> asterisk.presence(ALICE_PHONE).map(p -> p.state().equals("available"))
                    .orElse(false));
            assertThat(asterisk.lastSetvarValue(ALICE_PHONE)).contains("available," + b64("Available") + ",,e");
            hub.awaitTeamsPolls(2);
            assertThat(client.staysSilent(300)).as("the phone's echoes are no changes").isTrue();
            assertNothingElseComes(client);
            await().until(this::writersIdle);
            assertThat(setvars()).isEqualTo(2);
            assertThat(graph.appSession(ALICE_TEAMS_ID)).isEmpty();
            assertThat(graph.writeCalls()).as("no app session, no status message").isEmpty();
        }
    }

    @Test
    void phoneAwayWhileTheTeamsClientIsAvailableSetsAwayInTeamsAndDoesNotFlipBack() {
        try (LineClient client = hub.client()) {
            asterisk.setPresence(ALICE_PHONE, "away", "Away", "");

            assertThat(client.readLines(2)).containsExactly(events("Away"));
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isPresent());
            assertThat(graph.appSession(ALICE_TEAMS_ID).get().pair()).isEqualTo("Away/Away");
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).as("sessions rank Available over Away")
                    .isEqualTo("Available/Available");

            hub.awaitTeamsPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Away");
            assertThat(hub.state(ALICE).statusType()).isEqualTo(StatusType.AWAY);
            await().until(this::writersIdle);
            assertThat(setvars()).as("no 'available' written to the phone").isZero();
            assertThat(asterisk.presence(ALICE_PHONE).orElseThrow().state()).isEqualTo("away");
            assertThat(graph.writeCalls()).hasSize(1);
        }
    }

    @Test
    void availablePickedInTeamsAfterPhoneDndMakesHubAndPhoneAvailableAndClearsTheSession() {
        try (LineClient client = hub.client()) {
            asterisk.setPresence(ALICE_PHONE, "dnd", "", "");
            assertThat(client.readLines(2)).containsExactly(events("Do Not Disturb"));
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isPresent());
            hub.awaitTeamsPolls(2);

            graph.setPreferredPresence(ALICE_TEAMS_ID, "Available", "Available");

            assertThat(client.readLines(2)).containsExactly(events("Available"));
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.TEAMS);
            await().until(() -> asterisk.presence(ALICE_PHONE).map(p -> p.state().equals("available"))
                    .orElse(false));
            assertThat(asterisk.lastSetvarValue(ALICE_PHONE)).contains("available," + b64("Available") + ",,e");
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isEmpty());
            assertThat(graph.writeCalls(Endpoint.CLEAR_PRESENCE)).hasSize(1);

            hub.awaitTeamsPolls(3);
            assertThat(client.staysSilent(300)).isTrue();
            assertNothingElseComes(client);
            assertThat(hub.state(ALICE).statusType()).isEqualTo(StatusType.AVAILABLE);
            await().until(this::writersIdle);
            assertThat(setvars()).isEqualTo(1);
            assertThat(graph.writeCalls()).hasSize(2);
        }
    }

    @Test
    void statusSetOverTcpReachesPhoneAndTeamsAndNeitherEchoCausesASecondEvent() {
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            setter.set("set_extension_status@#HQ@#Sales@#1002@#Do Not Disturb");
            setter.set("set_extension_note@#HQ@#Sales@#1001@#Back at 2, \"maybe\"");
            assertThat(listener.readLines(4)).containsExactly(
                    STATUS_EVENT + "1001@#Do Not Disturb", STATUS_EVENT + "1002@#Do Not Disturb",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1001@#Back at 2, \"maybe\"",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1002@#Back at 2, \"maybe\"");

            String exact = "dnd," + b64("Do Not Disturb") + "," + b64("Back at 2, \"maybe\"") + ",e";
            await().until(() -> asterisk.lastSetvarValue(ALICE_PHONE).filter(exact::equals).isPresent()
                    && asterisk.presence(ALICE_PHONE).map(p -> p.message().equals("Back at 2, \"maybe\""))
                    .orElse(false));
            await().until(() -> graph.presenceOf(ALICE_TEAMS_ID).statusMessage().equals("Back at 2, \"maybe\""));
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).isEqualTo("Busy/InACall");
            int setvars = setvars();
            int writes = graph.writeCalls().size();

            hub.awaitTeamsPolls(3);
            assertThat(listener.staysSilent(300)).as("neither the AMI echo nor the next polls are changes").isTrue();
            assertNothingElseComes(listener);
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.STATUS_INTERFACE);
            await().until(this::writersIdle);
            assertThat(setvars).isBetween(1, 2); // status and note may be coalesced into one write
            assertThat(setvars()).isEqualTo(setvars);
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(1);
            assertThat(graph.writeCalls()).hasSize(writes);
        }
    }

    /**
     * Nothing (an echo from the phone or Teams, a poll answer already handled) caused an event still on its way: the
     * event of a later phone change of bob is the client's next line.
     */
    private void assertNothingElseComes(LineClient client) {
        String marker = changeBobsPhone();
        assertThat(client.readLine()).as("the next line is the marker's event").isEqualTo(marker);
    }

    /**
     * Changes bob's phone (dnd, then away, alternately) and returns the status event it causes. As a marker: a client
     * that had nothing else coming gets exactly this event next. The hub handles AMI reports in the order Asterisk
     * sends them (so an event wrongly caused by an earlier report, e.g. an echo, comes first) and queues events for a
     * client in the order they happen (so does one caused by a poll answer handled before). Bob has no e-mail and
     * his change comes from Asterisk: it is written to neither Teams nor his phone.
     */
    private String changeBobsPhone() {
        boolean dnd = bobsPhoneChanges++ % 2 == 0;
        asterisk.setPresence(BOBS_PHONE, dnd ? "dnd" : "away", "", "");
        return STATUS_EVENT + "1003@#" + (dnd ? "Do Not Disturb" : "Lunch");
    }

    private static String[] events(String status) {
        return new String[] {STATUS_EVENT + "1001@#" + status, STATUS_EVENT + "1002@#" + status};
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
