package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.UserKey;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.time.Duration;
import java.util.Random;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** Token expiry, a wrong secret, a Graph outage, throttling and a restart: the hub keeps running and ends right. */
class TeamsResilienceTest extends BaseTeamsHubTest {



    private TestHub startAliceHub() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        hub = TestHub.in(folder).withTeams(graph).start();
        hub.awaitTeamsBaseline(ALICE);
        return hub;
    }

    @Test
    void expiredAndRevokedTokensAreReplacedAndWritesGoOn() {
        startAliceHub();
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Busy/InACall")).orElse(false));
            int issued = graph.tokensIssued();

            graph.clock().advance(Duration.ofMinutes(90)); // the token's hour is over on Graph's side
            client.set("set_extension_status@#HQ@#Sales@#1001@#Away");
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Away/Away")).orElse(false));

            graph.revokeAllTokens();
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Busy/InACall")).orElse(false));

            assertThat(graph.tokensIssued()).isGreaterThanOrEqualTo(issued + 2);
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE).stream().filter(c -> c.status() == 200)).hasSize(3);
            hub.awaitTeamsPolls(2);
            assertThat(health()).contains("UP");
        }
    }

    @Test
    void wrongSecretMakesHealthDownNamingTheCauseWhileTheStatusInterfaceWorks() throws Exception {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        hub = TestHub.in(folder).withTeams(graph)
                .with("hub.teams.client-secret", "not-the-secret").start();

        await().until(() -> health().contains("AADSTS7000215"));
        String health = health();
        assertThat(health).contains("DOWN").contains("invalid client secret").doesNotContain("not-the-secret");
        try (LineClient client = hub.client()) {
            assertThat(client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb")).hasSize(2);
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001"))
                    .isEqualTo("ExtensionStatus@#Do Not Disturb");
        }
        assertThat(graph.writeCalls()).isEmpty();

        // the operator fixes the secret in Azure (here: Graph accepts the configured one): the hub recovers alone
        graph.rotateSecret("not-the-secret");
        await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Busy/InACall")).orElse(false));
        await().until(() -> health().contains("UP"));
    }

    @Test
    void aWrongSecretIsLoggedOnceWithoutStackTraceOrSecretHoweverOftenItFails() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        try (LogCapture log = LogCapture.start()) {
            hub = TestHub.in(folder).withTeams(graph)
                    .with("hub.teams.client-secret", "not-the-secret").start();
            await().until(() -> health().contains("AADSTS7000215"));
            int attempts = graph.requestCount(Endpoint.TOKEN);
            await().until(() -> graph.requestCount(Endpoint.TOKEN) >= attempts + 3);
            try (LineClient client = hub.client()) {
                client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            }
            int more = graph.requestCount(Endpoint.TOKEN);
            await().until(() -> graph.requestCount(Endpoint.TOKEN) >= more + 2);

            assertThat(log.atLeast(Level.WARN)).as("one line for the one cause")
                    .filteredOn(l -> l.message().contains("AADSTS7000215")).hasSize(1);
            assertThat(log.atLeast(Level.WARN)).as("no other warnings about it").hasSize(1);
            assertThat(log.all()).noneMatch(LogCapture.Line::hasThrowable);
            assertThat(log.all()).noneMatch(l -> l.message().contains("not-the-secret"));
        }
    }

    @Test
    void graphDownForAWhileThenBackGetsTheLatestDesiredState() {
        startAliceHub();
        try (LineClient client = hub.client()) {
            graph.failFor(Duration.ofSeconds(3), 503, null);
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            client.set("set_extension_status@#HQ@#Sales@#1001@#Away");
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> graph.writeCalls().stream().anyMatch(c -> c.status() == 503));
            await().until(() -> health().contains("DOWN"));

            await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Busy/InACall")).orElse(false));
            // coalesced: once Graph is back, only the latest state is written
            await().until(() -> hub.teamsWriterIdle());
            assertThat(graph.writeCalls(Endpoint.SET_PRESENCE).stream().filter(c -> c.status() == 200)).hasSize(1);
            await().until(() -> health().contains("UP"));
        }
    }

    @Test
    void unreachableGraphMakesHealthDownAndTheStatusInterfaceKeepsWorking() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        int closedPort = io.presencehub.testing.FreePort.find();
        hub = TestHub.in(folder).withTeams(graph)
                .with("hub.teams.graph-url", "http://127.0.0.1:" + closedPort + "/v1.0").start();

        await().until(() -> health().contains("unreachable"));
        assertThat(health()).contains("DOWN").contains("ConnectException");
        try (LineClient client = hub.client()) {
            assertThat(client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb")).hasSize(2);
        }
    }

    @Test
    void missingPresencePermissionMakesHealthDownNamingItAndTheWriteGoesThroughOnceGranted() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        hub = TestHub.in(folder).withTeams(graph)
                .withBean(io.presencehub.camel.HubConfiguration.CLOCK, graph.clock()).start();
        hub.awaitTeamsBaseline(ALICE);
        graph.failNext(1_000_000, 403, null);
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> health().contains("Presence.ReadWrite.All"));
            assertThat(health()).contains("DOWN").contains("HTTP 403");
            await().until(() -> graph.writeCalls(Endpoint.SET_PRESENCE).stream().anyMatch(c -> c.status() == 403));
        }
        int refused = graph.writeCalls(Endpoint.SET_PRESENCE).size();
        hub.awaitTeamsPolls(3);
        assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).as("not hammered: the next try is minutes away")
                .hasSize(refused);

        graph.clearFaults(); // the admin grants the permission; no status changes meanwhile
        graph.clock().advance(TeamsWriteRules.PERMISSION_RETRY);
        await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Busy/InACall")).orElse(false));
        await().until(() -> health().contains("UP"));
        await().until(() -> hub.healthInFull().contains("writes owed: 0"));
    }

    @Test
    void restartKeepsWritesThatGraphNeverAccepted() {
        startAliceHub();
        try (LineClient client = hub.client()) {
            graph.failFor(Duration.ofHours(1), 503, "0.2");
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> graph.writeCalls().stream().anyMatch(c -> c.status() == 503));
        }
        hub.close();
        graph.clearFaults();
        assertThat(graph.appSession(ALICE_TEAMS_ID)).isEmpty();

        hub = TestHub.in(folder).withTeams(graph).start();
        await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Busy/InACall")).orElse(false));
    }

    @Test
    void aTeamsChangeWhileTheHubWasDownIsAppliedAfterRestartButAnUnchangedOneIsABaseline() {
        startAliceHub();
        hub.close();
        graph.setClientSession(ALICE_TEAMS_ID, "Busy", "InAMeeting");

        hub = TestHub.in(folder).withTeams(graph).start();
        await().until(() -> hub.state(ALICE).statusType() == io.presencehub.model.StatusType.DND);
        long version = hub.state(ALICE).version();
        hub.close();

        hub = TestHub.in(folder).withTeams(graph).start();
        hub.awaitTeamsPolls(3);
        assertThat(hub.state(ALICE).version()).isEqualTo(version);
    }

    @Test
    void throttlingStormHonoursRetryAfterAndEndsInTheLatestState() {
        int users = 30;
        for (int i = 0; i < users; i++) {
            graph.addUser(TestDirectories.teamsUserGraphId(i), "user" + i + "@example.com");
            graph.setClientSession(TestDirectories.teamsUserGraphId(i), "Available", "Available");
        }
        // Graph is stricter than the hub believes: the hub meets 429s with fractional Retry-After
        graph.presenceBudget(25, Duration.ofSeconds(2));
        hub = TestHub.in(folder).directory(TestDirectories.teamsUsers(users)).withTeams(graph).start();
        await().until(() -> hub.teamsPoller().observation(user(users - 1)).isPresent());

        Random random = new Random(4);
        String[] statuses = {"Available", "Away", "Do Not Disturb", "Out"};
        String[] last = new String[users];
        try (LineClient client = hub.client()) {
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < users; i++) {
                    last[i] = statuses[random.nextInt(statuses.length)];
                    client.send("set_extension_status@#HQ@#Sales@#" + (20000 + i) + "@#" + last[i]);
                }
            }
            // Graph may show the last write before the hub has taken its answer: wait for both
            // 120 writes against 25 per 2 s, with Retry-After pauses: a minute on a slow machine
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> allShow(last) && hub.bean(TeamsWriter.class).pendingCount() == 0);
        }
        assertThat(graph.throttledCount()).isPositive();
        assertThat(allShow(last)).isTrue();
    }

    @Test
    void theHubsOwnBudgetKeepsItBelowGraphsLimit() {
        int users = 30;
        for (int i = 0; i < users; i++) {
            graph.addUser(TestDirectories.teamsUserGraphId(i), "user" + i + "@example.com");
        }
        graph.presenceBudget(25, Duration.ofSeconds(2));
        hub = TestHub.in(folder).directory(TestDirectories.teamsUsers(users)).withTeams(graph)
                .with("hub.teams.request-budget", "25").with("hub.teams.request-window", "2s").start();
        String[] last = new String[users];
        try (LineClient client = hub.client()) {
            for (int i = 0; i < users; i++) {
                last[i] = i % 2 == 0 ? "Do Not Disturb" : "Away";
                client.send("set_extension_status@#HQ@#Sales@#" + (20000 + i) + "@#" + last[i]);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> allShow(last));
        }
        assertThat(graph.throttledCount()).isZero();
    }

    private boolean allShow(String[] statuses) {
        for (int i = 0; i < statuses.length; i++) {
            String expected = switch (statuses[i]) {
                case "Do Not Disturb" -> "Busy/InACall";
                case "Away", "Out" -> "Away/Away";
                default -> null;
            };
            String actual = graph.appSession(TestDirectories.teamsUserGraphId(i)).map(FakeGraph.AppSessionView::pair)
                    .orElse(null);
            if (expected == null ? actual != null : !expected.equals(actual)) {
                return false;
            }
        }
        return true;
    }

    private static UserKey user(int i) {
        return new UserKey("hq", "sales", "user" + i);
    }

    private String health() {
        return hub.health();
    }
}
