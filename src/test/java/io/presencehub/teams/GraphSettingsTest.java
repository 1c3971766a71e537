package io.presencehub.teams;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connector's settings as read from {@code hub.teams.*}: the packaged defaults, validation, no secret shown. */
class GraphSettingsTest {

    @Test
    void packagedDefaultsPointAtMicrosoftAndFollowTheSeed() {
        TeamsSettings settings = PackagedTeamsSettings.of("tenant", "client", "secret");

        assertThat(settings.graph().graphUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(settings.graph().loginUrl()).isEqualTo("https://login.microsoftonline.com");
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.sessionExpiration()).isEqualTo(Duration.ofHours(4));
        assertThat(settings.syncNote()).isTrue();
        assertThat(settings.incomingNote()).isTrue();
        assertThat(settings.requestBudget()).isEqualTo(1500);
        assertThat(settings.requestWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.writerBatch()).isEqualTo(200);
        assertThat(settings.writerThreads()).isEqualTo(8);
        assertThat(settings.usersRefresh()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.graph().tokenUrl()).isEqualTo("https://login.microsoftonline.com/tenant/oauth2/v2.0/token");
    }

    @Test
    void durationsAcceptEveryFormOfTheHub() {
        TeamsSettings settings = TeamsSettings.from(PackagedTeamsSettings.hubSettings(Map.of(
                "hub.teams.tenant-id", "t", "hub.teams.client-id", "c", "hub.teams.client-secret", "s",
                "hub.teams.poll-interval", "2500", "hub.teams.session-expiration", "30m",
                "hub.teams.request-window", "PT1M", "hub.teams.users-refresh", "1m30s")));

        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.sessionExpiration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.requestWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.usersRefresh()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        TeamsSettings settings = PackagedTeamsSettings.of("tenant", "client", "Very~Secret.123");

        assertThat(settings.toString()).doesNotContain("Very~Secret.123").contains("clientSecret=****");
    }

    @Test
    void trailingSlashesAreDropped() {
        GraphSettings settings = new GraphSettings("t", "c", "s", "http://127.0.0.1:1/v1.0/", "http://x/login/");

        assertThat(settings.graphUrl()).isEqualTo("http://127.0.0.1:1/v1.0");
        assertThat(settings.tokenUrl()).isEqualTo("http://x/login/t/oauth2/v2.0/token");
    }

    @Test
    void missingCredentialsAndImpossibleTimingsAreRejectedAtStart() {
        assertThatThrownBy(() -> PackagedTeamsSettings.of("t", "c", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Teams client secret is required");
        assertThatThrownBy(() -> TeamsSettings.from(PackagedTeamsSettings.hubSettings(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Teams tenant id is required");
        for (Map.Entry<String, String> impossible : List.of(Map.entry("hub.teams.session-expiration", "PT4M"),
                Map.entry("hub.teams.session-expiration", "PT5H"), Map.entry("hub.teams.poll-interval", "0"))) {
            assertThatThrownBy(() -> TeamsSettings.from(PackagedTeamsSettings.hubSettings(
                    Map.of("hub.teams.tenant-id", "t", "hub.teams.client-id", "c", "hub.teams.client-secret", "s",
                            impossible.getKey(), impossible.getValue()))))
                    .as(impossible.toString()).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
