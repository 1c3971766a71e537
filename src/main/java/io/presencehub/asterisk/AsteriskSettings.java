package io.presencehub.asterisk;

import io.presencehub.camel.HubSettings;
import io.presencehub.model.StatusType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every {@code hub.asterisk.*} setting of the connector: how to reach and supervise the one AMI login, and the
 * Status Sync rules of seed 000. Built once, by {@link AsteriskConfiguration}, from the properties; the defaults
 * live only in {@code application.properties}.
 *
 * @param pingInterval   how often a Ping is sent, so that a healthy link always has traffic
 * @param readTimeout    silence after which the link is considered dead; must exceed pingInterval
 * @param reconnectMin   first back-off after a failed connect; doubles up to reconnectMax
 * @param authRetry      fixed wait after "Authentication failed" (hammering Asterisk with bad logins helps nobody)
 * @param priority       status types, highest first; types not listed rank below every listed one
 */
public record AsteriskSettings(String host, int port, String username, String secret, Duration pingInterval,
                               Duration readTimeout, Duration reconnectMin, Duration reconnectMax, Duration authRetry,
                               boolean syncEnabled, IncomingMethod incoming,
                               OutgoingMethod outgoing, List<StatusType> priority, AsteriskStateMapper mapper) {

    public AsteriskSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(authRetry, "authRetry");
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(outgoing, "outgoing");
        priority = List.copyOf(priority);
        Objects.requireNonNull(mapper, "mapper");
        if (port <= 0 || port > 65535) {
            throw new IllegalStateException("setting hub.asterisk.port out of range: " + port);
        }
        if (readTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalStateException("setting hub.asterisk.read-timeout (" + readTimeout
                    + ") must be longer than hub.asterisk.ping-interval (" + pingInterval + "), or a healthy link times out");
        }
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalStateException("setting hub.asterisk.reconnect-max must not be shorter than reconnect-min");
        }
    }

    /** Reads every {@code hub.asterisk.*} setting; a missing or bad one is an error naming its key. */
    public static AsteriskSettings from(HubSettings settings) {
        return new AsteriskSettings(settings.text("hub.asterisk.host"), settings.integer("hub.asterisk.port"),
                settings.text("hub.asterisk.username"),
                settings.optionalText("hub.asterisk.secret").orElseThrow(() -> new IllegalStateException(
                        "setting hub.asterisk.secret is missing: set the environment variable HUB_ASTERISK_SECRET")),
                settings.duration("hub.asterisk.ping-interval"), settings.duration("hub.asterisk.read-timeout"),
                settings.duration("hub.asterisk.reconnect-min"), settings.duration("hub.asterisk.reconnect-max"),
                settings.duration("hub.asterisk.auth-retry"),
                settings.flag("hub.asterisk.sync-enabled"),
                IncomingMethod.parse("hub.asterisk.incoming-method", settings.text("hub.asterisk.incoming-method")),
                OutgoingMethod.parse("hub.asterisk.outgoing-method", settings.text("hub.asterisk.outgoing-method")),
                parsePriority("hub.asterisk.status-type-priority", settings.text("hub.asterisk.status-type-priority")),
                // an empty mapping value is kept: "map to nothing", like none
                AsteriskStateMapper.from(settings::presentText));
    }

    /** Parses a comma list of status types, highest first; rejects unknown and repeated types. */
    static List<StatusType> parsePriority(String key, String value) {
        List<StatusType> order = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            StatusType type = StatusType.fromCode(part).orElseThrow(() -> new IllegalStateException("setting " + key
                    + " lists '" + part.trim() + "', which is not a hub status type"
                    + " (available, chat, away, xa, dnd, unavailable)"));
            if (order.contains(type)) {
                throw new IllegalStateException("setting " + key + " lists '" + type.code() + "' twice");
            }
            order.add(type);
        }
        return order;
    }

    /** The rank of a type in the priority list: 0 is highest; unlisted types rank last. */
    public int rank(StatusType type) {
        int index = priority.indexOf(type);
        return index < 0 ? priority.size() : index;
    }

    /** host:port, for log lines. */
    public String address() {
        return host + ":" + port;
    }

    /** Masks the secret: these settings end up in logs and health output. */
    @Override
    public String toString() {
        return "AsteriskSettings[host=" + host + ", port=" + port + ", username=" + username + ", secret=****"
                + ", pingInterval=" + pingInterval + ", readTimeout=" + readTimeout + ", reconnectMin=" + reconnectMin
                + ", reconnectMax=" + reconnectMax + ", authRetry=" + authRetry
                + ", sync=" + syncEnabled + ", incoming=" + incoming.code() + ", outgoing=" + outgoing.code()
                + ", priority=" + priority + "]";
    }
}
