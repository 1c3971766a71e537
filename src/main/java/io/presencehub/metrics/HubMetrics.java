package io.presencehub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.presencehub.model.Origin;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The hub's own meters ({@code presencehub_*}, see docs/metrics.md), which the connectors call at their edges. Built on
 * the registry that camel-micrometer-prometheus serves at {@code /observe/metrics}; {@link #off()} when metrics are
 * switched off, then every call returns at once.
 */
public final class HubMetrics {

    /** World label of {@link #echoSuppressed}. */
    public enum World { ASTERISK, TEAMS }

    /** Call label of {@link #graphAnswered}: one per kind of request the hub sends to Graph or its login. */
    public enum GraphRequest {
        GET_PRESENCES_BY_USER_ID("getPresencesByUserId"), SET_PRESENCE("setPresence"),
        CLEAR_PRESENCE("clearPresence"), SET_STATUS_MESSAGE("setStatusMessage"), TOKEN("token"), USERS("users"),
        SUBSCRIPTIONS("subscriptions");

        private final String label;

        GraphRequest(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Status label of a Graph request that got no HTTP answer (refused, timed out, no token). */
    public static final int NO_ANSWER = 0;

    private static final HubMetrics OFF = new HubMetrics(null);
    /** Upper bounds of the fan-out histogram's buckets: 50 µs .. 5 s. */
    private static final Duration[] FAN_OUT_BUCKETS = {Duration.ofNanos(50_000), Duration.ofNanos(100_000),
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Map<Origin, Counter> applied = new EnumMap<>(Origin.class);
    private final Map<World, Counter> echoes = new EnumMap<>(World.class);
    private final Map<String, Counter> graphRequests = new ConcurrentHashMap<>();
    private final Map<GraphRequest, Counter> throttled = new EnumMap<>(GraphRequest.class);
    private final Map<String, Counter> notifications = new ConcurrentHashMap<>();
    private final Counter amiPresenceEvents;
    private final Counter amiDeviceEvents;
    private final Counter amiReconnects;
    private final Timer fanOut;

    private HubMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            amiPresenceEvents = null;
            amiDeviceEvents = null;
            amiReconnects = null;
            fanOut = null;
            return;
        }
        for (Origin origin : Origin.values()) {
            applied.put(origin, Counter.builder("presencehub.changes.applied").tag("origin", label(origin))
                    .description("Changes stored and fanned out, by the world they came from").register(registry));
        }
        for (World world : World.values()) {
            echoes.put(world, Counter.builder("presencehub.echoes.suppressed").tag("world", label(world))
                    .description("Reports of the hub's own writes recognised and not taken for changes").register(registry));
        }
        for (GraphRequest call : GraphRequest.values()) {
            throttled.put(call, Counter.builder("presencehub.graph.throttled").tag("call", call.label())
                    .description("Graph answers 429 Too Many Requests").register(registry));
        }
        amiPresenceEvents = amiEvents(registry, "presence");
        amiDeviceEvents = amiEvents(registry, "device");
        amiReconnects = Counter.builder("presencehub.ami.reconnects")
                .description("AMI logins after a lost or failed link").register(registry);
        fanOut = Timer.builder("presencehub.fanout.latency")
                .description("From a stored change handed to the fan-out to the end of route presence-state-fanout")
                .serviceLevelObjectives(FAN_OUT_BUCKETS)
                .register(registry);
    }

    /** Meters in this registry. */
    public static HubMetrics on(MeterRegistry registry) {
        return new HubMetrics(registry);
    }

    /** Metrics switched off: every method returns at once. */
    public static HubMetrics off() {
        return OFF;
    }

    public boolean enabled() {
        return registry != null;
    }

    /** A change stored and fanned out: counted by origin, the fan-out's duration into the latency histogram. */
    public void changeApplied(Origin origin, long fanOutNanos) {
        if (registry != null) {
            applied.get(origin).increment();
            fanOut.record(fanOutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A report of one of the hub's own writes came back from this world and was not taken for a change. */
    public void echoSuppressed(World world) {
        if (registry != null) {
            echoes.get(world).increment();
        }
    }

    /** PresenceStateChange events (live, or the entries of a PresenceStateList) arrived over AMI. */
    public void amiPresenceEvents(int count) {
        if (registry != null) {
            amiPresenceEvents.increment(count);
        }
    }

    /** DeviceStateChange events (live, or the entries of a DeviceStateList) arrived over AMI. */
    public void amiDeviceEvents(int count) {
        if (registry != null) {
            amiDeviceEvents.increment(count);
        }
    }

    /** The AMI link logged in again after it had been lost or a login had failed. */
    public void amiReconnected() {
        if (registry != null) {
            amiReconnects.increment();
        }
    }

    /**
     * Items of Graph change or lifecycle notifications, by outcome: {@code accepted} (the hub's subscription, the
     * right clientState) or {@code dropped}.
     */
    public void teamsNotifications(String outcome, int count) {
        if (registry != null && count > 0) {
            notifications.computeIfAbsent(outcome, key -> Counter.builder("presencehub.teams.notifications")
                    .tag("outcome", key).description("Items of Graph change and lifecycle notifications, by outcome")
                    .register(registry)).increment(count);
        }
    }

    /** Graph (or its login) answered a request with this HTTP status, or {@link #NO_ANSWER}. */
    public void graphAnswered(GraphRequest call, int status) {
        if (registry == null) {
            return;
        }
        String statusLabel = status == NO_ANSWER ? "none" : Integer.toString(status);
        graphRequests.computeIfAbsent(call.label() + ' ' + statusLabel, key -> Counter
                .builder("presencehub.graph.requests").tag("call", call.label()).tag("status", statusLabel)
                .description("Requests to Graph and its login, by call and HTTP status").register(registry))
                .increment();
        if (status == 429) {
            throttled.get(call).increment();
        }
    }

    /**
     * A gauge read at every scrape ({@code name} in Micrometer's dotted form, e.g. {@code presencehub.sse.clients};
     * {@code tags} as name, value pairs). For other parts of the hub, such as the web console's event stream.
     */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        if (registry != null) {
            Gauge.builder(name, value).description(description).tags(tags).strongReference(true).register(registry);
        }
    }

    private static Counter amiEvents(MeterRegistry registry, String kind) {
        return Counter.builder("presencehub.ami.events").tag("kind", kind)
                .description("Presence and device state events received over AMI").register(registry);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
