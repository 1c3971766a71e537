package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.teams.FakeGraph.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;


/** Proves that FakeGraph enforces the rules of the Graph reference, driven by a plain HttpClient. */
class FakeGraphTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID_FORM = form(FakeGraph.CLIENT_ID, FakeGraph.CLIENT_SECRET,
            "client_credentials", FakeGraph.GRAPH_SCOPE);

    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-03-02T08:00:00Z"));
    private FakeGraph graph;
    private String token;

    @BeforeEach
    void startFake() throws Exception {
        graph = FakeGraph.start(clock);
        graph.addUser("u-alice", "alice@example.com").addUser("u-bob", "bob@example.com");
        token = JSON.readTree(requestToken(VALID_FORM).body()).get("access_token").asText();
    }

    @AfterEach
    void stopFake() {
        graph.close();
    }

    // ------------------------------------------------------------------ token host

    @Test
    void clientCredentialsGetABearerTokenWithTheConfiguredLifetime() throws Exception {
        graph.tokenLifetime(Duration.ofSeconds(90));
        HttpResponse<String> answer = requestToken(VALID_FORM);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(90);
        assertThat(body.get("access_token").asText()).isNotBlank();
        assertThat(graph.tokensIssued()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "wrong secret,      " + FakeGraph.CLIENT_ID + ", not-the-secret, client_credentials, DEFAULT, 401, invalid_client, 7000215",
            "unknown app,       99999999-0000-0000-0000-000000000000, SECRET, client_credentials, DEFAULT, 400, unauthorized_client, 700016",
            "wrong grant type,  " + FakeGraph.CLIENT_ID + ", SECRET, password, DEFAULT, 400, unsupported_grant_type, 70003",
            "wrong scope,       " + FakeGraph.CLIENT_ID + ", SECRET, client_credentials, User.Read, 400, invalid_scope, 70011",
    })
    void badTokenRequestsGetAadstsErrors(String name, String clientId, String secret, String grant, String scope,
                                         int status, String error, int code) throws Exception {
        HttpResponse<String> answer = requestToken(form(clientId,
                secret.equals("SECRET") ? FakeGraph.CLIENT_SECRET : secret, grant,
                scope.equals("DEFAULT") ? FakeGraph.GRAPH_SCOPE : scope));

        assertAadsts(answer, status, error, code);
    }

    @Test
    void unknownTenantIsRejected() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(graph.loginUrl() + "/other-tenant/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(VALID_FORM)).build(), HttpResponse.BodyHandlers.ofString());

        assertAadsts(answer, 400, "invalid_request", 90002);
    }

    @Test
    void rotatingTheSecretMakesTheOldOneWrong() throws Exception {
        graph.rotateSecret("brand-new-secret");

        assertAadsts(requestToken(VALID_FORM), 401, "invalid_client", 7000215);
        assertThat(requestToken(form(FakeGraph.CLIENT_ID, "brand-new-secret", "client_credentials",
                FakeGraph.GRAPH_SCOPE)).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredSecretIsRejectedWith7000222() throws Exception {
        graph.expireSecret();

        assertAadsts(requestToken(VALID_FORM), 401, "invalid_client", 7000222);
    }

    @Test
    void aForcedTokenErrorIsServedUntilCleared() throws Exception {
        graph.failTokenRequestsWith(400, "invalid_grant", 65001, "The user or administrator has not consented.");
        assertAadsts(requestToken(VALID_FORM), 400, "invalid_grant", 65001);

        graph.clearTokenFailure();
        assertThat(requestToken(VALID_FORM).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ bearer check

    @Test
    void graphCallsWithoutAValidBearerGet401WithAGraphErrorBody() throws Exception {
        assertGraphError(send("GET", "/users/u-alice/presence", null, null), 401, "InvalidAuthenticationToken");
        assertGraphError(send("GET", "/users/u-alice/presence", null, "made-up-token"), 401,
                "InvalidAuthenticationToken");
        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(200);
    }

    @Test
    void tokensExpireOnTheFakeClock() throws Exception {
        clock.advance(Duration.ofSeconds(3598));
        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> answer = get("/users/u-alice/presence");
        assertGraphError(answer, 401, "InvalidAuthenticationToken");
        assertThat(answer.body()).contains("expired");
    }

    @Test
    void revokedTokensAreRejected() throws Exception {
        graph.revokeAllTokens();

        assertGraphError(get("/users/u-alice/presence"), 401, "InvalidAuthenticationToken");
    }

    // ------------------------------------------------------------------ users

    @Test
    void aUserIsFoundByMailAndAnUnknownOneIs404() throws Exception {
        HttpResponse<String> found = get("/users/bob@example.com");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).get("id").asText()).isEqualTo("u-bob");

        assertGraphError(get("/users/nobody@example.com"), 404, "Request_ResourceNotFound");
    }

    @Test
    void aMailFilterReturnsEveryMatchIncludingDuplicatesWithOnlySelectedFields() throws Exception {
        graph.addUser("u-alice-2", "Alice@Example.com", "alice.two@example.com");

        HttpResponse<String> answer = get("/users?" + query("$filter", "mail eq 'alice@example.com'")
                + "&" + query("$select", "id,mail"));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode value = JSON.readTree(answer.body()).get("value");
        assertThat(value.size()).isEqualTo(2);
        assertThat(value.get(0).get("id").asText()).isEqualTo("u-alice");
        assertThat(value.get(1).get("id").asText()).isEqualTo("u-alice-2");
        assertThat(value.get(0).has("displayName")).as("only selected fields").isFalse();
        assertThat(JSON.readTree(get("/users?" + query("$filter", "mail eq 'ghost@example.com'")).body())
                .get("value").size()).isEqualTo(0);
    }

    @Test
    void anUnsupportedFilterIs400() throws Exception {
        assertGraphError(get("/users?" + query("$filter", "startswith(mail,'a')")), 400, "Request_UnsupportedQuery");
    }

    @Test
    void theUserListPagesWithAnAbsoluteNextLink() throws Exception {
        graph.usersPageSize(2);
        graph.addUser("u-3", "c@example.com").addUser("u-4", "d@example.com").addUser("u-5", "e@example.com");

        List<String> ids = new ArrayList<>();
        String next = graph.graphUrl() + "/users";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = sendAbsolute("GET", next, null, token);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            body.get("value").forEach(u -> ids.add(u.get("id").asText()));
            next = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            assertThat(next == null || next.startsWith(graph.graphUrl() + "/users?")).as(next).isTrue();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).isEqualTo(List.of("u-alice", "u-bob", "u-3", "u-4", "u-5"));
    }

    // ------------------------------------------------------------------ reading presence

    @Test
    void aUserWithoutSessionsIsOffline() throws Exception {
        JsonNode presence = JSON.readTree(get("/users/u-alice/presence").body());

        assertThat(presence.get("id").asText()).isEqualTo("u-alice");
        assertThat(presence.get("availability").asText()).isEqualTo("Offline");
        assertThat(presence.get("activity").asText()).isEqualTo("Offline");
        assertThat(presence.get("statusMessage").isNull()).isTrue();
        assertThat(presence.get("sequenceNumber").asText()).isNotEmpty();
        assertGraphError(get("/users/u-nobody/presence"), 404, "Request_ResourceNotFound");
    }

    @Test
    void getPresencesByUserIdAnswersKnownIdsAndOmitsUnknownOnes() throws Exception {
        graph.setClientSession("u-bob", "Busy", "InAMeeting");

        HttpResponse<String> answer = post("/communications/getPresencesByUserId",
                "{\"ids\":[\"u-alice\",\"u-ghost\",\"u-bob\"]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode value = JSON.readTree(answer.body()).get("value");
        assertThat(value.size()).isEqualTo(2);
        assertThat(value.get(0).get("id").asText()).isEqualTo("u-alice");
        assertThat(value.get(1).get("availability").asText()).isEqualTo("Busy");
        assertThat(value.get(1).get("activity").asText()).isEqualTo("InAMeeting");
        assertThat(graph.maxIdsInOneCall()).isEqualTo(3);
    }

    @Test
    void getPresencesByUserIdTakesAtMost650Ids() throws Exception {
        assertThat(post("/communications/getPresencesByUserId", idsBody(650)).statusCode()).isEqualTo(200);
        assertGraphError(post("/communications/getPresencesByUserId", idsBody(651)), 400, "BadRequest");
        assertGraphError(post("/communications/getPresencesByUserId", "{\"ids\":[]}"), 400, "BadRequest");

        assertThat(graph.maxIdsInOneCall()).isEqualTo(651);
    }

    @Test
    void theSequenceNumberGrowsOnEveryChangeAndOnlyThen() throws Exception {
        String first = sequenceOf("u-alice");
        assertThat(sequenceOf("u-alice")).as("no change, same stamp").isEqualTo(first);

        graph.setClientSession("u-alice", "Available", "Available");
        String second = sequenceOf("u-alice");
        assertThat(second).as(first + " < " + second).isGreaterThan(first);

        assertThat(post("/users/u-alice/presence/setPresence", setPresence("Busy", "InACall", "PT1H"))
                .statusCode()).isEqualTo(200);
        String third = sequenceOf("u-alice");
        assertThat(third).as(second + " < " + third).isGreaterThan(second);
    }

    // ------------------------------------------------------------------ writing presence

    @Test
    void setPresenceStoresTheAppSessionAndRecordsTheCall() throws Exception {
        HttpResponse<String> answer = post("/users/u-alice/presence/setPresence",
                setPresence("Busy", "InACall", "PT1H"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("");
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Busy/InACall");
        assertThat(graph.appSession("u-alice").orElseThrow().expiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        List<FakeGraph.WriteCall> calls = graph.writeCalls(Endpoint.SET_PRESENCE);
        assertThat(calls.size()).isEqualTo(1);
        assertThat(calls.get(0).userId()).isEqualTo("u-alice");
        assertThat(calls.get(0).json().get("activity").asText()).isEqualTo("InACall");
        assertThat(calls.get(0).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}/{1} for {2} -> {3}")
    @CsvSource({
            "Available,    Available,         PT5M,    200",
            "Busy,         InACall,           PT4H,    200",
            "Busy,         InAConferenceCall, PT30M,   200",
            "Away,         Away,              PT1H,    200",
            "DoNotDisturb, Presenting,        PT1H,    200",
            "busy,         inacall,           PT1H,    200",
            "Busy,         Busy,              PT1H,    400",
            "Busy,         InAMeeting,        PT1H,    400",
            "DoNotDisturb, DoNotDisturb,      PT1H,    400",
            "BeRightBack,  BeRightBack,       PT1H,    400",
            "Offline,      OffWork,           PT1H,    400",
            "Available,    Away,              PT1H,    400",
            "Busy,         InACall,           PT4M59S, 400",
            "Busy,         InACall,           PT4H1S,  400",
            "Busy,         InACall,           one-hour, 400",
    })
    void setPresenceAcceptsOnlyTheFivePairsAndDurationsFrom5MinutesTo4Hours(String availability, String activity,
                                                                           String duration, int status)
            throws Exception {
        HttpResponse<String> answer = post("/users/u-alice/presence/setPresence",
                setPresence(availability, activity, duration));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        if (status == 400) {
            assertGraphError(answer, 400, "BadRequest");
            assertThat(graph.appSession("u-alice")).isEmpty();
        }
    }

    @Test
    void setPresenceNeedsTheAppsClientIdAsSessionId() throws Exception {
        String body = "{\"sessionId\":\"someone-else\",\"availability\":\"Away\",\"activity\":\"Away\"}";

        assertGraphError(post("/users/u-alice/presence/setPresence", body), 400, "BadRequest");
        assertThat(graph.writeCalls(Endpoint.SET_PRESENCE).get(0).status()).isEqualTo(400);
    }

    @Test
    void setPresenceWithoutDurationLastsFiveMinutes() throws Exception {
        String body = "{\"sessionId\":\"" + FakeGraph.CLIENT_ID + "\",\"availability\":\"Away\",\"activity\":\"Away\"}";

        assertThat(post("/users/u-alice/presence/setPresence", body).statusCode()).isEqualTo(200);
        assertThat(graph.appSession("u-alice").orElseThrow()
                .expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void setPresenceForAnUnknownUserIs404() throws Exception {
        assertGraphError(post("/users/u-ghost/presence/setPresence", setPresence("Away", "Away", "PT1H")), 404,
                "Request_ResourceNotFound");
    }

    @Test
    void anExpiredSessionVanishesAndCannotBeCleared() throws Exception {
        post("/users/u-alice/presence/setPresence", setPresence("Busy", "InACall", "PT5M"));

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Busy/InACall");
        clock.advance(Duration.ofSeconds(1));
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Offline/Offline");
        assertGraphError(post("/users/u-alice/presence/clearPresence", clearPresence()), 404, "NotFound");
    }

    @Test
    void clearPresenceEndsTheSessionOnceAndIs404Afterwards() throws Exception {
        graph.setClientSession("u-alice", "Available", "Available");
        post("/users/u-alice/presence/setPresence", setPresence("DoNotDisturb", "Presenting", "PT1H"));
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("DoNotDisturb/Presenting");

        assertThat(post("/users/u-alice/presence/clearPresence", clearPresence()).statusCode()).isEqualTo(200);
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Available/Available");
        assertGraphError(post("/users/u-alice/presence/clearPresence", clearPresence()), 404, "NotFound");
        assertThat(graph.writeCalls(Endpoint.CLEAR_PRESENCE).stream()
                .map(FakeGraph.WriteCall::status).toList()).isEqualTo(List.of(200, 404));
    }

    @Test
    void setStatusMessageShowsUntilItsExpiry() throws Exception {
        graph.setClientSession("u-alice", "Available", "Available");
        String body = "{\"statusMessage\":{\"message\":{\"content\":\"Back at 17:00\",\"contentType\":\"text\"},"
                + "\"expiryDateTime\":{\"dateTime\":\"2026-03-02T09:00:00\",\"timeZone\":\"UTC\"}}}";

        assertThat(post("/users/u-alice/presence/setStatusMessage", body).statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(get("/users/u-alice/presence").body()).get("statusMessage");
        assertThat(status.get("message").get("content").asText()).isEqualTo("Back at 17:00");
        assertThat(status.get("expiryDateTime").get("dateTime").asText()).isEqualTo("2026-03-02T09:00:00.0000000");
        assertThat(graph.writeCalls(Endpoint.SET_STATUS_MESSAGE).get(0).json()
                .get("statusMessage").get("message").get("content").asText()).isEqualTo("Back at 17:00");

        clock.advance(Duration.ofHours(1));
        assertThat(graph.presenceOf("u-alice").statusMessage()).isEqualTo("");
    }

    @Test
    void aStatusMessageTheUserTypesIsReadAsTextVerbatimWithANewSequenceNumber() throws Exception {
        String before = sequenceOf("u-alice");

        graph.setStatusMessage("u-alice", "Out\u001b[2J\u001f");

        JsonNode status = JSON.readTree(get("/users/u-alice/presence").body()).get("statusMessage");
        assertThat(status.get("message").get("content").asText()).isEqualTo("Out\u001b[2J\u001f");
        assertThat(status.get("message").get("contentType").asText()).isEqualTo("text");
        assertThat(status.get("expiryDateTime").get("dateTime").asText()).isEqualTo("9999-12-31T23:59:59.9999999");
        assertThat(sequenceOf("u-alice")).isGreaterThan(before);
        graph.setStatusMessage("u-alice", "");
        assertThat(JSON.readTree(get("/users/u-alice/presence").body()).get("statusMessage").isNull()).isTrue();
    }

    @Test
    void aStatusMessageExpiryWithoutSecondsIsRejected() throws Exception {
        String body = "{\"statusMessage\":{\"message\":{\"content\":\"Back soon\",\"contentType\":\"text\"},"
                + "\"expiryDateTime\":{\"dateTime\":\"2026-03-02T09:00\",\"timeZone\":\"UTC\"}}}";
        assertGraphError(post("/users/u-alice/presence/setStatusMessage", body), 400, "BadRequest");
        assertThat(graph.presenceOf("u-alice").statusMessage()).isEqualTo("");
    }

    // ------------------------------------------------------------------ aggregation

    @ParameterizedTest(name = "client {0}, app {1}, preferred {2} -> {3}")
    @CsvSource({
            "Available/Available, Busy/InACall,            -,                   Busy/InACall",
            "Available/Available, Away/Away,               -,                   Available/Available",
            "Busy/InAMeeting,     Away/Away,               -,                   Busy/InAMeeting",
            "Busy/InAMeeting,     DoNotDisturb/Presenting, -,                   DoNotDisturb/Presenting",
            "DoNotDisturb/DoNotDisturb, Available/Available, -,                 DoNotDisturb/DoNotDisturb",
            "Away/Away,           Available/Available,     -,                   Available/Available",
            "-,                   Away/Away,               -,                   Away/Away",
            "Available/Available, -,                       -,                   Available/Available",
            "Available/Available, DoNotDisturb/Presenting, Available/Available, Available/Available",
            "-,                   Busy/InACall,            Away/Away,           Away/Away",
            "-,                   -,                       Available/Available, Offline/Offline",
            "-,                   -,                       -,                   Offline/Offline",
    })
    void presenceIsTheAggregateOfSessionsWithTheUsersChoiceOnTop(String client, String app, String preferred,
                                                                 String expected) throws Exception {
        if (!client.equals("-")) {
            graph.setClientSession("u-alice", client.split("/")[0], client.split("/")[1]);
        }
        if (!app.equals("-")) {
            assertThat(post("/users/u-alice/presence/setPresence",
                    setPresence(app.split("/")[0], app.split("/")[1], "PT1H")).statusCode()).isEqualTo(200);
        }
        if (!preferred.equals("-")) {
            graph.setPreferredPresence("u-alice", preferred.split("/")[0], preferred.split("/")[1]);
        }

        JsonNode presence = JSON.readTree(get("/users/u-alice/presence").body());
        assertThat(presence.get("availability").asText() + "/" + presence.get("activity").asText()).isEqualTo(expected);
    }

    @Test
    void anAvailableAppSessionFadesToInactiveThenAwayUnlessRefreshed() throws Exception {
        post("/users/u-alice/presence/setPresence", setPresence("Available", "Available", "PT1H"));

        clock.advance(Duration.ofMinutes(5));
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Available/AvailableInactive");
        clock.advance(Duration.ofMinutes(5));
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Away/Away");

        post("/users/u-alice/presence/setPresence", setPresence("Available", "Available", "PT1H"));
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Available/Available");
    }

    @Test
    void setUserPreferredPresenceOverridesSessionsUntilCleared() throws Exception {
        graph.setClientSession("u-alice", "Busy", "InAMeeting");

        assertThat(post("/users/u-alice/presence/setUserPreferredPresence",
                "{\"availability\":\"Available\",\"activity\":\"Available\"}").statusCode()).isEqualTo(204);
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Available/Available");
        assertThat(post("/users/u-alice/presence/setUserPreferredPresence",
                "{\"availability\":\"Busy\",\"activity\":\"InACall\"}").statusCode()).isEqualTo(400);

        assertThat(post("/users/u-alice/presence/clearUserPreferredPresence", "{}").statusCode()).isEqualTo(204);
        assertThat(graph.presenceOf("u-alice").pair()).isEqualTo("Busy/InAMeeting");
    }

    // ------------------------------------------------------------------ throttling and faults

    @Test
    void overTheBudgetPresenceCallsGet429WithFractionalRetryAfterAndThrottledCallsStillCount() throws Exception {
        graph.presenceBudget(3, Duration.ofSeconds(10));
        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(200);           // t0
        clock.advance(Duration.ofSeconds(1));
        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(200);           // t0+1
        clock.advance(Duration.ofSeconds(1));
        assertThat(post("/communications/getPresencesByUserId", idsBody(2)).statusCode()).isEqualTo(200); // t0+2
        clock.advance(Duration.ofMillis(872));

        HttpResponse<String> throttled = get("/users/u-alice/presence");         // t0+2.872
        assertGraphError(throttled, 429, "TooManyRequests");
        // free once t0+1 leaves the 10 s window: t0+11 - t0+2.872
        assertThat(throttled.headers().firstValue("Retry-After").orElseThrow()).isEqualTo("8.128");

        assertThat(get("/users/alice@example.com").statusCode())
                .as("user look-ups are not presence calls").isEqualTo(200);

        clock.advance(Duration.ofMillis(2128));                                 // t0+5, during the penalty
        HttpResponse<String> again = get("/users/u-alice/presence");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After").orElseThrow())
                .as("penalty grew to t0+12").isEqualTo("7.000");

        clock.advance(Duration.ofSeconds(6));                                   // t0+11, the first Retry-After
        assertThat(get("/users/u-alice/presence").statusCode())
                .as("the call during the penalty counted").isEqualTo(429);
        clock.advance(Duration.ofSeconds(14));                                  // t0+25: window empty again
        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(200);
        assertThat(graph.throttledCount()).isEqualTo(3);
    }

    @Test
    void throttledAndFailedWritesAreRecordedWithTheirStatus() throws Exception {
        graph.presenceBudget(1, Duration.ofSeconds(30));
        post("/users/u-alice/presence/setPresence", setPresence("Away", "Away", "PT1H"));
        post("/users/u-alice/presence/setPresence", setPresence("Away", "Away", "PT1H"));
        graph.failNext(1, 503, null);
        post("/users/u-alice/presence/clearPresence", clearPresence());

        assertThat(graph.writeCalls().stream().map(FakeGraph.WriteCall::status).toList())
                .containsExactly(200, 429, 503);
        assertThat(graph.writeCalls().stream().map(FakeGraph.WriteCall::endpoint).toList())
                .containsExactly(Endpoint.SET_PRESENCE, Endpoint.SET_PRESENCE, Endpoint.CLEAR_PRESENCE);
    }

    @Test
    void injectedFaultsHitTheNextRequestsThenStop() throws Exception {
        graph.failNext(2, 503, "1.5");
        HttpResponse<String> first = get("/users/u-alice/presence");
        assertGraphError(first, 503, "serviceNotAvailable");
        assertThat(first.headers().firstValue("Retry-After").orElseThrow()).isEqualTo("1.5");
        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(503);
        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(200);

        graph.failNext(1, 504, null);
        HttpResponse<String> timeout = get("/users/u-alice/presence");
        assertGraphError(timeout, 504, "gatewayTimeout");
        assertThat(timeout.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void graphDownForASpanFailsEveryRequestUntilTheSpanEnds() throws Exception {
        graph.failFor(Duration.ofSeconds(30), 503, null);

        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(503);
        assertThat(get("/users/bob@example.com").statusCode()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(30));
        assertThat(get("/users/u-alice/presence").statusCode()).isEqualTo(200);
    }

    @Test
    void requestsAreCountedPerEndpoint() throws Exception {
        get("/users/u-alice/presence");
        get("/users/u-alice/presence");
        get("/users/alice@example.com");
        post("/communications/getPresencesByUserId", idsBody(1));

        assertThat(graph.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(graph.requestCount(Endpoint.GET_PRESENCE)).isEqualTo(2);
        assertThat(graph.requestCount(Endpoint.GET_USER)).isEqualTo(1);
        assertThat(graph.requestCount(Endpoint.GET_PRESENCES_BY_USER_ID)).isEqualTo(1);
        assertThat(graph.requestCount(Endpoint.SET_PRESENCE)).isEqualTo(0);
    }

    // ------------------------------------------------------------------ helpers

    private String sequenceOf(String userId) throws Exception {
        return JSON.readTree(get("/users/" + userId + "/presence").body()).get("sequenceNumber").asText();
    }

    private static String setPresence(String availability, String activity, String duration) {
        return "{\"sessionId\":\"" + FakeGraph.CLIENT_ID + "\",\"availability\":\"" + availability
                + "\",\"activity\":\"" + activity + "\",\"expirationDuration\":\"" + duration + "\"}";
    }

    private static String clearPresence() {
        return "{\"sessionId\":\"" + FakeGraph.CLIENT_ID + "\"}";
    }

    private static String idsBody(int count) {
        return "{\"ids\":[" + IntStream.range(0, count).mapToObj(i -> i == 0 ? "\"u-alice\"" : "\"id-" + i + "\"")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static String form(String clientId, String secret, String grant, String scope) {
        return "client_id=" + enc(clientId) + "&client_secret=" + enc(secret) + "&grant_type=" + enc(grant)
                + "&scope=" + enc(scope);
    }

    private static String query(String key, String value) {
        return enc(key) + "=" + enc(value).replace("+", "%20");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> requestToken(String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(graph.loginUrl() + "/" + FakeGraph.TENANT_ID
                                + "/oauth2/v2.0/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, token);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body, token);
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer)
            throws IOException, InterruptedException {
        return sendAbsolute(method, graph.graphUrl() + path, body, bearer);
    }

    private HttpResponse<String> sendAbsolute(String method, String url, String body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAadsts(HttpResponse<String> answer, int status, String error, int code)
            throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(code);
        assertThat(body.get("error_description").asText()).startsWith("AADSTS" + code + ": ");
    }

    private static void assertGraphError(HttpResponse<String> answer, int status, String code) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(answer.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.has("message")).isTrue();
        assertThat(error.get("innerError").has("request-id")).isTrue();
        assertThat(error.get("innerError").has("date")).isTrue();
    }
}
