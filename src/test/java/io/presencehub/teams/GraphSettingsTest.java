package io.presencehub.teams;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphSettingsTest {

    @Test
    void defaultsPointAtMicrosoftAndFollowTheSeed() {
        GraphSettings settings = GraphSettings.of("tenant", "client", "secret");

        assertEquals("https://graph.microsoft.com/v1.0", settings.graphUrl());
        assertEquals("https://login.microsoftonline.com", settings.loginUrl());
        assertEquals(Duration.ofSeconds(10), settings.pollInterval());
        assertEquals(Duration.ofHours(4), settings.sessionExpiration());
        assertTrue(settings.syncNote());
        assertEquals("https://login.microsoftonline.com/tenant/oauth2/v2.0/token", settings.tokenUrl());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        GraphSettings settings = GraphSettings.of("tenant", "client", "Very~Secret.123");

        assertFalse(settings.toString().contains("Very~Secret.123"), settings.toString());
        assertTrue(settings.toString().contains("clientSecret=****"));
    }

    @Test
    void trailingSlashesAreDropped() {
        GraphSettings settings = GraphSettings.of("t", "c", "s").withUrls("http://127.0.0.1:1/v1.0/", "http://x/login/");

        assertEquals("http://127.0.0.1:1/v1.0", settings.graphUrl());
        assertEquals("http://x/login/t/oauth2/v2.0/token", settings.tokenUrl());
    }

    @Test
    void missingCredentialsAndImpossibleTimingsAreRejectedAtStart() {
        assertEquals("Teams client secret is required",
                assertThrows(IllegalArgumentException.class, () -> GraphSettings.of("t", "c", " ")).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new GraphSettings("t", "c", "s", null, null, null, Duration.ofMinutes(4), true));
        assertThrows(IllegalArgumentException.class,
                () -> new GraphSettings("t", "c", "s", null, null, null, Duration.ofHours(5), true));
        assertThrows(IllegalArgumentException.class,
                () -> new GraphSettings("t", "c", "s", null, null, Duration.ZERO, null, true));
    }
}
