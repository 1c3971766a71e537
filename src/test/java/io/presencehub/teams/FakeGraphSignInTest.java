package io.presencehub.teams;

import static io.presencehub.teams.FakeGraphClient.assertAadsts;
import static io.presencehub.teams.FakeGraphClient.assertGraphError;
import static io.presencehub.teams.FakeGraphClient.authorizeParams;
import static io.presencehub.teams.FakeGraphClient.json;
import static io.presencehub.teams.FakeGraphClient.redeemForm;
import static io.presencehub.teams.FakeGraphClient.redirectParams;
import static io.presencehub.teams.FakeGraphClient.refreshForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.presencehub.teams.FakeGraphClient.Pkce;
import io.presencehub.teams.FakeGraphClient.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Proves the fake token host's read-access sign-in: authorize with automatic consent or an error redirect, the
 * authorization_code grant with PKCE and its refusals, refresh-token rotation and revocation, and that delegated
 * tokens read presence but never write it.
 */
class FakeGraphSignInTest {

    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-03-02T08:00:00Z"));
    private FakeGraph graph;
    private FakeGraphClient client;

    @BeforeEach
    void startFake() {
        graph = FakeGraph.start(clock);
        graph.addUser("u-alice", "alice@example.com", "alice@corp.example.com").addUser("u-bob", "bob@example.com");
        client = new FakeGraphClient(graph);
    }

    @AfterEach
    void stopFake() {
        graph.close();
    }

    // ------------------------------------------------------------------ authorize

    @Test
    void authorizeConsentsForTheConfiguredUserAndTheCodeRedeemsWithPkce() {
        graph.signInAs("u-alice");
        Pkce pkce = Pkce.random();

        Map<String, String> redirect = redirectParams(client.authorize(FakeGraph.TENANT_ID,
                authorizeParams(pkce, "state with spaces & symbols")));
        assertThat(redirect.get("state")).isEqualTo("state with spaces & symbols");
        HttpResponse<String> answer = client.token(redeemForm(redirect.get("code"), pkce.verifier()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json(answer.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3599);
        assertThat(body.get("scope").asText()).contains("https://graph.microsoft.com/Presence.Read.All");
        assertThat(body.get("refresh_token").asText()).isNotBlank();
        JsonNode idToken = idTokenPayload(body.get("id_token").asText());
        assertThat(idToken.get("oid").asText()).isEqualTo("u-alice");
        assertThat(idToken.get("preferred_username").asText()).isEqualTo("alice@corp.example.com");
        assertThat(idToken.get("name").asText()).isNotBlank();
        assertThat(idToken.get("tid").asText()).isEqualTo(FakeGraph.TENANT_ID);
        assertThat(graph.currentRefreshToken()).contains(body.get("refresh_token").asText());
        assertThat(graph.delegatedTokensIssued()).isEqualTo(1);
        assertThat(graph.requestCount(FakeGraph.Endpoint.AUTHORIZE)).isEqualTo(1);
    }

    @Test
    void theWriteAppMaySignInTooAndPresenceReadWorksWithoutThePrefix() {
        graph.signInAs("u-bob");
        Pkce pkce = Pkce.random();
        Map<String, String> params = authorizeParams(pkce, "s");
        params.put("client_id", FakeGraph.CLIENT_ID);
        params.put("scope", "openid offline_access Presence.Read.All");

        String code = redirectParams(client.authorize(FakeGraph.TENANT_ID, params)).get("code");
        Map<String, String> form = redeemForm(code, pkce.verifier());
        form.put("client_id", FakeGraph.CLIENT_ID);
        form.put("client_secret", FakeGraph.CLIENT_SECRET);

        HttpResponse<String> answer = client.token(form);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(idTokenPayload(json(answer.body()).get("id_token").asText()).get("oid").asText())
                .isEqualTo("u-bob");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unknown tenant,       other-tenant, " + FakeGraph.READ_CLIENT_ID + ", https://hub.example.com/teams/callback, 90002",
            "unknown app,          " + FakeGraph.TENANT_ID + ", 99999999-0000-0000-0000-000000000000, https://hub.example.com/teams/callback, 700016",
            "no redirect_uri,      " + FakeGraph.TENANT_ID + ", " + FakeGraph.READ_CLIENT_ID + ", , 50011",
            "relative redirect_uri," + FakeGraph.TENANT_ID + ", " + FakeGraph.READ_CLIENT_ID + ", /teams/callback, 50011",
    })
    void whatCannotBeRedirectedIsAnErrorPage(String name, String tenant, String clientId, String redirectUri,
                                             int aadsts) {
        graph.signInAs("u-alice");
        Map<String, String> params = authorizeParams(Pkce.random(), "s");
        params.put("client_id", clientId);
        if (redirectUri == null) {
            params.remove("redirect_uri");
        } else {
            params.put("redirect_uri", redirectUri);
        }

        HttpResponse<String> answer = client.authorize(tenant, params);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(answer.body()).contains("AADSTS" + aadsts);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "no user configured,     , , , access_denied, 50126",
            "silent with no user,    , prompt, none, login_required, 50058",
            "implicit flow asked,    u-alice, response_type, token, unsupported_response_type, 700054",
            "no offline_access,      u-alice, scope, openid https://graph.microsoft.com/Presence.Read.All, invalid_scope, 70011",
            "no Presence.Read.All,   u-alice, scope, offline_access openid User.Read, invalid_scope, 70011",
            "no code_challenge,      u-alice, code_challenge, REMOVE, invalid_request, 501491",
            "plain challenge method, u-alice, code_challenge_method, plain, invalid_request, 501491",
            "short challenge,        u-alice, code_challenge, abc, invalid_request, 501491",
    })
    void refusedAuthorizeRequestsRedirectWithTheErrorAndTheState(String name, String user, String key, String value,
                                                                  String error, int aadsts) {
        if (user != null) {
            graph.signInAs(user);
        }
        Map<String, String> params = authorizeParams(Pkce.random(), "st-1");
        if ("REMOVE".equals(value)) {
            params.remove(key);
        } else if (key != null) {
            params.put(key, value);
        }

        assertErrorRedirect(client.authorize(FakeGraph.TENANT_ID, params), error, aadsts);
    }

