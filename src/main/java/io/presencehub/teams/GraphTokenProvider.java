package io.presencehub.teams;

import io.presencehub.metrics.HubMetrics;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * App-only (client credentials) access tokens for Graph, cached until shortly before they expire.
 *
 * <p>Thread-safe: concurrent callers that find no valid token share one in-flight request to the token host.
 */
public final class GraphTokenProvider implements AccessTokens {

    private static final String SCOPE = "https://graph.microsoft.com/.default";

    private final GraphSettings settings;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    private final Object lock = new Object();
    private CachedToken cached;
    private CompletableFuture<CachedToken> inFlight;
    private TokenStatus status = TokenStatus.notYet();

    private record CachedToken(String value, Instant refreshAt) {
    }

    public GraphTokenProvider(GraphSettings settings, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Graph tokens come without a refresh token: a new one is asked for shortly before expiry
        this.endpoint = new TokenEndpoint(settings, http, clock, new AadstsErrorTranslator());
    }

    public GraphTokenProvider(GraphSettings settings, Clock clock) {
        this(settings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), clock);
    }

    /** Counts the token requests, by HTTP status, in these meters. */
    public void measureWith(HubMetrics metrics) {
        endpoint.measureWith(metrics);
    }

    /** A valid access token (without the "Bearer " prefix); asks the token host only when the cached one is due. */
    @Override
    public String accessToken() {
        CompletableFuture<CachedToken> pending;
        boolean leader = false;
        synchronized (lock) {
            if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                return cached.value();
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            pending = inFlight;
        }
        if (leader) {
            refresh(pending);
        }
        try {
            return pending.join().value();
        } catch (CompletionException e) {
            if (e.getCause() instanceof GraphAuthException auth) {
                throw auth;
            }
            throw new GraphAuthException("Teams login failed: " + e.getCause(), e.getCause());
        }
    }

    /** Drops the cached token, so the next call asks for a new one (after Graph answered 401). */
    public void invalidate() {
        synchronized (lock) {
            cached = null;
        }
    }

    /**
     * Drops the cached token only if it is the one Graph rejected; when many calls fail with the same old token,
     * the first one's refresh is kept.
     */
    @Override
    public void invalidate(String rejectedToken) {
        synchronized (lock) {
            if (cached != null && cached.value().equals(rejectedToken)) {
                cached = null;
            }
        }
    }

    /** The login health: OK or the last error, for a health check. */
    public TokenStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    /** When the cached token is renewed at the latest (shortly before it expires); empty while none is cached. */
    public Optional<Instant> renewedBy() {
        synchronized (lock) {
            return Optional.ofNullable(cached).map(CachedToken::refreshAt);
        }
    }

    private void refresh(CompletableFuture<CachedToken> pending) {
        try {
            CachedToken token = fetch();
            synchronized (lock) {
                cached = token;
                inFlight = null;
                if (!status.isOk()) {
                    status = new TokenStatus(TokenStatus.State.OK, "OK", clock.instant());
                }
            }
            pending.complete(token);
        } catch (RuntimeException e) {
            GraphAuthException failure = e instanceof GraphAuthException auth ? auth
                    : new GraphAuthException(AadstsErrorTranslator.withoutSecret("Teams login failed: " + e, settings),
                    e);
            synchronized (lock) {
                inFlight = null;
                status = new TokenStatus(TokenStatus.State.FAILED, failure.getMessage(), clock.instant());
            }
            pending.completeExceptionally(failure);
        }
    }

    private CachedToken fetch() {
        TokenAnswer answer = endpoint.post(Map.of("grant_type", "client_credentials", "scope", SCOPE));
        return new CachedToken(answer.accessToken(), answer.renewAt());
    }
}
