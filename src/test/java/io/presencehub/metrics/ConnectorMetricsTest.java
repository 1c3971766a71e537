package io.presencehub.metrics;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestDirectories.BOBS_PHONE;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.teams.FakeGraph;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Asterisk and Teams meters of a real hub against FakeAsterisk and FakeGraph, scraped over HTTP. */
class ConnectorMetricsTest {

    private static final String ECHOES = "presencehub_echoes_suppressed_total";
    private static final String AMI_EVENTS = "presencehub_ami_events_total";
    private static final String GRAPH_REQUESTS = "presencehub_graph_requests_total";

    @TempDir
    Path folder;
    private FakeAsterisk asterisk;
    private FakeGraph graph;
    private TestHub hub;

    @AfterEach
    void stopAll() {
        try (FakeAsterisk a = asterisk; FakeGraph g = graph; TestHub h = hub) {
            // closed in reverse order, also when one fails: the hub first, then the fakes (absent ones are skipped)
        }
    }

    private MetricsScrape scrape() {
        return MetricsScrape.of(hub.managementPort());
    }

    @Test
    void theEchoOfAWriteToThePhoneMovesTheAsteriskEchoCounterAndAPhoneChangeTheOriginCounter() throws Exception {
        asterisk = new FakeAsterisk().start();
        hub = TestHub.in(folder).withAsterisk(asterisk).start();
        await().until(() -> hub.asteriskConnected());
        MetricsScrape before = scrape();
        assertThat(before.value(ECHOES, "world", "asterisk")).isZero();
        assertThat(before.series("presencehub_writer_pending", "writer", "asterisk")).hasSize(1);
        assertThat(before.series("presencehub_writer_pending", "writer", "asterisk_device")).hasSize(1);

        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1003@#Do Not Disturb");
            await().until(() -> asterisk.setvarCount(BOBS_PHONE) == 1 && hub.asteriskWriterIdle());
            await().until(() -> scrape().value(ECHOES, "world", "asterisk") == 1);
            MetricsScrape afterWrite = scrape();
            assertThat(afterWrite.value(AMI_EVENTS, "kind", "presence")
                    - before.value(AMI_EVENTS, "kind", "presence")).as("the echo is an AMI event too").isEqualTo(1);
            assertThat(afterWrite.value("presencehub_changes_applied_total", "origin", "asterisk")).isZero();

            asterisk.setPresence(BOBS_PHONE, "away", "", "");
            client.readLines(1);
            MetricsScrape afterPhone = scrape();
            assertThat(afterPhone.value("presencehub_changes_applied_total", "origin", "asterisk")).isEqualTo(1);
            assertThat(afterPhone.value(ECHOES, "world", "asterisk")).as("a phone change is no echo").isEqualTo(1);
            assertThat(afterPhone.value(AMI_EVENTS, "kind", "presence")
                    - afterWrite.value(AMI_EVENTS, "kind", "presence")).isEqualTo(1);
        }
    }

    @Test
    void aDeviceStateChangeIsCountedAndALostAmiLinkCountsOneReconnect() throws Exception {
        asterisk = new FakeAsterisk().start();
        hub = TestHub.in(folder).withAsterisk(asterisk).start();
        await().until(() -> hub.asteriskConnected());
        assertThat(scrape().value("presencehub_ami_reconnects_total")).isZero();
        double deviceEvents = scrape().value(AMI_EVENTS, "kind", "device");

        asterisk.setDeviceState("PJSIP/1003", "INUSE");

        await().until(() -> scrape().value(AMI_EVENTS, "kind", "device") == deviceEvents + 1);

        asterisk.dropAllConnections();

        await().until(() -> scrape().value("presencehub_ami_reconnects_total") == 1);
        await().until(() -> hub.asteriskConnected());
        assertThat(scrape().value("presencehub_ami_reconnects_total")).isEqualTo(1);
    }

    @Test
    void graphRequestsAreCountedByCallAndStatusAndA429AsThrottled() {
        graph = FakeGraph.start();
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        hub = TestHub.in(folder).withTeams(graph).start();
        hub.awaitTeamsBaseline(ALICE);
        MetricsScrape started = scrape();
        assertThat(started.value(GRAPH_REQUESTS, "call", "token", "status", "200")).isPositive();
        assertThat(started.value(GRAPH_REQUESTS, "call", "users", "status", "200")).isPositive();
        assertThat(started.value(GRAPH_REQUESTS, "call", "getPresencesByUserId", "status", "200")).isPositive();
        assertThat(started.value("presencehub_graph_budget_in_use")).isPositive();
        assertThat(started.value("presencehub_graph_budget_limit")).isEqualTo(1500);
        assertThat(started.series("presencehub_writer_pending", "writer", "teams")).hasSize(1);
        assertThat(started.text()).as("no secret in the scrape").doesNotContain(FakeGraph.CLIENT_SECRET);

        graph.failNext(1, 429, "1");
        await().until(() -> scrape().value(GRAPH_REQUESTS, "call", "getPresencesByUserId", "status", "429") == 1);
        assertThat(scrape().value("presencehub_graph_throttled_total", "call", "getPresencesByUserId")).isEqualTo(1);

        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().until(() -> scrape().value(GRAPH_REQUESTS, "call", "setPresence", "status", "200") == 1);
            // the next reads show the hub's own session: echoes, not changes
            await().until(() -> scrape().value(ECHOES, "world", "teams") >= 1);
            assertThat(scrape().value("presencehub_changes_applied_total", "origin", "teams")).isZero();
        }
    }
}
