package io.presencehub.teams;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings for Microsoft Graph: the app registration (tenant, client id, secret), the two hosts and the
 * sync timings.
 *
 * @param tenantId          directory (tenant) id
 * @param clientId          application (client) id; also the {@code sessionId} of every setPresence call
 * @param clientSecret      client secret; never printed
 * @param graphUrl          Graph base URL without trailing slash, default {@value #DEFAULT_GRAPH_URL}
 * @param loginUrl          token host without trailing slash, default {@value #DEFAULT_LOGIN_URL}
 * @param pollInterval      how often presence is polled, default 10 s (as the STARFACE seed)
 * @param sessionExpiration expirationDuration of app sessions, PT5M..PT4H, default PT4H
 * @param syncNote          whether hub notes become Teams status messages, default true
 */
public record GraphSettings(String tenantId, String clientId, String clientSecret, String graphUrl, String loginUrl,
                            Duration pollInterval, Duration sessionExpiration, boolean syncNote) {

    public static final String DEFAULT_GRAPH_URL = "https://graph.microsoft.com/v1.0";
    public static final String DEFAULT_LOGIN_URL = "https://login.microsoftonline.com";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SESSION_EXPIRATION = Duration.ofHours(4);
    /** Graph rejects setPresence outside this range with 400. */
    public static final Duration MIN_SESSION_EXPIRATION = Duration.ofMinutes(5);
    public static final Duration MAX_SESSION_EXPIRATION = Duration.ofHours(4);

    public GraphSettings {
        tenantId = required(tenantId, "tenant id");
        clientId = required(clientId, "client id");
        clientSecret = required(clientSecret, "client secret");
        graphUrl = withoutTrailingSlash(graphUrl == null || graphUrl.isBlank() ? DEFAULT_GRAPH_URL : graphUrl);
        loginUrl = withoutTrailingSlash(loginUrl == null || loginUrl.isBlank() ? DEFAULT_LOGIN_URL : loginUrl);
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        sessionExpiration = sessionExpiration == null ? DEFAULT_SESSION_EXPIRATION : sessionExpiration;
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("Teams poll interval must be positive, was " + pollInterval);
        }
        if (sessionExpiration.compareTo(MIN_SESSION_EXPIRATION) < 0
                || sessionExpiration.compareTo(MAX_SESSION_EXPIRATION) > 0) {
            throw new IllegalArgumentException("Teams session expiration must be between PT5M and PT4H (Graph rejects"
                    + " anything else), was " + sessionExpiration);
        }
    }

    /** Settings with every default: the public Microsoft hosts, 10 s polling, PT4H sessions, notes synced. */
    public static GraphSettings of(String tenantId, String clientId, String clientSecret) {
        return new GraphSettings(tenantId, clientId, clientSecret, null, null, null, null, true);
    }

    /** The same settings talking to other hosts (a national cloud, or a fake in tests). */
    public GraphSettings withUrls(String newGraphUrl, String newLoginUrl) {
        return new GraphSettings(tenantId, clientId, clientSecret, newGraphUrl, newLoginUrl, pollInterval,
                sessionExpiration, syncNote);
    }

    /** The same settings with another secret (after a rotation). */
    public GraphSettings withClientSecret(String newSecret) {
        return new GraphSettings(tenantId, clientId, newSecret, graphUrl, loginUrl, pollInterval, sessionExpiration,
                syncNote);
    }

    /** The token endpoint for client credentials. */
    public String tokenUrl() {
        return loginUrl + "/" + tenantId + "/oauth2/v2.0/token";
    }

    @Override
    public String toString() {
        // the secret must never reach a log line, not even in part
        return "GraphSettings[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=****"
                + ", graphUrl=" + graphUrl + ", loginUrl=" + loginUrl + ", pollInterval=" + pollInterval
                + ", sessionExpiration=" + sessionExpiration + ", syncNote=" + syncNote + "]";
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Teams " + what + " is required");
        }
        return value.trim();
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = Objects.requireNonNull(url).trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
