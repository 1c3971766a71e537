package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.decisions.Decision;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.model.Origin;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * End to end with the fake Graph and a real status client: a status message typed in Teams becomes the note (its
 * expiry the return time) in one change, a client's note goes to Teams and does not come back, an empty message clears
 * only a note from Teams (also after a restart), control characters are cleaned, and incoming-note=false ignores it.
 */
class TeamsIncomingNoteTest extends BaseTeamsHubTest {

    private static final String NOTE_1001 = "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1001@#";
    private static final String NOTE_1002 = "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1002@#";
    private static final String RETURN_1001 = "ExtensionReturnTimeUpdatedEvent@#HQ@#Sales@#1001@#";
    private static final String RETURN_1002 = "ExtensionReturnTimeUpdatedEvent@#HQ@#Sales@#1002@#";

    private TestHub startHub(String incomingNote) {
        hub = TestHub.in(folder).withTeams(graph).with("hub.teams.incoming-note", incomingNote).start();
        hub.awaitTeamsBaseline(ALICE);
        return hub;
    }

    /** The reasons of the Teams decisions about alice so far, oldest first. */
    private List<String> teamsDecisions() {
        List<String> reasons = new java.util.ArrayList<>(hub.bean(DecisionLog.class)
                .decisions(Optional.of(ALICE), DecisionLog.CAPACITY).stream()
                .filter(d -> d.world() == World.TEAMS).map(Decision::reason).toList());
        java.util.Collections.reverse(reasons);
        return reasons;
    }

    private static List<String> noteEvents(String note) {
        return List.of(NOTE_1001 + note, NOTE_1002 + note);
    }

    @Test
    void anExpiryMovedInTeamsOnTheSameMessageMovesTheReturnTime() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        startHub("true");
        Instant lunch = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant later = lunch.plus(3, ChronoUnit.HOURS);
        try (LineClient listener = hub.client()) {
            graph.setStatusMessage(ALICE_TEAMS_ID, "At lunch", lunch);
            assertThat(listener.readLines(4)).containsExactly(NOTE_1001 + "At lunch", RETURN_1001 + lunch.getEpochSecond(),
                    NOTE_1002 + "At lunch", RETURN_1002 + lunch.getEpochSecond());

            graph.setStatusMessage(ALICE_TEAMS_ID, "At lunch", later);

            assertThat(listener.readLines(2)).containsExactly(RETURN_1001 + later.getEpochSecond(),
                    RETURN_1002 + later.getEpochSecond());
            assertThat(hub.state(ALICE).note()).isEqualTo("At lunch");
        }
    }

    @Test
    void aMessageTypedInTeamsBecomesTheNoteAndAClientsNoteGoesToTeamsWithoutComingBack() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        startHub("true");
        Instant expiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            graph.setStatusMessage(ALICE_TEAMS_ID, "In the lab", expiry);

            // note and return time in one change: both fields of an extension come together
            long returnTime = expiry.getEpochSecond();
            assertThat(listener.readLines(4)).containsExactly(NOTE_1001 + "In the lab", RETURN_1001 + returnTime,
                    NOTE_1002 + "In the lab", RETURN_1002 + returnTime);
            assertThat(hub.state(ALICE).origin()).isEqualTo(Origin.TEAMS);
            // Teams shows it already: the hub does not write it back
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls(Endpoint.SET_STATUS_MESSAGE)).isEmpty();

            // the trailing blank does not come back from Teams: only knowing its own write keeps the hub from taking
            // "Back at 3" as a new note typed in Teams
            setter.set("set_extension_note@#HQ@#Sales@#1001@#Back at 3 ");
            assertThat(listener.readLines(2)).isEqualTo(noteEvents("Back at 3 "));
            await().until(() -> graph.presenceOf(ALICE_TEAMS_ID).statusMessage().strip().equals("Back at 3"));

            hub.awaitTeamsPolls(3);
            assertThat(listener.staysSilent(300)).isTrue();
            assertThat(listener.ask("get_extension_note@#HQ@#Sales@#1001")).isEqualTo("ExtensionNote@#Back at 3 ");
            assertThat(graph.writeCalls(Endpoint.SET_STATUS_MESSAGE)).hasSize(1);
            assertThat(teamsDecisions()).contains("note 'In the lab' from the Teams status message, return time "
                    + returnTime, "Teams status message 'Back at 3' is the hub's own: no change");
        }
    }

    @Test
    void anEmptyMessageClearsANoteFromTeamsButNotAClientsNote() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        startHub("true");
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            graph.setStatusMessage(ALICE_TEAMS_ID, "Lunch");
            assertThat(listener.readLines(2)).isEqualTo(noteEvents("Lunch"));
            graph.setStatusMessage(ALICE_TEAMS_ID, "");
            assertThat(listener.readLines(2)).isEqualTo(noteEvents(""));

            setter.set("set_extension_note@#HQ@#Sales@#1001@#At the desk");
            assertThat(listener.readLines(2)).isEqualTo(noteEvents("At the desk"));
            await().until(() -> graph.presenceOf(ALICE_TEAMS_ID).statusMessage().equals("At the desk"));
            hub.awaitTeamsPolls(2);

            graph.setStatusMessage(ALICE_TEAMS_ID, "");
            hub.awaitTeamsPolls(3);
            assertThat(listener.staysSilent(300)).isTrue();
            assertThat(listener.ask("get_extension_note@#HQ@#Sales@#1001")).isEqualTo("ExtensionNote@#At the desk");
            assertThat(teamsDecisions()).containsSubsequence("note 'Lunch' from the Teams status message",
                    "note from Teams cleared: the Teams status message is empty",
                    "Teams status message cleared: the note 'At the desk' did not come from Teams, kept");
        }
    }

    @Test
    void controlCharactersOfAMessageNeverReachStatusClients() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        startHub("true");
        try (LineClient listener = hub.client()) {
            graph.setStatusMessage(ALICE_TEAMS_ID, "\u001b[2J\u001b[31mBack\u0007 soon\u009b");
            assertThat(listener.readLines(2)).isEqualTo(noteEvents("[2J[31mBack soon"));
            assertThat(hub.state(ALICE).note()).isEqualTo("[2J[31mBack soon");
        }
    }

    @Test
    void withIncomingNoteOffAMessageChangesNothing() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        startHub("false");
        try (LineClient listener = hub.client()) {
            graph.setStatusMessage(ALICE_TEAMS_ID, "In the lab", Instant.now().plus(1, ChronoUnit.HOURS));
            hub.awaitTeamsPolls(3);
            assertThat(hub.teamsPoller().observation(ALICE).orElseThrow().statusMessage()).isEqualTo("In the lab");
            assertThat(listener.staysSilent(300)).isTrue();
            assertThat(hub.state(ALICE).note()).isEmpty();
            assertThat(hub.state(ALICE).returnTime()).isZero();
        }
    }

    @Test
    void aRestartKeepsThatTheNoteCameFromTeams() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        startHub("true");
        graph.setStatusMessage(ALICE_TEAMS_ID, "Lunch");
        await().until(() -> hub.state(ALICE).note().equals("Lunch"));
        hub.close();

        startHub("true");
        try (LineClient listener = hub.client()) {
            // what Teams shows is held as the hub's: the restart writes nothing back
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls(Endpoint.SET_STATUS_MESSAGE)).isEmpty();

            graph.setStatusMessage(ALICE_TEAMS_ID, "");
            assertThat(listener.readLines(2)).isEqualTo(noteEvents(""));
        }
    }
}
