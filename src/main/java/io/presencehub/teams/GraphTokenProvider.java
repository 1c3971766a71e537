package io.presencehub.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.metrics.HubMetrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /** Graph tokens come without a refresh token; a new one is asked for this long before expiry at most. */
    static final Duration MAX_REFRESH_MARGIN = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String SCOPE = "https://graph.microsoft.com/.default";

    private final GraphSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AadstsErrorTranslator errors = new AadstsErrorTranslator();

    private final Object lock = new Object();
    private CachedToken cached;
    private CompletableFuture<CachedToken> inFlight;
    private TokenStatus status = TokenStatus.notYet();
    private volatile HubMetrics metrics = HubMetrics.off();

    private record CachedToken(String value, Instant refreshAt) {
    }

    public GraphTokenProvider(GraphSettings settings, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public GraphTokenProvider(GraphSettings settings, Clock clock) {
        this(settings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), clock);
    }

    /** Counts the token requests, by HTTP status, in these meters. */
    public void measureWith(HubMetrics metrics) {
        this.metrics = metrics;
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
        Instant askedAt = clock.instant();
        HttpResponse<String> response = send();
        if (response.statusCode() != 200) {
            throw errors.translate(response.statusCode(), response.body(), settings);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw errors.unreadable("token answer is not JSON", settings);
        }
        String token = answer.path("access_token").asText("");
        long expiresIn = answer.path("expires_in").asLong(-1);
        if (token.isEmpty() || expiresIn < 0) {
            throw errors.unreadable("token answer has no access_token or expires_in", settings);
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        // refresh a little early so no call leaves with a token that expires on the way
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(MAX_REFRESH_MARGIN) > 0) {
            margin = MAX_REFRESH_MARGIN;
        }
        return new CachedToken(token, askedAt.plus(lifetime).minus(margin));
    }

    private HttpResponse<String> send() {
        String form = "client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(settings.clientSecret())
                + "&grant_type=client_credentials"
                + "&scope=" + encode(SCOPE);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenUrl()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            metrics.graphAnswered(HubMetrics.GraphRequest.TOKEN, response.statusCode());
            return response;
        } catch (IOException e) {
            metrics.graphAnswered(HubMetrics.GraphRequest.TOKEN, HubMetrics.NO_ANSWER);
            throw new GraphAuthException(AadstsErrorTranslator.withoutSecret("Teams login failed: token host "
                    + settings.loginUrl() + " unreachable (" + e.getClass().getSimpleName() + ")", settings), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphAuthException("Teams login failed: interrupted while asking for a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
