package io.presencehub.statusinterface;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Health check {@code status-interface}: UP while the status interface listens, else DOWN with why it does not. */
public final class StatusInterfaceHealthCheck extends AbstractHealthCheck {

    private final CamelContext context;
    private final StatusInterfaceWatch watch;

    public StatusInterfaceHealthCheck(CamelContext context, StatusInterfaceWatch watch) {
        super("presence-hub", "status-interface");
        this.context = context;
        this.watch = watch;
    }

    /** A port taken by another process is not cured by restarting the hub: readiness only. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ServiceStatus status = context.getRouteController().getRouteStatus(StatusInterfaceWatch.ROUTE_ID);
        if (status != null && status.isStarted()) {
            builder.message("listening on " + watch.address()).up();
        } else {
            builder.message(watch.problem().orElse("not listening on " + watch.address() + " (" + status + ")")).down();
        }
    }
}
