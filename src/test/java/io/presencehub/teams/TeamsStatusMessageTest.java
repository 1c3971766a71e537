package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import org.junit.jupiter.api.Test;

/** What a user types as Teams status message reaches the hub, and its store, without control characters. */
class TeamsStatusMessageTest extends BaseTeamsHubTest {



    @Test
    void aStatusMessageWithControlCharactersIsStoredCleanedAndTeamsChangesStillApplyAfterARestart() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        hub = TestHub.in(folder).withTeams(graph).start();
        hub.awaitTeamsBaseline(ALICE);

        // the stored observation separates its fields with U+001F: kept, the digits after it would be read back
        // as the sequence number, newer than any Graph sends, and every later read would be dropped as stale
        graph.setStatusMessage(ALICE_TEAMS_ID, "\u001b[2J\u001b[31mpwned\u0007 back\r\nat 3\u001f99999999999999999999");
        hub.awaitFreshRun("teams-poll");
        assertThat(hub.teamsPoller().observation(ALICE).orElseThrow().statusMessage())
                .isEqualTo("[2J[31mpwned back\nat 399999999999999999999");

        hub.close();
        hub = TestHub.in(folder).withTeams(graph).start();
        try (LineClient client = hub.client()) {
            graph.setClientSession(ALICE_TEAMS_ID, "Busy", "InAMeeting");
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Do Not Disturb",
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Do Not Disturb");
        }
        assertThat(hub.teamsPoller().observation(ALICE).orElseThrow().statusMessage())
                .isEqualTo("[2J[31mpwned back\nat 399999999999999999999");
    }
}
