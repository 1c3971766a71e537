package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.web.WebAccess.Allow;
import io.presencehub.web.WebAccess.Decision;
import io.presencehub.web.WebAccess.Deny;
import io.presencehub.web.WebSessions.Session;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The access rules: who may look, who may change, when a CSRF token is needed, what a refusal looks like. */
class WebAccessTest {

    private final WebSessions sessions = new WebSessions(Duration.ofHours(1), 10, Clock.systemUTC());
    private final WebAccess access = new WebAccess(new WebSettings("127.0.0.1", 8080, Optional.of("admin-secret"),
            Optional.of("viewer-secret"), false, Duration.ofHours(1), 10), sessions);

    @Test
    void withoutPasswordsEveryCallerIsAdmin() {
        WebAccess open = new WebAccess(new WebSettings("127.0.0.1", 8080, Optional.empty(), Optional.empty(), false,
                Duration.ofHours(1), 10), sessions);
        assertThat(open.decide(request("PUT", "/api/users/HQ/Sales/1001/status", null, null, null)))
                .isEqualTo(new Allow(WebRole.ADMIN, Optional.empty()));
        // the Teams sign-in too: on loopback without passwords the caller is the admin
        assertThat(open.decide(request("GET", "/teams/signin", null, null, null)))
                .isEqualTo(new Allow(WebRole.ADMIN, Optional.empty()));
    }

    @Test
    void basicAuthenticatesEitherRoleAndOnlyTheAdminWrites() {
        assertThat(access.decide(request("GET", "/api/users", null, basic("viewer", "viewer-secret"), null)))
                .isEqualTo(new Allow(WebRole.VIEWER, Optional.empty()));
        assertThat(access.decide(request("PUT", "/api/x", null, basic("viewer", "viewer-secret"), null)))
                .isInstanceOfSatisfying(Deny.class, d -> assertThat(d.status()).isEqualTo(403));
        assertThat(access.decide(request("PUT", "/api/x", null, basic("admin", "admin-secret"), null)))
                .isEqualTo(new Allow(WebRole.ADMIN, Optional.empty()));
    }

    @Test
    void aWrongPasswordOrAPasswordOfTheOtherRoleIs401WithAChallenge() {
        for (String header : new String[] {basic("admin", "viewer-secret"), basic("viewer", "admin-secret"),
                basic("admin", "wrong"), basic("root", "admin-secret"), "Basic !!!", "Bearer x"}) {
            assertThat(access.decide(request("GET", "/api/users", null, header, null)))
                    .isEqualTo(new Deny(401, true, "Wrong user or password"));
        }
    }

    @Test
    void noCredentialsIs401WithAChallengeForTheApiAndARedirectForPages() {
        assertThat(access.decide(request("GET", "/api/users", null, null, null)))
                .isInstanceOfSatisfying(Deny.class, d -> assertThat(d.status()).isEqualTo(401))
                .isInstanceOfSatisfying(Deny.class, d -> assertThat(d.challenge()).isTrue());
        assertThat(access.decide(request("GET", "/", null, null, null)))
                .isInstanceOfSatisfying(Deny.class, d -> assertThat(d.status()).isEqualTo(303));
        // a browser whose session ended: no challenge, or the browser would show its own password dialog
        assertThat(access.decide(request("GET", "/api/users", "ended", null, null)))
                .isInstanceOfSatisfying(Deny.class, d -> assertThat(d.challenge()).isFalse());
    }

    @Test
    void theLoginFormAndLogoutAreOpen() {
        assertThat(access.decide(request("GET", "/login", null, null, null))).isInstanceOf(Allow.class);
        assertThat(access.decide(request("POST", "/login", null, null, null))).isInstanceOf(Allow.class);
        assertThat(access.decide(request("POST", "/logout", null, null, null))).isInstanceOf(Allow.class);
    }

