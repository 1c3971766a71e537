package io.presencehub.teams.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.camel.HubSettings;
import io.presencehub.camel.HubStartException;
import io.presencehub.teams.GraphSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read app defaults to the write app; the redirect URI follows the public URL; an unusable public URL, plain http
 * beyond loopback, a public URL beyond loopback without the admin password, or the web server switched off stop the
 * start with one line; the secret is never shown.
 */
class ReadAccessSettingsTest {

    private static final GraphSettings WRITE_APP = new GraphSettings("tenant-1", "write-app", "write~Secret",
            "https://graph.example", "https://login.example/");

    private final Map<String, String> values = new HashMap<>(Map.of("hub.teams.public-url", "https://hub.example.com",
            "hub.web.enabled", "true", "hub.teams.read.client-id", "", "hub.web.admin-password", "admin-pw"));

    private ReadAccessSettings settings() {
        return ReadAccessSettings.from(new HubSettings(key -> Optional.ofNullable(values.get(key))), WRITE_APP);
    }

    @Test
    void withoutReadAppSettingsTheWriteAppSignsIn() {
        ReadAccessSettings settings = settings();

        assertThat(settings.app().clientId()).isEqualTo("write-app");
        assertThat(settings.app().clientSecret()).isEqualTo("write~Secret");
        assertThat(settings.app().tenantId()).isEqualTo("tenant-1");
        assertThat(settings.app().loginUrl()).isEqualTo("https://login.example");
    }

    @Test
    void aReadAppOfItsOwnSignsInWithItsOwnSecret() {
        values.put("hub.teams.read.client-id", "read-app");
        values.put("hub.teams.read.client-secret", "read~Secret");

        assertThat(settings().app().clientId()).isEqualTo("read-app");
        assertThat(settings().app().clientSecret()).isEqualTo("read~Secret");
    }

    @Test
    void theRedirectUriIsTheCallbackUnderThePublicUrlWithoutItsTrailingSlash() {
        values.put("hub.teams.public-url", "https://hub.example.com/presence/");

        assertThat(settings().publicUrl()).isEqualTo("https://hub.example.com/presence");
        assertThat(settings().redirectUri()).isEqualTo("https://hub.example.com/presence/teams/callback");
        assertThat(settings().signInUrl()).isEqualTo("https://hub.example.com/presence/teams/signin");
    }

    @Test
    void theAuthorizeUrlCarriesEveryParameterUrlEncoded() {
        Pkce pkce = Pkce.forVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        URI uri = URI.create(settings().authorizeUrl("st/ate+1", pkce));

        assertThat(uri.getScheme() + "://" + uri.getHost() + uri.getPath())
                .isEqualTo("https://login.example/tenant-1/oauth2/v2.0/authorize");
        assertThat(uri.getRawQuery()).isEqualTo("client_id=write-app&response_type=code"
                + "&redirect_uri=https%3A%2F%2Fhub.example.com%2Fteams%2Fcallback&response_mode=query"
                + "&scope=offline_access+openid+https%3A%2F%2Fgraph.microsoft.com%2FPresence.Read.All"
                + "&state=st%2Fate%2B1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:8080", "http://127.0.0.2"})
    void plainHttpIsAcceptedOnLoopback(String url) {
        values.put("hub.teams.public-url", url);

        assertThat(settings().redirectUri()).startsWith(url.replaceAll("/$", "")).endsWith("/teams/callback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hub.example.com", "http://192.0.2.10:8080", "http://localhost.example.com",
            "http://0.0.0.0:8080"})
    void plainHttpBeyondLoopbackIsRefused(String url) {
        values.put("hub.teams.public-url", url);

        assertThatThrownBy(this::settings).isInstanceOf(HubStartException.class)
                .hasMessage("Teams push: hub.teams.public-url " + url + " is plain http on a host that is not"
                        + " loopback; Graph and the sign-in need https there (http only for 127.0.0.1, localhost, ::1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub.example.com", "/teams", "ftp://hub.example.com", "https://", "https://hub/?a=b",
            "https://hub/#x", "https://user:pw@hub.example.com", "https://hub example"})
    void aPublicUrlThatIsNotAnAbsoluteHttpBaseUrlIsRefused(String url) {
        values.put("hub.teams.public-url", url);

        assertThatThrownBy(this::settings).isInstanceOf(HubStartException.class)
                .hasMessageStartingWith("Teams push: hub.teams.public-url '")
                .hasMessageEndingWith("' is not an absolute http(s) base URL (e.g. https://hub.example.com, no query)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aPublicUrlWithoutTheWebServerIsRefused() {
        values.put("hub.web.enabled", "false");

        assertThatThrownBy(this::settings).isInstanceOf(HubStartException.class)
                .hasMessage("Teams push: hub.teams.public-url is set but the web server is off (hub.web.enabled=false);"
                        + " the sign-in and Graph's notifications are served by it");
    }

    @Test
    void aPublicUrlBeyondLoopbackNeedsTheAdminPassword() {
        values.remove("hub.web.admin-password");

        assertThatThrownBy(this::settings).isInstanceOf(HubStartException.class)
                .hasMessage("Teams push: hub.teams.public-url https://hub.example.com lets callers beyond this machine"
                        + " reach the hub (through a proxy) but no admin password is set, so anybody could start the"
                        + " sign-in; set HUB_WEB_ADMIN_PASSWORD");
        values.put("hub.teams.public-url", "http://127.0.0.1:8080");
        assertThat(settings().publicUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void theSecretIsNeverShown() {
        values.put("hub.teams.read.client-secret", "read~Secret");

        assertThat(settings().toString()).doesNotContain("read~Secret").doesNotContain("write~Secret")
                .contains("clientSecret=****");
    }
}
