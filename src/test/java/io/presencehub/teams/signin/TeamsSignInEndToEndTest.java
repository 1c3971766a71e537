package io.presencehub.teams.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.camel.HubStartException;
import io.presencehub.store.StateStore;
import io.presencehub.teams.BaseTeamsHubTest;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.GraphAuthException;
import io.presencehub.testing.FreePort;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.TestHub;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The read-access sign-in through the hub's real web server and the fake Azure AD, followed hop by hop as a browser
 * does (hub /teams/signin → authorize → hub /teams/callback): the page names the user, the refresh token is in the
 * store and a restarted hub uses it; reused states, viewers, consent errors and revoked refresh tokens are handled.
 */
class TeamsSignInEndToEndTest extends BaseTeamsHubTest {

    private static final String ADMIN = basic("admin", "admin-pw");
    private static final String VIEWER = basic("viewer", "viewer-pw");

    private final Browser browser = new Browser();
    private final int port = FreePort.find();
    private final String base = "http://127.0.0.1:" + port;
    TeamsSignInEndToEndTest() {
        graph.addUser("u1", "ada@example.com", "ada.lovelace@example.com").signInAs("u1");
    }

    @Test
    void theAdminSignsInThroughTheRedirectsAndARestartedHubNeedsNoNewSignIn() {
        List<String> secrets = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            hub = startHub();
            assertThat(tokens().problem()).isEqualTo("not signed in: sign in at " + base + "/teams/signin");

            String callback = throughAzureAd();
            HttpResponse<String> page = browser.get(callback);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(page.body()).contains("Signed in as <strong>User u1</strong> (ada.lovelace@example.com)")
                    .contains("Push starts now");
            assertThat(tokens().signedIn()).isTrue();
            String refreshToken = graph.currentRefreshToken().orElseThrow();
            assertThat(hub.bean(StateStore.class).loadObservations(DelegatedTokenProvider.KIND)
                    .get(DelegatedTokenProvider.KEY).value()).contains(refreshToken);
            assertThat(pushOnTheAdminPage()).startsWith("signed in as User u1 (ada.lovelace@example.com) since ");
            secrets.addAll(List.of(Browser.parameter(callback, "code").orElseThrow(), refreshToken,
                    tokens().accessToken()));

            hub.stop();
            hub = startHub();

            assertThat(tokens().signedIn()).isTrue();
            String restartedToken = tokens().accessToken();
            assertThat(graph.refreshGrants()).isEqualTo(1);
            assertThat(browser.get(graph.graphUrl() + "/users/u1/presence", Optional.of("Bearer " + restartedToken))
                    .statusCode()).isEqualTo(200);
            secrets.addAll(List.of(restartedToken, graph.currentRefreshToken().orElseThrow(),
                    FakeGraph.READ_CLIENT_SECRET));
            String health = hub.healthInFull();
            for (String secret : secrets) {
                assertThat(logs.all()).noneMatch(line -> line.message().contains(secret));
                assertThat(pushOnTheAdminPage()).doesNotContain(secret);
                assertThat(page.body()).doesNotContain(secret);
                assertThat(health).doesNotContain(secret);
            }
        }
    }

    @Test
    void aCallbackWithAUsedStateIsRefused() {
        hub = startHub();
        String callback = throughAzureAd();
        assertThat(browser.get(callback).statusCode()).isEqualTo(200);
        int redeemed = graph.delegatedTokensIssued();

        HttpResponse<String> again = browser.get(callback);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("sign-in link expired or already used: start again at <a href=\"" + base
                + "/teams/signin\">");
        assertThat(browser.get(base + "/teams/callback?code=x&state=made-up").statusCode()).isEqualTo(400);
        assertThat(graph.delegatedTokensIssued()).as("no code redeemed for a refused state").isEqualTo(redeemed);
    }

    @Test
    void aViewerMayNotStartTheSignInAndNobodyWithoutLogin() {
        hub = startHub();

        assertThat(browser.get(base + "/teams/signin", Optional.of(VIEWER)).statusCode()).isEqualTo(403);
        assertThat(browser.get(base + "/teams/signin/", Optional.of(VIEWER)).statusCode()).as("another spelling")
                .isEqualTo(403);
        HttpResponse<String> anonymous = browser.get(base + "/teams/signin");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/login");
        assertThat(browser.get(base + "/teams/signin", Optional.of(ADMIN)).statusCode()).isEqualTo(302);
    }

    @Test
    void graphsCallsWithoutCredentialsReachTheNotificationRoutes() {
        hub = startHub();

        for (String path : new String[] {"/teams/notifications", "/teams/lifecycle"}) {
            int status = browser.post(base + path, "{\"value\":[]}").statusCode();
            assertThat(status).as(path + ": passes the access filter, answered by the push endpoint").isEqualTo(202);
        }
        assertThat(browser.post(base + "/api/users", "{}").statusCode()).as("the rest stays closed").isEqualTo(401);
    }

    @Test
    void missingConsentIsShownInWords() {
        hub = startHub();
        graph.failAuthorizeWith("consent_required", 65001, "The user or administrator has not consented to use the"
                + " application with ID '" + FakeGraph.READ_CLIENT_ID + "'.");

        HttpResponse<String> page = browser.get(throughAzureAd());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Sign-in failed: AADSTS65001: consent missing: an admin must grant"
                + " application " + FakeGraph.READ_CLIENT_ID + " the delegated permission Presence.Read.All")
                .contains("Start again at <a href=\"" + base + "/teams/signin\">");
        assertThat(tokens().signedIn()).isFalse();
    }

    @Test
    void aRevokedRefreshTokenSignsOutAndTheProblemNamesTheSignInLink() {
        hub = startHub();
        browser.get(throughAzureAd());
        DelegatedTokens tokens = tokens();
        graph.revokeRefreshTokens();

        tokens.invalidate(tokens.accessToken()); // as after a 401: the next call needs the refresh token
        String problem = "Teams read access refused (AADSTS700082: refresh token expired): sign in again at " + base
                + "/teams/signin";

        assertThatThrownBy(tokens::accessToken).isInstanceOf(GraphAuthException.class).hasMessage(problem);
        assertThat(tokens.signedIn()).isFalse();
        assertThat(tokens.problem()).isEqualTo(problem);
        assertThat(pushOnTheAdminPage()).isEqualTo(problem);

        assertThat(browser.get(throughAzureAd()).statusCode()).as("signing in again helps").isEqualTo(200);
        assertThat(tokens.signedIn()).isTrue();
    }

    @Test
    void plainHttpBeyondLoopbackStopsTheStartWithOneLine() {
        TestHub refused = TestHub.in(folder).withTeams(graph)
                .with("hub.teams.public-url", "http://hub.example.com");

        assertThatThrownBy(refused::start).hasRootCauseInstanceOf(HubStartException.class).rootCause()
                .hasMessageStartingWith("Teams push: hub.teams.public-url http://hub.example.com is plain http");
    }

    @Test
    void withoutAPublicUrlThereIsNoSignInAndPushIsNotConfigured() {
        hub = TestHub.in(folder).withTeams(graph).with("hub.web.port", Integer.toString(port)).start();

        assertThat(hub.context().getRegistry().lookupByName("delegatedTokens")).isNull();
        assertThat(hub.context().getRoutes()).noneMatch(r -> r.getRouteId().startsWith("teams-push-"));
        assertThat(browser.get(base + "/teams/signin").statusCode()).isEqualTo(404);
        assertThat(pushOnTheAdminPage()).isEqualTo("not configured");
    }

    /** A hub on {@link #port} with that as its public URL, passwords set, the read app of its own. */
    private TestHub startHub() {
        return TestHub.in(folder).withTeams(graph)
                .with("hub.web.port", Integer.toString(port))
                .with("hub.teams.public-url", base + "/")
                .with("hub.web.admin-password", "admin-pw")
                .with("hub.web.viewer-password", "viewer-pw")
                .with("hub.teams.read.client-id", FakeGraph.READ_CLIENT_ID)
                .with("hub.teams.read.client-secret", FakeGraph.READ_CLIENT_SECRET)
                .start();
    }

    /** The admin's browser from the hub's sign-in to Azure AD and back: the callback URL it is sent to. */
    private String throughAzureAd() {
        String toAzure = Browser.location(browser.get(base + "/teams/signin", Optional.of(ADMIN)));
        assertThat(toAzure).startsWith(graph.loginUrl() + "/" + FakeGraph.TENANT_ID + "/oauth2/v2.0/authorize?");
        assertThat(Browser.parameter(toAzure, "client_id")).contains(FakeGraph.READ_CLIENT_ID);
        String back = Browser.location(browser.get(toAzure));
        assertThat(back).startsWith(base + "/teams/callback?");
        return back;
    }

    private DelegatedTokens tokens() {
        return hub.bean(DelegatedTokens.class);
    }

    /** What the admin page shows about push (GET /api/admin/connectors, as the viewer). */
    private String pushOnTheAdminPage() {
        HttpResponse<String> answer = browser.get(base + "/api/admin/connectors", Optional.of(VIEWER));
        assertThat(answer.statusCode()).isEqualTo(200);
        try {
            JsonNode connectors = new ObjectMapper().readTree(answer.body());
            return connectors.at("/teams/push").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(answer.body(), e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
