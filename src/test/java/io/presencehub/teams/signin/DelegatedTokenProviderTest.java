package io.presencehub.teams.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.store.Observation;
import io.presencehub.teams.AadstsErrorTranslator;
import io.presencehub.teams.FakeClock;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.GraphAuthException;
import io.presencehub.teams.GraphSettings;
import io.presencehub.teams.TokenEndpoint;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.MemoryStateStore;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the fake token host: the code is redeemed with PKCE, the refresh token is stored (and replaced when it
 * rotates), a new provider on the same store needs no new sign-in, a refused refresh token becomes a problem naming
 * the sign-in link, one refresh serves concurrent callers, and no token reaches a log line or a toString.
 */
class DelegatedTokenProviderTest {

    private static final String PUBLIC_URL = "https://hub.example.com";
    private static final String SIGN_IN_URL = PUBLIC_URL + "/teams/signin";

    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-03-02T08:00:00Z"));
    private final FakeGraph graph = FakeGraph.start(clock);
    private final MemoryStateStore store = new MemoryStateStore();
    private final ReadAccessSettings settings = new ReadAccessSettings(new GraphSettings(FakeGraph.TENANT_ID,
            FakeGraph.READ_CLIENT_ID, FakeGraph.READ_CLIENT_SECRET, graph.graphUrl(), graph.loginUrl()), PUBLIC_URL);
    private final Browser browser = new Browser();

    DelegatedTokenProviderTest() {
        graph.addUser("u1", "ada@example.com").signInAs("u1");
    }

    @AfterEach
    void stopFake() {
        graph.close();
    }

    @Test
    void beforeAnySignInThereIsNoTokenAndTheProblemSaysWhereToSignIn() {
        DelegatedTokenProvider tokens = provider();

        assertThat(tokens.signedIn()).isFalse();
        assertThat(tokens.problem()).isEqualTo("not signed in: sign in at " + SIGN_IN_URL);
        assertThatThrownBy(tokens::accessToken).isInstanceOf(GraphAuthException.class)
                .hasMessage("not signed in: sign in at " + SIGN_IN_URL);
        assertThat(graph.requestCount(FakeGraph.Endpoint.TOKEN)).isZero();
    }

    @Test
    void theRedeemedCodeNamesTheUserAndItsRefreshTokenIsStored() {
        DelegatedTokenProvider tokens = provider();

        SignedInUser user = signIn(tokens);

        assertThat(user).isEqualTo(new SignedInUser("User u1", "ada@example.com"));
        assertThat(tokens.signedIn()).isTrue();
        assertThat(tokens.problem()).isEmpty();
        assertThat(tokens.describe()).isEqualTo("signed in as User u1 (ada@example.com) since 2026-03-02T08:00:00Z");
        assertThat(stored().value()).contains(graph.currentRefreshToken().orElseThrow()).contains("ada@example.com");
        // the redemption's access token is used: no refresh yet, and Graph takes it
        assertThat(readPresence(tokens.accessToken(), "u1")).isEqualTo(200);
        assertThat(graph.refreshGrants()).isZero();
    }