    @Test
    void aSessionReadsFreelyButWritesOnlyWithItsOwnCsrfToken() {
        Session admin = sessions.open(WebRole.ADMIN);
        Session other = sessions.open(WebRole.ADMIN);
        assertThat(access.decide(request("GET", "/api/users", admin.id(), null, null)))
                .isEqualTo(new Allow(WebRole.ADMIN, Optional.of(admin)));
        assertThat(status(access.decide(request("PUT", "/api/x", admin.id(), null, null)))).isEqualTo(403);
        assertThat(status(access.decide(request("PUT", "/api/x", admin.id(), null, other.csrfToken())))).isEqualTo(403);
        assertThat(access.decide(request("PUT", "/api/x", admin.id(), null, admin.csrfToken())))
                .isEqualTo(new Allow(WebRole.ADMIN, Optional.of(admin)));
    }

    @Test
    void aViewerSessionCannotWriteEvenWithItsToken() {
        Session viewer = sessions.open(WebRole.VIEWER);
        assertThat(status(access.decide(request("PUT", "/api/x", viewer.id(), null, viewer.csrfToken())))).isEqualTo(403);
    }

    @Test
    void loginNeedsTheRolesOwnPassword() {
        assertThat(access.login("admin", "admin-secret")).contains(WebRole.ADMIN);
        assertThat(access.login("viewer", "viewer-secret")).contains(WebRole.VIEWER);
        assertThat(access.login("viewer", "admin-secret")).isEmpty();
        assertThat(access.login("admin", "")).isEmpty();
        assertThat(access.login(null, null)).isEmpty();
    }

    @Test
    void theTeamsSignInIsForTheAdminOnly() {
        Session viewer = sessions.open(WebRole.VIEWER);
        Session admin = sessions.open(WebRole.ADMIN);

        assertThat(status(access.decide(request("GET", "/teams/signin", null, basic("viewer", "viewer-secret"), null))))
                .isEqualTo(403);
        assertThat(status(access.decide(request("GET", "/teams/signin", viewer.id(), null, null)))).isEqualTo(403);
        // the router also serves /teams/signin/ as the sign-in: every spelling is admin only
        assertThat(status(access.decide(request("GET", "/teams/signin/", viewer.id(), null, null)))).isEqualTo(403);
        assertThat(status(access.decide(request("GET", "/teams/signin//", null, basic("viewer", "viewer-secret"),
                null)))).isEqualTo(403);
        assertThat(status(access.decide(request("GET", "/teams/signin", null, null, null)))).isEqualTo(303);
        assertThat(access.decide(request("GET", "/teams/signin", null, basic("admin", "admin-secret"), null)))
                .isEqualTo(new Allow(WebRole.ADMIN, Optional.empty()));
        assertThat(access.decide(request("GET", "/teams/signin", admin.id(), null, null)))
                .isEqualTo(new Allow(WebRole.ADMIN, Optional.of(admin)));
        // other pages stay open to the viewer
        assertThat(access.decide(request("GET", "/admin", viewer.id(), null, null))).isInstanceOf(Allow.class);
    }

    @Test
    void azureAdsRedirectAndGraphsNotificationsNeedNoCredentialsAndNoCsrfToken() {
        Session viewer = sessions.open(WebRole.VIEWER);
        for (String path : new String[] {"/teams/callback", "/teams/notifications", "/teams/lifecycle"}) {
            assertThat(access.decide(request("GET", path, null, null, null))).as(path).isInstanceOf(Allow.class);
            assertThat(access.decide(request("POST", path, null, null, null))).as(path).isInstanceOf(Allow.class);
            // a browser session without its CSRF token, or a wrong password, does not turn it into a refusal
            assertThat(access.decide(request("POST", path, viewer.id(), null, null))).as(path).isInstanceOf(Allow.class);
            assertThat(access.decide(request("POST", path, null, basic("admin", "wrong"), null))).as(path)
                    .isInstanceOf(Allow.class);
        }
        // only these paths: whatever lies beside them stays closed
        assertThat(status(access.decide(request("POST", "/teams/notifications/x", null, null, null)))).isEqualTo(303);
        assertThat(status(access.decide(request("POST", "/teams/other", null, null, null)))).isEqualTo(303);
    }

    private static int status(Decision decision) {
        return ((Deny) decision).status();
    }

    private static WebAccess.Request request(String method, String path, String session, String authorization,
                                             String csrf) {
        return new WebAccess.Request(method, path, Optional.ofNullable(session), Optional.ofNullable(authorization),
                Optional.ofNullable(csrf));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
