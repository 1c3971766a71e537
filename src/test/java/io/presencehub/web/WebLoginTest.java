package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.presencehub.testing.TestDirectories;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Login and roles on a real hub with both passwords: the form and its session cookie, CSRF on changes made with
 * the cookie, HTTP Basic, a viewer that cannot change anything, 401/403/303, and the security headers everywhere.
 */
class WebLoginTest {

    static final String ADMIN = "admin-pw-Ä1";
    static final String VIEWER = "viewer-pw-2";
    static final String STATUS = "/api/users/HQ/Sales/1001/status";

    @RegisterExtension
    static final WebHub running = new WebHub(h -> h.with("hub.web.admin-password", ADMIN).with("hub.web.viewer-password", VIEWER));
    @Test
    void theLoginFormIsAPlainFormWithoutScript() {
        HttpResponse<String> form = running.web().get("/login");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(form.body()).contains("<form method=\"post\" action=\"/login\"", "name=\"password\"")
                .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onclick");
        assertSecurityHeaders(form);
    }

    @Test
    void formLoginGivesAStrictHttpOnlySessionCookieAndChangesNeedItsCsrfToken() throws Exception {
        HttpResponse<String> login = login("admin", ADMIN);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("hub_session=[0-9a-f]{64}; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict");
        WebClient browser = running.web().with("Cookie", cookie.substring(0, cookie.indexOf(';')));

        JsonNode session = json(browser.get("/api/session"));
        assertThat(session.get("role").asText()).isEqualTo("admin");
        String token = session.get("csrfToken").asText();
        assertThat(token).hasSize(64);

        HttpResponse<String> withoutToken = browser.put(STATUS, "{\"status\":\"Lunch\"}");
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(json(withoutToken).get("error").asText()).contains("X-CSRF-Token");
        assertThat(browser.with(WebAccess.CSRF_HEADER, "0".repeat(64)).put(STATUS, "{\"status\":\"Lunch\"}").statusCode())
                .isEqualTo(403);
        assertThat(running.hub().state(TestDirectories.ALICE).statusId()).isNotEqualTo("lunch");

        HttpResponse<String> withToken = browser.with(WebAccess.CSRF_HEADER, token).put(STATUS, "{\"status\":\"Lunch\"}");
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(json(withToken).at("/status/name").asText()).isEqualTo("Lunch");
        assertThat(json(withToken).get("origin").asText()).isEqualTo("web");

        HttpResponse<String> logout = browser.post("/logout", "text/plain", "");
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        HttpResponse<String> after = browser.get("/api/users");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).as("no Basic dialog in a browser").isEmpty();
    }

    @Test
    void aWrongPasswordOnTheFormIs401WithoutCookie() {
        for (List<String> wrong : List.of(List.of("admin", VIEWER), List.of("viewer", ADMIN), List.of("admin", "x"))) {
            HttpResponse<String> login = login(wrong.get(0), wrong.get(1));
            assertThat(login.statusCode()).isEqualTo(401);
            assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(login.body()).contains("Wrong user or password");
        }
    }

    @Test
    void aViewerLooksButCannotChangeAnythingWithBasicOrWithItsSession() throws Exception {
        WebClient viewer = running.web().basic("viewer", VIEWER);
        assertThat(viewer.get("/api/users").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = viewer.put(STATUS, "{\"status\":\"Away\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("error").asText()).contains("viewer");

        String cookie = login("viewer", VIEWER).headers().firstValue("Set-Cookie").orElseThrow();
        WebClient browser = running.web().with("Cookie", cookie.substring(0, cookie.indexOf(';')));
        JsonNode session = json(browser.get("/api/session"));
        assertThat(session.get("role").asText()).isEqualTo("viewer");
        assertThat(browser.with(WebAccess.CSRF_HEADER, session.get("csrfToken").asText())
                .put(STATUS, "{\"status\":\"Away\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void theAdminWithBasicChangesWithoutCsrfToken() throws Exception {
        HttpResponse<String> changed = running.web().basic("admin", ADMIN).put(STATUS, "{\"status\":\"Do Not Disturb\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).at("/status/type").asText()).isEqualTo("dnd");
        assertThat(changed.headers().map()).as("credentials are not echoed").doesNotContainKeys("authorization", "cookie");
    }

    @Test
    void missingOrWrongCredentialsAre401WithABasicChallengeForTheApi() {
        for (WebClient caller : List.of(running.web(), running.web().basic("admin", "wrong"),
                running.web().basic("viewer", ADMIN))) {
            HttpResponse<String> refused = caller.get("/api/users");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic realm="));
            assertThat(refused.body()).startsWith("{\"error\":");
            assertSecurityHeaders(refused);
        }
    }

    @Test
    void theEventStreamNeedsCredentialsAndAViewerMayFollowIt() {
        assertThat(running.web().get("/api/events").statusCode()).isEqualTo(401);
        try (SseClient events = new SseClient(running.web().basic("viewer", VIEWER))) {
            assertThat(events.response().statusCode()).isEqualTo(200);
            assertThat(events.next().comments()).containsExactly("presence hub events");
        }
    }

    @Test
    void aPageWithoutSessionRedirectsToTheLoginForm() {
        HttpResponse<String> page = running.web().get("/");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login");
        assertSecurityHeaders(page);
    }

    @Test
    void aCallerCannotClaimARoleByHeader() {
        assertThat(running.web().with(WebAccessFilter.ROLE_HEADER, "admin").put(STATUS, "{\"status\":\"Away\"}").statusCode())
                .isEqualTo(401);
        assertThat(running.web().basic("viewer", VIEWER).with(WebAccessFilter.ROLE_HEADER, "admin").get("/api/session").body())
                .contains("\"role\":\"viewer\"");
    }

    static void assertSecurityHeaders(HttpResponse<?> response) {
        Map<String, List<String>> headers = response.headers().map();
        WebAccessFilter.SECURITY_HEADERS.forEach((name, value) ->
                assertThat(headers.get(name.toLowerCase(java.util.Locale.ROOT))).as(name).containsExactly(value));
    }

    private static HttpResponse<String> login(String user, String password) {
        return running.web().post("/login", "application/x-www-form-urlencoded", "user=" + user + "&password="
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return WebJson.mapper().readTree(response.body());
    }
}
