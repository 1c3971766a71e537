package io.presencehub.camel;

import io.presencehub.sync.Heartbeats;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health check {@code hub}: DOWN, naming the thread, when one of the hub's own threads (a status
 * event loop, the directory reload) stopped running: it died of an error or hangs. A hub in that
 * state serves some clients and not others, so it is not alive: liveness as well as readiness.
 */
public final class HubHealthCheck extends AbstractHealthCheck {

    private final Heartbeats heartbeats;

    public HubHealthCheck(Heartbeats heartbeats) {
        super("presence-hub", "hub");
        this.heartbeats = heartbeats;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> overdue = heartbeats.overdue();
        if (overdue.isEmpty()) {
            builder.up();
        } else {
            builder.message(String.join("; ", overdue));
            builder.down();
        }
    }
}
