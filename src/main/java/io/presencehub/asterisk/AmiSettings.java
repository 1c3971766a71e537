package io.presencehub.asterisk;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and supervise one AMI login.
 *
 * @param pingInterval how often a Ping is sent, so that a healthy link always has traffic
 * @param readTimeout  silence after which the link is considered dead; must exceed pingInterval
 * @param reconnectMin first back-off after a failed connect; doubles up to reconnectMax
 * @param authRetry    fixed wait after "Authentication failed" (hammering Asterisk with bad logins helps nobody)
 */
public record AmiSettings(String host, int port, String username, String secret, Duration pingInterval,
                          Duration readTimeout, Duration reconnectMin, Duration reconnectMax, Duration authRetry) {

    public AmiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(authRetry, "authRetry");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("AMI port out of range: " + port);
        }
        if (readTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("AMI readTimeout (" + readTimeout
                    + ") must be longer than pingInterval (" + pingInterval + "), or a healthy link times out");
        }
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("AMI reconnectMax must not be shorter than reconnectMin");
        }
    }

    /** Production defaults: ping every 10 s, dead after 25 s of silence, back-off 1 s..30 s, 30 s after a bad login. */
    public static AmiSettings withDefaults(String host, int port, String username, String secret) {
        return new AmiSettings(host, port, username, secret, Duration.ofSeconds(10), Duration.ofSeconds(25),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** host:port, for log lines. */
    public String address() {
        return host + ":" + port;
    }

    /** Masks the secret: these settings end up in logs and health output. */
    @Override
    public String toString() {
        return "AmiSettings[host=" + host + ", port=" + port + ", username=" + username + ", secret=****"
                + ", pingInterval=" + pingInterval + ", readTimeout=" + readTimeout + ", reconnectMin=" + reconnectMin
                + ", reconnectMax=" + reconnectMax + ", authRetry=" + authRetry + "]";
    }
}
