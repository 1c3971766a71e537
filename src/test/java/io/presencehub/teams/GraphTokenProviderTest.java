package io.presencehub.teams;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphTokenProviderTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-03-02T08:00:00Z"));
    private FakeGraph graph;

    @BeforeEach
    void startFake() {
        graph = FakeGraph.start(clock);
        graph.addUser("u1", "a@example.com");
    }

    @AfterEach
    void stopFake() {
        graph.close();
    }

    @Test
    void oneTokenRequestServesManyCalls() throws Exception {
        GraphTokenProvider tokens = provider(graph.settings());

        String first = tokens.accessToken();
        for (int i = 0; i < 50; i++) {
            assertThat(tokens.accessToken()).isEqualTo(first);
        }
        assertThat(graph.requestCount(FakeGraph.Endpoint.TOKEN)).isEqualTo(1);
        assertThat(readPresence(first)).isEqualTo(200);
    }

    @ParameterizedTest(name = "lifetime {0}s refreshes {1}s early")
    @CsvSource({"3599, 60", "600, 60", "100, 10", "20, 2"})
    void theTokenIsRefreshedShortlyBeforeItExpires(long lifetime, long margin) {
        graph.tokenLifetime(Duration.ofSeconds(lifetime));
        GraphTokenProvider tokens = provider(graph.settings());
        String first = tokens.accessToken();

        clock.advance(Duration.ofSeconds(lifetime - margin - 1));
        assertThat(tokens.accessToken()).isEqualTo(first);
        assertThat(graph.tokensIssued()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.accessToken()).isNotEqualTo(first);
        assertThat(graph.tokensIssued()).isEqualTo(2);
    }

    @Test
    void afterTheFakesShortLifetimeTheNewTokenIsAcceptedAndTheOldOneNot() throws Exception {
        graph.tokenLifetime(Duration.ofSeconds(30));
        GraphTokenProvider tokens = provider(graph.settings());
        String first = tokens.accessToken();

        clock.advance(Duration.ofSeconds(30));
        String second = tokens.accessToken();

        assertThat(readPresence(first)).isEqualTo(401);
        assertThat(readPresence(second)).isEqualTo(200);
    }

    @Test
    void invalidatingTheRejectedTokenFetchesOneNewToken() throws Exception {
        GraphTokenProvider tokens = provider(graph.settings());
        String first = tokens.accessToken();
        graph.revokeAllTokens();
        assertThat(readPresence(first)).isEqualTo(401);

        tokens.invalidate(first);
        String second = tokens.accessToken();
        tokens.invalidate(first); // a late caller with the same old token must not drop the new one

        assertThat(tokens.accessToken()).isEqualTo(second);
        assertThat(readPresence(second)).isEqualTo(200);
        assertThat(graph.tokensIssued()).isEqualTo(2);
    }

    @Test
    void invalidateWithoutArgumentAlwaysDropsTheCachedToken() {
        GraphTokenProvider tokens = provider(graph.settings());
        String first = tokens.accessToken();

        tokens.invalidate();

        assertThat(tokens.accessToken()).isNotEqualTo(first);
    }

    @Test
    void concurrentCallersShareOneInFlightRefresh() throws Exception {
        graph.tokenResponseDelay(Duration.ofMillis(300));
        GraphTokenProvider tokens = provider(graph.settings());
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tokens.accessToken();
                }));
            }
            start.countDown();
            Set<String> seen = results.stream().map(GraphTokenProviderTest::within10s).collect(Collectors.toSet());

            assertThat(seen).hasSize(1);
            assertThat(graph.requestCount(FakeGraph.Endpoint.TOKEN)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "wrong secret   | Teams login failed: AADSTS7000215 invalid client secret (check the configured secret value, not its id) | 7000215",
            "expired secret | Teams login failed: AADSTS7000222 client secret expired (create a new secret for the app registration) | 7000222",
            "unknown app    | Teams login failed: AADSTS700016 application 99999999-0000-0000-0000-000000000000 not found in tenant fake-tenant | 700016",
    })
    void credentialErrorsBecomeOneClearLineWithoutTheSecret(String scenario, String message, int code) {
        GraphSettings settings = graph.settings();
        switch (scenario) {
            case "wrong secret" -> settings = new GraphSettings(settings.tenantId(), settings.clientId(),
                    "Wrong~Secret.987", settings.graphUrl(), settings.loginUrl());
            case "expired secret" -> graph.expireSecret();
            default -> settings = new GraphSettings(settings.tenantId(), "99999999-0000-0000-0000-000000000000",
                    settings.clientSecret(), settings.graphUrl(), settings.loginUrl());
        }
        GraphTokenProvider tokens = provider(settings);

        assertThatThrownBy(tokens::accessToken).isInstanceOf(GraphAuthException.class)
                .hasMessage(message)
                .hasMessageNotContaining(settings.clientSecret())
                .hasMessageStartingWith("Teams login failed: AADSTS" + code + " ");
        assertThat(tokens.status().state()).isEqualTo(TokenStatus.State.FAILED);
        assertThat(tokens.status().detail()).isEqualTo(message);
    }

    @Test
    void missingConsentIsNamed() {
        graph.failTokenRequestsWith(400, "invalid_grant", 65001, "The user or administrator has not consented.");

        assertThatThrownBy(provider(graph.settings())::accessToken).isInstanceOf(GraphAuthException.class)
                .hasMessage("Teams login failed: AADSTS65001 admin consent missing for application " + FakeGraph.CLIENT_ID
                        + " (grant Presence.ReadWrite.All and User.Read.All)");
    }

    @Test
    void anUnknownAadstsCodeIsReportedWithoutEchoingTheSecret() {
        graph.failTokenRequestsWith(400, "odd_error " + FakeGraph.CLIENT_SECRET, 123456,
                "Something about " + FakeGraph.CLIENT_SECRET);

        assertThatThrownBy(provider(graph.settings())::accessToken).isInstanceOf(GraphAuthException.class)
                .hasMessage("Teams login failed: AADSTS123456 odd_error **** (HTTP 400)");
    }

    @Test
    void aTokenHostOutageIsRetryableAndRecoveryShowsOkAgain() {
        GraphTokenProvider tokens = provider(graph.settings());
        assertThat(tokens.status().state()).isEqualTo(TokenStatus.State.NOT_YET_REQUESTED);
        graph.failTokenRequestsWith(503, "temporarily_unavailable", 90033, "A transient error has occurred.");

        assertThatThrownBy(tokens::accessToken).isInstanceOf(GraphAuthException.class)
                .hasMessageStartingWith("Teams login failed: ");
        assertThat(tokens.status().isOk()).isFalse();

        graph.clearTokenFailure();
        tokens.accessToken();
        assertThat(tokens.status().isOk()).isTrue();
        assertThat(tokens.status().detail()).isEqualTo("OK");
        assertThat(graph.requestCount(FakeGraph.Endpoint.TOKEN)).as("a failure is not cached").isEqualTo(2);
    }

    @Test
    void anUnreachableTokenHostIsARetryableErrorNamingTheHost() throws IOException {
        String deadUrl;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadUrl = "http://127.0.0.1:" + socket.getLocalPort() + "/login";
        }
        GraphSettings settings = new GraphSettings(FakeGraph.TENANT_ID, FakeGraph.CLIENT_ID, FakeGraph.CLIENT_SECRET,
                graph.graphUrl(), deadUrl);

        assertThatThrownBy(provider(settings)::accessToken).isInstanceOf(GraphAuthException.class)
                .hasMessageStartingWith("Teams login failed: token host " + deadUrl + " unreachable")
                .hasMessageNotContaining(settings.clientSecret());
    }

    private GraphTokenProvider provider(GraphSettings settings) {
        return new GraphTokenProvider(settings, http, clock);
    }

    private int readPresence(String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(graph.graphUrl() + "/users/u1/presence"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String within10s(Future<String> result) {
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
