package io.presencehub.teams;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals(200, answer.statusCode());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(90, body.get("expires_in").asInt());
        assertFalse(body.get("access_token").asText().isBlank());
        assertEquals(2, graph.tokensIssued());
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
        assertEquals(200, requestToken(form(FakeGraph.CLIENT_ID, "brand-new-secret", "client_credentials",
                FakeGraph.GRAPH_SCOPE)).statusCode());
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
        assertEquals(200, requestToken(VALID_FORM).statusCode());
    }

    // ------------------------------------------------------------------ bearer check

    @Test
    void graphCallsWithoutAValidBearerGet401WithAGraphErrorBody() throws Exception {
        assertGraphError(send("GET", "/users/u-alice/presence", null, null), 401, "InvalidAuthenticationToken");
        assertGraphError(send("GET", "/users/u-alice/presence", null, "made-up-token"), 401,
                "InvalidAuthenticationToken");
        assertEquals(200, get("/users/u-alice/presence").statusCode());
    }

    @Test
    void tokensExpireOnTheFakeClock() throws Exception {
        clock.advance(Duration.ofSeconds(3598));
        assertEquals(200, get("/users/u-alice/presence").statusCode());

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> answer = get("/users/u-alice/presence");
        assertGraphError(answer, 401, "InvalidAuthenticationToken");
        assertTrue(answer.body().contains("expired"), answer.body());
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
        assertEquals(200, found.statusCode());
        assertEquals("u-bob", JSON.readTree(found.body()).get("id").asText());

        assertGraphError(get("/users/nobody@example.com"), 404, "Request_ResourceNotFound");
    }

    @Test
    void aMailFilterReturnsEveryMatchIncludingDuplicatesWithOnlySelectedFields() throws Exception {
        graph.addUser("u-alice-2", "Alice@Example.com", "alice.two@example.com");

        HttpResponse<String> answer = get("/users?" + query("$filter", "mail eq 'alice@example.com'")
                + "&" + query("$select", "id,mail"));

        assertEquals(200, answer.statusCode());
        JsonNode value = JSON.readTree(answer.body()).get("value");
        assertEquals(2, value.size());
        assertEquals("u-alice", value.get(0).get("id").asText());
        assertEquals("u-alice-2", value.get(1).get("id").asText());
        assertFalse(value.get(0).has("displayName"), "only selected fields");
        assertEquals(0, JSON.readTree(get("/users?" + query("$filter", "mail eq 'ghost@example.com'")).body())
                .get("value").size());
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
            assertEquals(200, page.statusCode());
            JsonNode body = JSON.readTree(page.body());
            body.get("value").forEach(u -> ids.add(u.get("id").asText()));
            next = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            assertTrue(next == null || next.startsWith(graph.graphUrl() + "/users?"), next);
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(List.of("u-alice", "u-bob", "u-3", "u-4", "u-5"), ids);
    }

    // ------------------------------------------------------------------ reading presence

    @Test
    void aUserWithoutSessionsIsOffline() throws Exception {
        JsonNode presence = JSON.readTree(get("/users/u-alice/presence").body());

        assertEquals("u-alice", presence.get("id").asText());
        assertEquals("Offline", presence.get("availability").asText());
        assertEquals("Offline", presence.get("activity").asText());
        assertTrue(presence.get("statusMessage").isNull());
        assertFalse(presence.get("sequenceNumber").asText().isEmpty());
        assertGraphError(get("/users/u-nobody/presence"), 404, "Request_ResourceNotFound");
    }

    @Test
    void getPresencesByUserIdAnswersKnownIdsAndOmitsUnknownOnes() throws Exception {
        graph.setClientSession("u-bob", "Busy", "InAMeeting");

        HttpResponse<String> answer = post("/communications/getPresencesByUserId",
                "{\"ids\":[\"u-alice\",\"u-ghost\",\"u-bob\"]}");

        assertEquals(200, answer.statusCode());
        JsonNode value = JSON.readTree(answer.body()).get("value");
        assertEquals(2, value.size());
        assertEquals("u-alice", value.get(0).get("id").asText());
        assertEquals("Busy", value.get(1).get("availability").asText());
        assertEquals("InAMeeting", value.get(1).get("activity").asText());
        assertEquals(3, graph.maxIdsInOneCall());
    }

    @Test
    void getPresencesByUserIdTakesAtMost650Ids() throws Exception {
        assertEquals(200, post("/communications/getPresencesByUserId", idsBody(650)).statusCode());
        assertGraphError(post("/communications/getPresencesByUserId", idsBody(651)), 400, "BadRequest");
        assertGraphError(post("/communications/getPresencesByUserId", "{\"ids\":[]}"), 400, "BadRequest");

        assertEquals(651, graph.maxIdsInOneCall());
    }

    @Test
    void theSequenceNumberGrowsOnEveryChangeAndOnlyThen() throws Exception {
        String first = sequenceOf("u-alice");
        assertEquals(first, sequenceOf("u-alice"), "no change, same stamp");

        graph.setClientSession("u-alice", "Available", "Available");
        String second = sequenceOf("u-alice");
        assertTrue(second.compareTo(first) > 0, first + " < " + second);

        assertEquals(200, post("/users/u-alice/presence/setPresence", setPresence("Busy", "InACall", "PT1H"))
                .statusCode());
        String third = sequenceOf("u-alice");
        assertTrue(third.compareTo(second) > 0, second + " < " + third);
    }

    // ------------------------------------------------------------------ writing presence

    @Test
    void setPresenceStoresTheAppSessionAndRecordsTheCall() throws Exception {
        HttpResponse<String> answer = post("/users/u-alice/presence/setPresence",
                setPresence("Busy", "InACall", "PT1H"));

        assertEquals(200, answer.statusCode());
        assertEquals("", answer.body());
        assertEquals("Busy/InACall", graph.presenceOf("u-alice").pair());
        assertEquals(clock.instant().plus(Duration.ofHours(1)), graph.appSession("u-alice").orElseThrow().expiresAt());
        List<FakeGraph.WriteCall> calls = graph.writeCalls(Endpoint.SET_PRESENCE);
        assertEquals(1, calls.size());
        assertEquals("u-alice", calls.get(0).userId());
        assertEquals("InACall", calls.get(0).json().get("activity").asText());
        assertEquals(200, calls.get(0).status());
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

        assertEquals(status, answer.statusCode(), answer.body());
        if (status == 400) {
            assertGraphError(answer, 400, "BadRequest");
            assertTrue(graph.appSession("u-alice").isEmpty());
        }
    }

    @Test
    void setPresenceNeedsTheAppsClientIdAsSessionId() throws Exception {
        String body = "{\"sessionId\":\"someone-else\",\"availability\":\"Away\",\"activity\":\"Away\"}";

        assertGraphError(post("/users/u-alice/presence/setPresence", body), 400, "BadRequest");
        assertEquals(400, graph.writeCalls(Endpoint.SET_PRESENCE).get(0).status());
    }

    @Test
    void setPresenceWithoutDurationLastsFiveMinutes() throws Exception {
        String body = "{\"sessionId\":\"" + FakeGraph.CLIENT_ID + "\",\"availability\":\"Away\",\"activity\":\"Away\"}";

        assertEquals(200, post("/users/u-alice/presence/setPresence", body).statusCode());
        assertEquals(clock.instant().plus(Duration.ofMinutes(5)), graph.appSession("u-alice").orElseThrow()
                .expiresAt());
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
        assertEquals("Busy/InACall", graph.presenceOf("u-alice").pair());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("Offline/Offline", graph.presenceOf("u-alice").pair());
        assertGraphError(post("/users/u-alice/presence/clearPresence", clearPresence()), 404, "NotFound");
    }

    @Test
    void clearPresenceEndsTheSessionOnceAndIs404Afterwards() throws Exception {
        graph.setClientSession("u-alice", "Available", "Available");
        post("/users/u-alice/presence/setPresence", setPresence("DoNotDisturb", "Presenting", "PT1H"));
        assertEquals("DoNotDisturb/Presenting", graph.presenceOf("u-alice").pair());

        assertEquals(200, post("/users/u-alice/presence/clearPresence", clearPresence()).statusCode());
        assertEquals("Available/Available", graph.presenceOf("u-alice").pair());
        assertGraphError(post("/users/u-alice/presence/clearPresence", clearPresence()), 404, "NotFound");
        assertEquals(List.of(200, 404), graph.writeCalls(Endpoint.CLEAR_PRESENCE).stream()
                .map(FakeGraph.WriteCall::status).toList());
    }

    @Test
    void setStatusMessageShowsUntilItsExpiry() throws Exception {
        graph.setClientSession("u-alice", "Available", "Available");
        String body = "{\"statusMessage\":{\"message\":{\"content\":\"Back at 17:00\",\"contentType\":\"text\"},"
                + "\"expiryDateTime\":{\"dateTime\":\"2026-03-02T09:00:00\",\"timeZone\":\"UTC\"}}}";

        assertEquals(200, post("/users/u-alice/presence/setStatusMessage", body).statusCode());
        JsonNode status = JSON.readTree(get("/users/u-alice/presence").body()).get("statusMessage");
        assertEquals("Back at 17:00", status.get("message").get("content").asText());
        assertEquals("2026-03-02T09:00:00.0000000", status.get("expiryDateTime").get("dateTime").asText());
        assertEquals("Back at 17:00", graph.writeCalls(Endpoint.SET_STATUS_MESSAGE).get(0).json()
                .get("statusMessage").get("message").get("content").asText());

        clock.advance(Duration.ofHours(1));
        assertEquals("", graph.presenceOf("u-alice").statusMessage());
    }

    @Test
    void aStatusMessageTheUserTypesIsReadAsTextVerbatimWithANewSequenceNumber() throws Exception {
        String before = sequenceOf("u-alice");

        graph.setStatusMessage("u-alice", "Out\u001b[2J\u001f");

        JsonNode status = JSON.readTree(get("/users/u-alice/presence").body()).get("statusMessage");
        assertEquals("Out\u001b[2J\u001f", status.get("message").get("content").asText());
        assertEquals("text", status.get("message").get("contentType").asText());
        assertEquals("9999-12-31T23:59:59.9999999", status.get("expiryDateTime").get("dateTime").asText());
        assertTrue(sequenceOf("u-alice").compareTo(before) > 0);
        graph.setStatusMessage("u-alice", "");
        assertTrue(JSON.readTree(get("/users/u-alice/presence").body()).get("statusMessage").isNull());
    }

    @Test
    void aStatusMessageExpiryWithoutSecondsIsRejected() throws Exception {
        String body = "{\"statusMessage\":{\"message\":{\"content\":\"Back soon\",\"contentType\":\"text\"},"
                + "\"expiryDateTime\":{\"dateTime\":\"2026-03-02T09:00\",\"timeZone\":\"UTC\"}}}";
        assertGraphError(post("/users/u-alice/presence/setStatusMessage", body), 400, "BadRequest");
        assertEquals("", graph.presenceOf("u-alice").statusMessage());
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
            assertEquals(200, post("/users/u-alice/presence/setPresence",
                    setPresence(app.split("/")[0], app.split("/")[1], "PT1H")).statusCode());
        }
        if (!preferred.equals("-")) {
            graph.setPreferredPresence("u-alice", preferred.split("/")[0], preferred.split("/")[1]);
        }

        JsonNode presence = JSON.readTree(get("/users/u-alice/presence").body());
        assertEquals(expected, presence.get("availability").asText() + "/" + presence.get("activity").asText());
    }

    @Test
    void anAvailableAppSessionFadesToInactiveThenAwayUnlessRefreshed() throws Exception {
        post("/users/u-alice/presence/setPresence", setPresence("Available", "Available", "PT1H"));

        clock.advance(Duration.ofMinutes(5));
        assertEquals("Available/AvailableInactive", graph.presenceOf("u-alice").pair());
        clock.advance(Duration.ofMinutes(5));
        assertEquals("Away/Away", graph.presenceOf("u-alice").pair());

        post("/users/u-alice/presence/setPresence", setPresence("Available", "Available", "PT1H"));
        assertEquals("Available/Available", graph.presenceOf("u-alice").pair());
    }

    @Test
    void setUserPreferredPresenceOverridesSessionsUntilCleared() throws Exception {
        graph.setClientSession("u-alice", "Busy", "InAMeeting");

        assertEquals(204, post("/users/u-alice/presence/setUserPreferredPresence",
                "{\"availability\":\"Available\",\"activity\":\"Available\"}").statusCode());
        assertEquals("Available/Available", graph.presenceOf("u-alice").pair());
        assertEquals(400, post("/users/u-alice/presence/setUserPreferredPresence",
                "{\"availability\":\"Busy\",\"activity\":\"InACall\"}").statusCode());

        assertEquals(204, post("/users/u-alice/presence/clearUserPreferredPresence", "{}").statusCode());
        assertEquals("Busy/InAMeeting", graph.presenceOf("u-alice").pair());
    }

    // ------------------------------------------------------------------ throttling and faults

    @Test
    void overTheBudgetPresenceCallsGet429WithFractionalRetryAfterAndThrottledCallsStillCount() throws Exception {
        graph.presenceBudget(3, Duration.ofSeconds(10));
        assertEquals(200, get("/users/u-alice/presence").statusCode());           // t0
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, get("/users/u-alice/presence").statusCode());           // t0+1
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, post("/communications/getPresencesByUserId", idsBody(2)).statusCode()); // t0+2
        clock.advance(Duration.ofMillis(872));

        HttpResponse<String> throttled = get("/users/u-alice/presence");         // t0+2.872
        assertGraphError(throttled, 429, "TooManyRequests");
        // free once t0+1 leaves the 10 s window: t0+11 - t0+2.872
        assertEquals("8.128", throttled.headers().firstValue("Retry-After").orElseThrow());

        assertEquals(200, get("/users/alice@example.com").statusCode(), "user look-ups are not presence calls");

        clock.advance(Duration.ofMillis(2128));                                 // t0+5, during the penalty
        HttpResponse<String> again = get("/users/u-alice/presence");
        assertEquals(429, again.statusCode());
        assertEquals("7.000", again.headers().firstValue("Retry-After").orElseThrow(), "penalty grew to t0+12");

        clock.advance(Duration.ofSeconds(6));                                   // t0+11, the first Retry-After
        assertEquals(429, get("/users/u-alice/presence").statusCode(), "the call during the penalty counted");
        clock.advance(Duration.ofSeconds(14));                                  // t0+25: window empty again
        assertEquals(200, get("/users/u-alice/presence").statusCode());
        assertEquals(3, graph.throttledCount());
    }

    @Test
    void throttledAndFailedWritesAreRecordedWithTheirStatus() throws Exception {
        graph.presenceBudget(1, Duration.ofSeconds(30));
        post("/users/u-alice/presence/setPresence", setPresence("Away", "Away", "PT1H"));
        post("/users/u-alice/presence/setPresence", setPresence("Away", "Away", "PT1H"));
        graph.failNext(1, 503, null);
        post("/users/u-alice/presence/clearPresence", clearPresence());

        assertEquals(List.of(200, 429, 503), graph.writeCalls().stream().map(FakeGraph.WriteCall::status).toList());
        assertEquals(List.of(Endpoint.SET_PRESENCE, Endpoint.SET_PRESENCE, Endpoint.CLEAR_PRESENCE),
                graph.writeCalls().stream().map(FakeGraph.WriteCall::endpoint).toList());
    }

    @Test
    void injectedFaultsHitTheNextRequestsThenStop() throws Exception {
        graph.failNext(2, 503, "1.5");
        HttpResponse<String> first = get("/users/u-alice/presence");
        assertGraphError(first, 503, "serviceNotAvailable");
        assertEquals("1.5", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(503, get("/users/u-alice/presence").statusCode());
        assertEquals(200, get("/users/u-alice/presence").statusCode());

        graph.failNext(1, 504, null);
        HttpResponse<String> timeout = get("/users/u-alice/presence");
        assertGraphError(timeout, 504, "gatewayTimeout");
        assertTrue(timeout.headers().firstValue("Retry-After").isEmpty());
    }

    @Test
    void graphDownForASpanFailsEveryRequestUntilTheSpanEnds() throws Exception {
        graph.failFor(Duration.ofSeconds(30), 503, null);

        assertEquals(503, get("/users/u-alice/presence").statusCode());
        assertEquals(503, get("/users/bob@example.com").statusCode());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(200, get("/users/u-alice/presence").statusCode());
    }

    @Test
    void requestsAreCountedPerEndpoint() throws Exception {
        get("/users/u-alice/presence");
        get("/users/u-alice/presence");
        get("/users/alice@example.com");
        post("/communications/getPresencesByUserId", idsBody(1));

        assertEquals(1, graph.requestCount(Endpoint.TOKEN));
        assertEquals(2, graph.requestCount(Endpoint.GET_PRESENCE));
        assertEquals(1, graph.requestCount(Endpoint.GET_USER));
        assertEquals(1, graph.requestCount(Endpoint.GET_PRESENCES_BY_USER_ID));
        assertEquals(0, graph.requestCount(Endpoint.SET_PRESENCE));
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
        assertEquals(status, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(error, body.get("error").asText());
        assertEquals(code, body.get("error_codes").get(0).asInt());
        assertTrue(body.get("error_description").asText().startsWith("AADSTS" + code + ": "));
    }

    private static void assertGraphError(HttpResponse<String> answer, int status, String code) throws IOException {
        assertEquals(status, answer.statusCode(), answer.body());
        JsonNode error = JSON.readTree(answer.body()).get("error");
        assertEquals(code, error.get("code").asText());
        assertTrue(error.has("message"));
        assertTrue(error.get("innerError").has("request-id"));
        assertTrue(error.get("innerError").has("date"));
    }
}
