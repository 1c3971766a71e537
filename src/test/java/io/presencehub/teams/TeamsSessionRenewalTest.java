package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.camel.HubConfiguration;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session renewal end to end: the hub and the fake Graph share one clock that the test moves hours ahead, so a
 * PT4H session that is still wanted is renewed before Graph lets it expire, and one no longer wanted is not.
 */
class TeamsSessionRenewalTest extends BaseTeamsHubTest {


    @BeforeEach
    void start() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        hub = TestHub.in(folder).withTeams(graph)
                .withBean(HubConfiguration.CLOCK, graph.clock()).start();
        hub.awaitTeamsBaseline(ALICE);
    }


    @Test
    void aWantedSessionIsRenewedBeforeGraphLetsItExpire() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isPresent());
            Instant firstExpiry = graph.appSession(ALICE_TEAMS_ID).get().expiresAt();

            // 3 h 40 min later the PT4H session is inside the renewal margin (24 min) but has not expired yet
            graph.clock().advance(Duration.ofMinutes(220));
            await().until(() -> graph.writeCalls(Endpoint.SET_PRESENCE).stream().filter(c -> c.status() == 200)
                    .count() == 2);
            FakeGraph.AppSessionView renewed = graph.appSession(ALICE_TEAMS_ID).orElseThrow();
            assertThat(renewed.pair()).isEqualTo("Busy/InACall");
            assertThat(renewed.expiresAt()).isAfter(firstExpiry.plus(Duration.ofHours(3)));

            // past the first session's end, Teams still shows the hub's DND and the hub still wants it
            graph.clock().advance(Duration.ofMinutes(30));
            hub.awaitTeamsPolls(2);
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).isEqualTo("Busy/InACall");
            assertThat(hub.state(ALICE).statusType()).isEqualTo(io.presencehub.model.StatusType.DND);
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(2);
        }
    }

    @Test
    void aSessionNoLongerWantedIsClearedAndNeverRenewed() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isPresent());
            client.set("set_extension_status@#HQ@#Sales@#1001@#Available");
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).isEmpty());

            graph.clock().advance(Duration.ofMinutes(220));
            hub.awaitTeamsPolls(3);
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).hasSize(1);
            assertThat(graph.appSession(ALICE_TEAMS_ID)).isEmpty();
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).pair()).isEqualTo("Available/Available");
        }
    }
}