    @Test
    void aForcedErrorRedirectsEveryAuthorizeUntilCleared() {
        graph.signInAs("u-alice");
        graph.failAuthorizeWith("consent_required", 65001, "The user or administrator has not consented to use"
                + " the application.");

        assertErrorRedirect(client.authorize(FakeGraph.TENANT_ID, authorizeParams(Pkce.random(), "st-1")),
                "consent_required", 65001);
        assertErrorRedirect(client.authorize(FakeGraph.TENANT_ID, authorizeParams(Pkce.random(), "st-1")),
                "consent_required", 65001);

        graph.clearAuthorizeFailure();
        assertThat(redirectParams(client.authorize(FakeGraph.TENANT_ID, authorizeParams(Pkce.random(), "st-1"))))
                .containsKey("code");
    }

    @Test
    void signInAsNeedsAnExistingUser() {
        assertThatThrownBy(() -> graph.signInAs("u-nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ authorization_code grant

    @Test
    void aWrongVerifierIsRefusedAndBurnsTheCode() {
        IssuedCode issued = issueCode();

        assertAadsts(client.token(redeemForm(issued.code(), Pkce.random().verifier())), 400, "invalid_grant",
                501481);
        assertAadsts(client.token(issued.redeem()), 400, "invalid_grant", 70008);
    }

    @Test
    void aCodeWorksOnlyOnce() {
        IssuedCode issued = issueCode();

        assertThat(client.token(issued.redeem()).statusCode()).isEqualTo(200);
        assertAadsts(client.token(issued.redeem()), 400, "invalid_grant", 70008);
    }

    @Test
    void aCodeExpiresAfterTenMinutesOnTheFakeClock() {
        IssuedCode stillValid = issueCode();
        IssuedCode expired = issueCode();

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(client.token(stillValid.redeem()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertAadsts(client.token(expired.redeem()), 400, "invalid_grant", 70008);
    }

    @Test
    void theCodeIsBoundToItsRedirectUriAndApp() {
        Map<String, String> otherRedirect = issueCode().redeem();
        otherRedirect.put("redirect_uri", "https://evil.example.com/teams/callback");
        assertAadsts(client.token(otherRedirect), 400, "invalid_grant", 50148);

        Map<String, String> otherApp = issueCode().redeem();
        otherApp.put("client_id", FakeGraph.CLIENT_ID);
        otherApp.put("client_secret", FakeGraph.CLIENT_SECRET);
        assertAadsts(client.token(otherApp), 400, "invalid_grant", 70000);

        Map<String, String> wrongSecret = issueCode().redeem();
        wrongSecret.put("client_secret", FakeGraph.CLIENT_SECRET);
        assertAadsts(client.token(wrongSecret), 401, "invalid_client", 7000215);
    }

    // ------------------------------------------------------------------ refresh_token grant

    @Test
    void refreshRotatesTheRefreshTokenAndTheOldOneStopsWorking() {
        graph.signInAs("u-alice");
        SignedIn first = client.signIn();

        HttpResponse<String> refreshed = client.token(refreshForm(first.refreshToken()));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode body = json(refreshed.body());
        String second = body.get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first.refreshToken());
        assertThat(body.get("access_token").asText()).isNotEqualTo(first.accessToken());
        assertThat(graph.currentRefreshToken()).contains(second);

        assertAadsts(client.token(refreshForm(first.refreshToken())), 400, "invalid_grant", 70008);
        assertThat(client.token(refreshForm(second)).statusCode()).isEqualTo(200);
        assertThat(graph.refreshGrants()).isEqualTo(2);
    }

    @Test
    void revokedRefreshTokensAnswerAadsts700082UntilTheNextSignIn() {
        graph.signInAs("u-alice");
        SignedIn signedIn = client.signIn();

        graph.revokeRefreshTokens();

        assertAadsts(client.token(refreshForm(signedIn.refreshToken())), 400, "invalid_grant", 700082);
        assertThat(graph.currentRefreshToken()).isEmpty();
        assertThat(graph.refreshGrants()).isZero();
        SignedIn again = client.signIn();
        assertThat(client.token(refreshForm(again.refreshToken())).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenUnusedFor90DaysExpires() {
        graph.signInAs("u-alice");
        SignedIn signedIn = client.signIn();

        clock.advance(Duration.ofDays(90));

        assertAadsts(client.token(refreshForm(signedIn.refreshToken())), 400, "invalid_grant", 700082);
    }

    // ------------------------------------------------------------------ delegated tokens on Graph

    @Test
    void delegatedTokensReadPresenceButEveryWriteIsForbidden() {
        graph.signInAs("u-alice");
        String delegated = client.signIn().accessToken();

        assertThat(client.call("GET", "/users/u-bob/presence", null, delegated).statusCode()).isEqualTo(200);
        assertThat(client.call("POST", "/communications/getPresencesByUserId", "{\"ids\":[\"u-bob\"]}", delegated)
                .statusCode()).isEqualTo(200);
        String setPresence = "{\"sessionId\":\"" + FakeGraph.CLIENT_ID + "\",\"availability\":\"Busy\","
                + "\"activity\":\"InACall\",\"expirationDuration\":\"PT1H\"}";
        for (String write : new String[]{"setPresence", "clearPresence", "setStatusMessage",
                "setUserPreferredPresence", "clearUserPreferredPresence"}) {
            assertGraphError(client.call("POST", "/users/u-bob/presence/" + write, setPresence, delegated),
                    403, "Forbidden");
        }
        assertThat(graph.appSession("u-bob")).isEmpty();
        assertThat(client.call("POST", "/users/u-bob/presence/setPresence", setPresence, client.appToken())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void delegatedTokensExpireAndAreRevokedLikeAppTokens() {
        graph.signInAs("u-alice");
        graph.tokenLifetime(Duration.ofMinutes(5));
        SignedIn signedIn = client.signIn();
        assertThat(signedIn.answer().get("expires_in").asInt()).isEqualTo(300);

        clock.advance(Duration.ofMinutes(5));
        assertGraphError(client.call("GET", "/users/u-bob/presence", null, signedIn.accessToken()), 401,
                "InvalidAuthenticationToken");

        String fresh = json(client.token(refreshForm(signedIn.refreshToken())).body()).get("access_token").asText();
        assertThat(client.call("GET", "/users/u-bob/presence", null, fresh).statusCode()).isEqualTo(200);
        graph.revokeAllTokens();
        assertGraphError(client.call("GET", "/users/u-bob/presence", null, fresh), 401,
                "InvalidAuthenticationToken");
    }

    // ------------------------------------------------------------------ helpers

    /** A code issued to the read app for alice, with the PKCE pair it was asked with. */
    private record IssuedCode(String code, Pkce pkce) {
        Map<String, String> redeem() {
            return redeemForm(code, pkce.verifier());
        }
    }

    private IssuedCode issueCode() {
        graph.signInAs("u-alice");
        Pkce pkce = Pkce.random();
        return new IssuedCode(redirectParams(client.authorize(FakeGraph.TENANT_ID, authorizeParams(pkce, "s")))
                .get("code"), pkce);
    }

    private static void assertErrorRedirect(HttpResponse<String> answer, String error, int aadsts) {
        Map<String, String> redirect = redirectParams(answer);
        assertThat(redirect).doesNotContainKey("code");
        assertThat(redirect.get("error")).isEqualTo(error);
        assertThat(redirect.get("error_description")).startsWith("AADSTS" + aadsts + ": ");
        assertThat(redirect.get("state")).isEqualTo("st-1");
    }

    private static JsonNode idTokenPayload(String idToken) {
        String[] parts = idToken.split("\\.", -1);
        assertThat(parts).hasSize(3);
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}
