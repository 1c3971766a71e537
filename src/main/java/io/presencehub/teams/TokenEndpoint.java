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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The token endpoint of one app registration ({@code {login-url}/{tenant}/oauth2/v2.0/token}): posts a grant with
 * the app's client id and secret and reads the answer. Shared by the app-only login and the read-access sign-in.
 */
public final class TokenEndpoint {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** The token host refused the grant (an HTTP error answer); the message is one line without secrets. */
    public static final class Refused extends GraphAuthException {

        private final transient AadstsErrorTranslator.AadstsError error;

        Refused(String message, AadstsErrorTranslator.AadstsError error) {
            super(message);
            this.error = error;
        }

        /** What the token host said, in words. */
        public AadstsErrorTranslator.AadstsError error() {
            return error;
        }
    }

    private final GraphSettings app;
    private final HttpClient http;
    private final Clock clock;
    private final AadstsErrorTranslator errors;
    private final ObjectMapper json = new ObjectMapper();
    private volatile HubMetrics metrics = HubMetrics.off();

    public TokenEndpoint(GraphSettings app, HttpClient http, Clock clock, AadstsErrorTranslator errors) {
        this.app = Objects.requireNonNull(app, "app");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** Counts the token requests, by HTTP status, in these meters. */
    public void measureWith(HubMetrics metrics) {
        this.metrics = metrics;
    }

    public GraphSettings app() {
        return app;
    }

    /**
     * Posts this grant (client id and secret are added) and returns the tokens.
     *
     * @throws Refused            when the token host answered with an error
     * @throws GraphAuthException when it could not be reached or its answer is unreadable
     */
    public TokenAnswer post(Map<String, String> grant) {
        Instant askedAt = clock.instant();
        HttpResponse<String> response = send(grant);
        if (response.statusCode() != 200) {
            throw new Refused(errors.translate(response.statusCode(), response.body(), app).getMessage(),
                    errors.read(response.body(), app));
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw errors.unreadable("token answer is not JSON", app);
        }
        String token = answer.path("access_token").asText("");
        long expiresIn = answer.path("expires_in").asLong(-1);
        if (token.isEmpty() || expiresIn < 0) {
            throw errors.unreadable("token answer has no access_token or expires_in", app);
        }
        return new TokenAnswer(token, TokenAnswer.renewAt(askedAt, Duration.ofSeconds(expiresIn)),
                text(answer, "refresh_token"), text(answer, "id_token"));
    }

    private static Optional<String> text(JsonNode answer, String field) {
        return Optional.of(answer.path(field).asText("")).filter(v -> !v.isEmpty());
    }

    private HttpResponse<String> send(Map<String, String> grant) {
        String form = "client_id=" + encode(app.clientId()) + "&client_secret=" + encode(app.clientSecret()) + "&"
                + grant.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.tokenUrl()))
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
            throw errors.unreachable("token host " + app.loginUrl() + " unreachable (" + e.getClass().getSimpleName()
                    + ")", app, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.unreachable("interrupted while asking for a token", app, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
