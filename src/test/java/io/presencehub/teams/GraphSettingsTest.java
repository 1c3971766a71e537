package io.presencehub.teams;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connector's settings as read from {@code hub.teams.*}: the packaged defaults, validation, no secret shown. */
class GraphSettingsTest {

    @Test
    void packagedDefaultsPointAtMicrosoftAndFollowTheSeed() {
        TeamsSettings settings = PackagedTeamsSettings.of("tenant", "client", "secret");

        assertEquals("https://graph.microsoft.com/v1.0", settings.graph().graphUrl());
        assertEquals("https://login.microsoftonline.com", settings.graph().loginUrl());
        assertEquals(Duration.ofSeconds(10), settings.pollInterval());
        assertEquals(Duration.ofHours(4), settings.sessionExpiration());
        assertTrue(settings.syncNote());
        assertEquals(1500, settings.requestBudget());
        assertEquals(Duration.ofSeconds(30), settings.requestWindow());
        assertEquals(200, settings.writerBatch());
        assertEquals(8, settings.writerThreads());
        assertEquals(Duration.ofHours(1), settings.usersRefresh());
        assertEquals("https://login.microsoftonline.com/tenant/oauth2/v2.0/token", settings.graph().tokenUrl());
    }

    @Test
    void durationsAcceptEveryFormOfTheHub() {
        TeamsSettings settings = TeamsSettings.from(PackagedTeamsSettings.hubSettings(Map.of(
                "hub.teams.tenant-id", "t", "hub.teams.client-id", "c", "hub.teams.client-secret", "s",
                "hub.teams.poll-interval", "2500", "hub.teams.session-expiration", "30m",
                "hub.teams.request-window", "PT1M", "hub.teams.users-refresh", "1m30s")));

        assertEquals(Duration.ofMillis(2500), settings.pollInterval());
        assertEquals(Duration.ofMinutes(30), settings.sessionExpiration());
        assertEquals(Duration.ofMinutes(1), settings.requestWindow());
        assertEquals(Duration.ofSeconds(90), settings.usersRefresh());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        TeamsSettings settings = PackagedTeamsSettings.of("tenant", "client", "Very~Secret.123");

        assertFalse(settings.toString().contains("Very~Secret.123"), settings.toString());
        assertTrue(settings.toString().contains("clientSecret=****"));
    }

    @Test
    void trailingSlashesAreDropped() {
        GraphSettings settings = new GraphSettings("t", "c", "s", "http://127.0.0.1:1/v1.0/", "http://x/login/");

        assertEquals("http://127.0.0.1:1/v1.0", settings.graphUrl());
        assertEquals("http://x/login/t/oauth2/v2.0/token", settings.tokenUrl());
    }

    @Test
    void missingCredentialsAndImpossibleTimingsAreRejectedAtStart() {
        assertEquals("Teams client secret is required", assertThrows(IllegalArgumentException.class,
                () -> PackagedTeamsSettings.of("t", "c", " ")).getMessage());
        assertEquals("Teams tenant id is required", assertThrows(IllegalArgumentException.class,
                () -> TeamsSettings.from(PackagedTeamsSettings.hubSettings(Map.of()))).getMessage());
        for (Map.Entry<String, String> impossible : List.of(Map.entry("hub.teams.session-expiration", "PT4M"),
                Map.entry("hub.teams.session-expiration", "PT5H"), Map.entry("hub.teams.poll-interval", "0"))) {
            assertThrows(IllegalArgumentException.class, () -> TeamsSettings.from(PackagedTeamsSettings.hubSettings(
                    Map.of("hub.teams.tenant-id", "t", "hub.teams.client-id", "c", "hub.teams.client-secret", "s",
                            impossible.getKey(), impossible.getValue()))), impossible.toString());
        }
    }
}
