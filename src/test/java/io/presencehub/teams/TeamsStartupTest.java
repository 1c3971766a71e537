package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teams settings at start-up: disabled by default with its routes not loaded; a bad table stops the start. */
class TeamsStartupTest {

    @TempDir
    Path folder;

    @Test
    void disabledByDefaultTheTeamsAndAsteriskRoutesAreNotLoaded() {
        try (TestHub hub = TestHub.in(folder).start()) {
            assertThat(hub.context().getRoutes()).extracting(org.apache.camel.Route::getRouteId)
                    .isNotEmpty().noneMatch(id -> id.startsWith("teams-") || id.startsWith("asterisk-"))
                    .contains("presence-state-fanout", "status-interface-server", "status-interface-events");
            assertThat(hub.context().getRegistry().findByType(TeamsWriter.class)).isEmpty();
            try (var client = hub.client()) {
                assertThat(client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb")).hasSize(2);
            }
        }
    }

    @Test
    void aSessionPairGraphRejectsStopsTheStartWithAClearMessage() {
        try (FakeGraph graph = FakeGraph.start()) {
            TestHub hub = TestHub.in(folder).withTeams(graph)
                    .with("hub.teams.session-mapping", "dnd=DoNotDisturb/DoNotDisturb");
            assertThatThrownBy(hub::start).rootCause()
                    .hasMessageContaining("dnd=DoNotDisturb/DoNotDisturb")
                    .hasMessageContaining("setPresence accepts only Available/Available, Busy/InACall");
            hub.close();
        }
    }

    @Test
    void aCallSessionGraphRejectsStopsTheStartNamingTheSetting() {
        try (FakeGraph graph = FakeGraph.start()) {
            TestHub hub = TestHub.in(folder).withTeams(graph).with("hub.teams.call-session", "Busy/Busy");
            assertThatThrownBy(hub::start).rootCause().isInstanceOf(io.presencehub.camel.HubStartException.class)
                    .hasMessageStartingWith("hub.teams.call-session: Busy/Busy is not a pair Graph accepts");
            hub.close();
        }
    }

    @Test
    void aMissingClientIdStopsTheStartNamingTheSetting() {
        try (FakeGraph graph = FakeGraph.start()) {
            TestHub hub = TestHub.in(folder).withTeams(graph).with("hub.teams.client-id", "");
            assertThatThrownBy(hub::start).rootCause().hasMessageContaining("Teams client id is required");
            hub.close();
        }
    }
}
