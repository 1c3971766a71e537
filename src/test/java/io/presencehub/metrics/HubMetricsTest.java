package io.presencehub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.sync.ChangePublisher;
import io.presencehub.sync.ExtensionReassignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** HubMetrics on a plain Micrometer registry, and switched off. */
class HubMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HubMetrics metrics = HubMetrics.on(registry);

    @Test
    void everyOriginHasItsCounterFromTheStartAndTheFanOutTimeIsRecorded() {
        for (Origin origin : Origin.values()) {
            assertThat(registry.get("presencehub.changes.applied").tag("origin", origin.name().toLowerCase())
                    .counter().count()).isZero();
        }
        metrics.changeApplied(Origin.TEAMS, 2_000_000);

        assertThat(registry.get("presencehub.changes.applied").tag("origin", "teams").counter().count()).isEqualTo(1);
        assertThat(registry.get("presencehub.fanout.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("presencehub.fanout.latency").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2);
    }

    @Test
    void graphAnswersAreCountedByCallAndStatusAnd429sAlsoAsThrottled() {
        metrics.graphAnswered(HubMetrics.GraphRequest.SET_PRESENCE, 200);
        metrics.graphAnswered(HubMetrics.GraphRequest.SET_PRESENCE, 200);
        metrics.graphAnswered(HubMetrics.GraphRequest.SET_PRESENCE, 429);
        metrics.graphAnswered(HubMetrics.GraphRequest.TOKEN, HubMetrics.NO_ANSWER);

        assertThat(requests("setPresence", "200")).isEqualTo(2);
        assertThat(requests("setPresence", "429")).isEqualTo(1);
        assertThat(requests("token", "none")).isEqualTo(1);
        assertThat(registry.get("presencehub.graph.throttled").tag("call", "setPresence").counter().count()).isEqualTo(1);
        assertThat(registry.get("presencehub.graph.throttled").tag("call", "token").counter().count()).isZero();
    }

    @Test
    void aGaugeRegisteredByOtherCodeIsReadAtEveryScrape() {
        AtomicInteger clients = new AtomicInteger(3);
        metrics.gauge("presencehub.sse.clients", "SSE clients connected", clients::get);
        assertThat(registry.get("presencehub.sse.clients").gauge().value()).isEqualTo(3);
        clients.set(5);
        assertThat(registry.get("presencehub.sse.clients").gauge().value()).isEqualTo(5);
    }

    @Test
    void switchedOffEveryCallReturnsAtOnceAndNoGaugeIsEverRead() {
        HubMetrics off = HubMetrics.off();
        off.changeApplied(Origin.ASTERISK, 1);
        off.echoSuppressed(HubMetrics.World.ASTERISK);
        off.amiPresenceEvents(3);
        off.amiDeviceEvents(3);
        off.amiReconnected();
        off.graphAnswered(HubMetrics.GraphRequest.USERS, 429);
        off.gauge("presencehub.sse.clients", "never read", () -> {
            throw new AssertionError("a gauge of switched-off metrics was read");
        });
        assertThat(off.enabled()).isFalse();
    }

    @Test
    void theMeteredPublisherPassesEverythingOnAndCountsOnlyStateChanges() {
        List<Object> passed = new ArrayList<>();
        ChangePublisher metered = new MeteredChangePublisher(new ChangePublisher() {
            @Override
            public void stateChanged(StateChange change) {
                passed.add(change);
            }

            @Override
            public void directoryChanged(List<DirectoryEvent> events) {
                passed.add(events);
            }

            @Override
            public void extensionReassigned(ExtensionReassignment reassignment) {
                passed.add(reassignment);
            }
        }, metrics);
        UserState after = new UserState("away", StatusType.AWAY, "", 0, Origin.STATUS_INTERFACE, Instant.EPOCH, 1);
        StateChange change = new StateChange(new UserKey("hq", "sales", "bob"), null, after);

        metered.stateChanged(change);
        metered.directoryChanged(List.of());

        assertThat(passed).containsExactly(change, List.of());
        assertThat(registry.get("presencehub.changes.applied").tag("origin", "status_interface").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("presencehub.fanout.latency").timer().count()).isEqualTo(1);
    }

    private double requests(String call, String status) {
        return registry.get("presencehub.graph.requests").tag("call", call).tag("status", status).counter().count();
    }
}
