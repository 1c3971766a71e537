package io.presencehub.admin;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_PHONE;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.asterisk.AmiOverview;
import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.directory.DirectoryOverview;
import io.presencehub.statusinterface.StatusClientsOverview;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.TeamsOverview;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What bean {@code adminOverview} reports about each connector of a running hub, and its decisions. */
class AdminOverviewTest {

    @TempDir
    Path folder;

    @Test
    void amiLinkShowsSinceWhenItIsUpItsEventRateReconnectsAndTheLastError() throws Exception {
        try (FakeAsterisk asterisk = new FakeAsterisk().start();
             TestHub hub = TestHub.in(folder).withAsterisk(asterisk).start()) {
            await().until(hub::asteriskConnected);
            AmiOverview first = overview(hub).asterisk();
            assertThat(first.state()).isEqualTo("connected");
            assertThat(first.address()).isEqualTo("127.0.0.1:" + asterisk.port());
            assertThat(first.connectedSince()).isNotNull();
            assertThat(first.reconnects()).isZero();
            assertThat(first.lastError()).isNull();

            asterisk.setPresence(ALICE_PHONE, "away", "Away", "");
            asterisk.setPresence(ALICE_PHONE, "available", "Available", "");
            // the rate counts full seconds: the events show once their second is over
            await().until(() -> overview(hub).asterisk().eventsPerSecond() > 0);

            asterisk.stop();
            await().until(() -> !hub.asteriskConnected());
            AmiOverview down = overview(hub).asterisk();
            assertThat(down.state()).isEqualTo("disconnected");
            assertThat(down.connectedSince()).isNull();
            assertThat(down.lastError()).contains("127.0.0.1:" + asterisk.port());

            asterisk.start();
            await().until(() -> hub.asteriskConnected() && overview(hub).asterisk().reconnects() == 1);
            AmiOverview back = overview(hub).asterisk();
            assertThat(back.state()).isEqualTo("connected");
            assertThat(Instant.parse(back.connectedSince())).isAfter(Instant.parse(first.connectedSince()));
            assertThat(back.lastError()).as("kept after the link is back").contains("127.0.0.1:" + asterisk.port());
            assertThat(back.lastErrorAt()).isNotNull();
        }
    }

    @Test
    void teamsShowsTheTokenMatchedUsersUnmatchedAndDuplicateEmailsAndTheLast429() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.addUser("u-ann", "ann@example.com");
            graph.addUser("u-ben", "ben@example.com");
            graph.addUser("u-dan-1", "dan@example.com");
            graph.addUser("u-dan-2", "dan@example.com");
            try (TestHub hub = TestHub.in(folder).directory(TestDirectories.EMAIL_MATCHING).withTeams(graph).start()) {
                await().until(() -> overview(hub).teams().usersMatched() == 2);
                TeamsOverview teams = overview(hub).teams();
                assertThat(teams.state()).isEqualTo("on");
                assertThat(teams.unmatched()).containsExactly(
                        new TeamsOverview.UnmatchedEmail("hq/sales/cat", "cat@example.com"),
                        new TeamsOverview.UnmatchedEmail("hq/sales/dan", "dan@example.com"));
                assertThat(teams.duplicates()).containsExactly(new TeamsOverview.DuplicateEmail("shared@example.com",
                        List.of("hq/sales/eve", "hq/sales/fay")));
                assertThat(teams.budgetLimit()).isPositive();
                assertThat(teams.budgetInUse()).isBetween(0, teams.budgetLimit());
                assertThat(teams.push()).isEqualTo("not configured");
                assertThat(teams.lastThrottled()).isNull();
                await().until(() -> overview(hub).teams().token().startsWith("valid, renewed by "));

                Instant before = Instant.now();
                graph.failNext(1, 429, "1");

                await().until(() -> overview(hub).teams().lastThrottled() != null);
                assertThat(Instant.parse(overview(hub).teams().lastThrottled())).isAfterOrEqualTo(before);
            }
        }
    }

    @Test
    void statusClientsTheDirectorySwitchedOffConnectorsAndDecisions() throws Exception {
        try (TestHub hub = TestHub.in(folder).start();
             LineClient first = hub.client();
             LineClient second = hub.client()) {
            await().until(() -> overview(hub).statusInterface().connected() == 2);
            StatusClientsOverview clients = overview(hub).statusInterface();
            assertThat(clients.addresses()).containsExactlyInAnyOrder(
                    "127.0.0.1:" + first.socket().getLocalPort(), "127.0.0.1:" + second.socket().getLocalPort());
            assertThat(overview(hub).asterisk()).isEqualTo(AmiOverview.switchedOff());
            assertThat(overview(hub).teams().state()).isEqualTo("switched off");

            DirectoryOverview directory = overview(hub).directory();
            assertThat(directory.file()).isEqualTo(hub.directoryFile().toAbsolutePath().toString());
            assertThat(directory.lastReload()).isNotNull();
            assertThat(directory.lastRejection()).isNull();
            hub.writeDirectory("locations: [ {name: HQ");
            await().until(() -> overview(hub).directory().lastRejection() != null);
            assertThat(overview(hub).directory().lastRejection()).contains("not valid YAML");
            assertThat(overview(hub).directory().lastRejectedAt()).isNotNull();
            assertThat(overview(hub).directory().lastReload()).isEqualTo(directory.lastReload());
            hub.writeDirectory(TestDirectories.SMALL_WITH_1005);
            // the reload's decision is recorded by a reload listener, just after the new directory is in force
            await().until(() -> !hub.bean(AdminOverview.class).decisions(Optional.empty(), 1).isEmpty());
            assertThat(overview(hub).directory().lastReload()).isNotEqualTo(directory.lastReload());
            assertThat(hub.bean(AdminOverview.class).decisions(Optional.empty(), 1)).singleElement()
                    .satisfies(decision -> {
                        assertThat(decision.world()).isEqualTo("directory");
                        assertThat(decision.user()).isNull();
                        assertThat(decision.reason()).isEqualTo("directory reloaded: 1 changes");
                    });

            first.set("set_extension_status@#HQ@#Sales@#1001@#Available");
            assertThat(hub.bean(AdminOverview.class).decisions(Optional.of(ALICE), 10)).singleElement()
                    .satisfies(decision -> {
                        assertThat(decision.user()).isEqualTo("hq/sales/alice");
                        assertThat(decision.world()).isEqualTo("status-interface");
                        assertThat(decision.reason()).isEqualTo("no change for alice: state already Available");
                        assertThat(Instant.parse(decision.at())).isNotNull();
                    });
            assertThat(hub.bean(AdminOverview.class).decisions(Optional.of(TestDirectories.BOB), 10)).isEmpty();
            // what the web slice will serialise: plain JSON, times as ISO-8601 text
            assertThat(new ObjectMapper().writeValueAsString(overview(hub)))
                    .contains("\"asterisk\":{\"state\":\"switched off\"")
                    .contains("\"lastRejection\":\"not valid YAML");
        }
    }

    private static AdminOverview.Connectors overview(TestHub hub) {
        return hub.bean(AdminOverview.class).connectors();
    }
}