    @Test
    void theAccessTokenIsRefreshedShortlyBeforeExpiryAndTheRotatedRefreshTokenReplacesTheStoredOne() {
        DelegatedTokenProvider tokens = provider();
        signIn(tokens);
        String first = tokens.accessToken();
        String firstRefresh = graph.currentRefreshToken().orElseThrow();

        clock.advance(Duration.ofSeconds(3599 - 61));
        assertThat(tokens.accessToken()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        String second = tokens.accessToken();

        assertThat(second).isNotEqualTo(first);
        assertThat(graph.refreshGrants()).isEqualTo(1);
        String rotated = graph.currentRefreshToken().orElseThrow();
        assertThat(rotated).isNotEqualTo(firstRefresh);
        assertThat(stored().value()).contains(rotated).doesNotContain(firstRefresh);
        assertThat(readPresence(second, "u1")).isEqualTo(200);
    }

    @Test
    void aRestartedProviderUsesTheStoredRefreshTokenWithoutANewSignIn() {
        signIn(provider());

        DelegatedTokenProvider restarted = provider();

        assertThat(restarted.signedIn()).isTrue();
        assertThat(restarted.describe()).startsWith("signed in as User u1 (ada@example.com) since ");
        assertThat(readPresence(restarted.accessToken(), "u1")).isEqualTo(200);
        assertThat(graph.refreshGrants()).isEqualTo(1);
        assertThat(stored().value()).contains(graph.currentRefreshToken().orElseThrow());
    }

    @Test
    void aRevokedRefreshTokenIsAProblemNamingTheSignInLinkAndStaysOneAfterARestart() {
        signIn(provider());
        graph.revokeRefreshTokens();
        DelegatedTokenProvider tokens = provider();
        String problem = "Teams read access refused (AADSTS700082: refresh token expired): sign in again at "
                + SIGN_IN_URL;

        assertThatThrownBy(tokens::accessToken).isInstanceOf(GraphAuthException.class).hasMessage(problem);
        assertThat(tokens.signedIn()).isFalse();
        assertThat(tokens.problem()).isEqualTo(problem);
        assertThat(tokens.describe()).isEqualTo(problem);
        // kept, not dropped: the store says why, and a restart does not ask the token host again
        assertThat(stored().value()).contains(problem);
        int tokenRequests = graph.requestCount(FakeGraph.Endpoint.TOKEN);
        DelegatedTokenProvider restarted = provider();
        assertThat(restarted.signedIn()).isFalse();
        assertThatThrownBy(restarted::accessToken).hasMessage(problem);
        assertThat(graph.requestCount(FakeGraph.Endpoint.TOKEN)).isEqualTo(tokenRequests);
    }

    @Test
    void aNewSignInAfterARefusalWorksAgain() {
        signIn(provider());
        graph.revokeRefreshTokens();
        DelegatedTokenProvider tokens = provider();
        assertThatThrownBy(tokens::accessToken).isInstanceOf(GraphAuthException.class);

        signIn(tokens);

        assertThat(tokens.signedIn()).isTrue();
        assertThat(readPresence(tokens.accessToken(), "u1")).isEqualTo(200);
    }

    @Test
    void aCodeIsRedeemedOnceAndAFailedRedemptionKeepsTheEarlierSignIn() {
        DelegatedTokenProvider tokens = provider();
        Pkce pkce = Pkce.create();
        String code = code(pkce);
        tokens.redeem(code, pkce);

        assertThatThrownBy(() -> tokens.redeem(code, pkce)).isInstanceOfSatisfying(TokenEndpoint.Refused.class,
                refused -> assertThat(refused.error()).isEqualTo(new AadstsErrorTranslator.AadstsError("invalid_grant",
                        70008, "sign-in code expired or already used")));
        Pkce other = Pkce.create();
        assertThatThrownBy(() -> tokens.redeem(code(pkce), other)).isInstanceOfSatisfying(TokenEndpoint.Refused.class,
                refused -> assertThat(refused.error().code()).isEqualTo(501481));
        assertThat(tokens.signedIn()).isTrue();
    }

    @Test
    void listenersRunAfterEachSuccessfulSignInOnly() {
        DelegatedTokenProvider tokens = provider();
        AtomicInteger runs = new AtomicInteger();
        tokens.addSignInListener(runs::incrementAndGet);
        tokens.addSignInListener(() -> {
            throw new IllegalStateException("a failing listener does not stop the others");
        });
        tokens.addSignInListener(runs::incrementAndGet);

        signIn(tokens);
        signIn(tokens);
        Pkce pkce = Pkce.create();
        assertThatThrownBy(() -> tokens.redeem("no-such-code", pkce)).isInstanceOf(GraphAuthException.class);

        assertThat(runs).hasValue(4);
    }

    @Test
    void concurrentCallersShareOneRefresh() throws Exception {
        signIn(provider());
        DelegatedTokenProvider tokens = provider();
        graph.tokenResponseDelay(Duration.ofMillis(200));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit((Callable<String>) tokens::accessToken));
            }
            String first = answers.get(0).get();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(graph.refreshGrants()).isEqualTo(1);
    }

    @Test
    void invalidateDropsOnlyTheRejectedToken() {
        DelegatedTokenProvider tokens = provider();
        signIn(tokens);
        String first = tokens.accessToken();

        tokens.invalidate("some-other-token");
        assertThat(tokens.accessToken()).isEqualTo(first);
        tokens.invalidate(first);

        assertThat(tokens.accessToken()).isNotEqualTo(first);
        assertThat(graph.refreshGrants()).isEqualTo(1);
    }

    @Test
    void noTokenCodeOrVerifierReachesALogLineOrAToString() {
        List<String> secrets = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            DelegatedTokenProvider tokens = provider();
            Pkce pkce = Pkce.create();
            String code = code(pkce);
            secrets.addAll(List.of(code, pkce.verifier()));
            tokens.redeem(code, pkce);
            secrets.add(graph.currentRefreshToken().orElseThrow());
            secrets.add(tokens.accessToken());
            clock.advance(Duration.ofHours(1));
            secrets.add(tokens.accessToken());
            secrets.add(graph.currentRefreshToken().orElseThrow());
            graph.revokeRefreshTokens();
            clock.advance(Duration.ofHours(1));
            assertThatThrownBy(tokens::accessToken).isInstanceOf(GraphAuthException.class);
            secrets.add(FakeGraph.READ_CLIENT_SECRET);

            List<String> visible = new ArrayList<>(logs.all().stream().map(LogCapture.Line::message).toList());
            visible.add(tokens.toString());
            visible.add(StoredSignInCodec.decode(stored().value()).toString());
            visible.add(settings.toString());
            assertThat(logs.all()).anyMatch(l -> l.message().contains("signed in as User u1"));
            for (String secret : secrets) {
                assertThat(visible).noneMatch(text -> text.contains(secret));
            }
        }
    }

    private DelegatedTokenProvider provider() {
        return new DelegatedTokenProvider(settings, new TokenEndpoint(settings.app(), HttpClient.newHttpClient(), clock,
                AadstsErrorTranslator.forReadAccess()), store, clock);
    }

    private SignedInUser signIn(DelegatedTokenProvider tokens) {
        Pkce pkce = Pkce.create();
        return tokens.redeem(code(pkce), pkce);
    }

    /** What the browser brings back from the authorize endpoint, asked as the hub asks. */
    private String code(Pkce pkce) {
        String back = Browser.location(browser.get(settings.authorizeUrl("state-1", pkce)));
        assertThat(back).startsWith(settings.redirectUri() + "?");
        assertThat(Browser.parameter(back, "state")).contains("state-1");
        return Browser.parameter(back, "code").orElseThrow(() -> new AssertionError("no code in " + back));
    }

    /** The status of Graph's answer to a presence read with this bearer token. */
    private int readPresence(String token, String userId) {
        return browser.get(graph.graphUrl() + "/users/" + userId + "/presence", Optional.of("Bearer " + token))
                .statusCode();
    }

    private Observation stored() {
        return Optional.ofNullable(store.loadObservations(DelegatedTokenProvider.KIND).get(DelegatedTokenProvider.KEY))
                .orElseThrow(() -> new AssertionError("no stored sign-in"));
    }
}
