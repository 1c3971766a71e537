package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.camel.HubSettings;
import io.presencehub.camel.HubStartException;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web server never opens beyond loopback without a password, and says so in one line. */
class WebSettingsTest {

    @TempDir
    Path folder;

    private final Map<String, String> values = new HashMap<>(Map.of("hub.web.host", "127.0.0.1",
            "hub.web.port", "8080", "hub.web.tls.enabled", "false", "hub.web.session-timeout", "8h",
            "hub.web.max-sessions", "10"));

    private WebSettings settings() {
        return WebSettings.from(new HubSettings(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void loopbackWithoutPasswordsIsOpenToEveryCallerThere() {
        assertThat(settings().open()).isTrue();
        values.put("hub.web.host", "localhost");
        assertThat(settings().open()).isTrue();
        values.put("hub.web.host", "::1");
        assertThat(settings().open()).isTrue();
    }

    @Test
    void beyondLoopbackWithoutAnAdminPasswordTheHubRefusesToStart() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            values.put("hub.web.host", host);
            assertThatThrownBy(this::settings).isInstanceOf(HubStartException.class)
                    .hasMessage("web console: hub.web.host " + host + " is reachable beyond this machine but no admin"
                            + " password is set; set HUB_WEB_ADMIN_PASSWORD (and HUB_WEB_VIEWER_PASSWORD) or use"
                            + " hub.web.host=127.0.0.1");
        }
        values.put("hub.web.admin-password", "secret");
        assertThat(settings().open()).isFalse();
    }

    @Test
    void aViewerPasswordWithoutAnAdminPasswordIsRefused() {
        values.put("hub.web.viewer-password", "look");
        assertThatThrownBy(this::settings).isInstanceOf(HubStartException.class)
                .hasMessageContaining("HUB_WEB_VIEWER_PASSWORD) is set but");
    }

    @Test
    void theSettingsNeverShowThePasswords() {
        values.put("hub.web.admin-password", "very-secret");
        assertThat(settings().toString()).doesNotContain("very-secret");
    }

    @Test
    void switchedOffThereIsNoWebRouteAndNothingListensOnTheWebPort() {
        try (TestHub hub = TestHub.in(folder).with("hub.web.enabled", "false").start()) {
            assertThat(hub.context().getRoutes()).extracting(org.apache.camel.Route::getRouteId)
                    .isNotEmpty().noneMatch(id -> id.startsWith("web-"));
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", hub.webPort()).close())
                    .isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void aRealHubOnAllInterfacesWithoutPasswordDoesNotStartAndSaysWhy() {
        try (TestHub hub = TestHub.in(folder).with("hub.web.host", "0.0.0.0")) {
            assertThatThrownBy(hub::start).hasRootCauseInstanceOf(HubStartException.class)
                    .rootCause().hasMessageContaining("hub.web.host 0.0.0.0 is reachable beyond this machine");
        }
    }
}
