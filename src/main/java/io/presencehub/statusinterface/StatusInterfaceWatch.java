package io.presencehub.statusinterface;

import io.presencehub.camel.ListenErrorTranslator;
import java.util.Optional;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteRestartingFailureEvent;
import org.apache.camel.spi.CamelEvent.RouteStartedEvent;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the start of the status interface (route {@value #ROUTE_ID}). The supervising route
 * controller retries a server that cannot listen, quietly: here its first failure becomes one ERROR
 * naming the address and the cause, its recovery one INFO, and the health check reads the cause.
 */
public final class StatusInterfaceWatch extends EventNotifierSupport {

    public static final String ROUTE_ID = "status-interface-server";

    private static final Logger LOG = LoggerFactory.getLogger(StatusInterfaceWatch.class);

    private final String host;
    private final int port;
    private final boolean required;
    private volatile String problem;

    public StatusInterfaceWatch(String host, int port, boolean required) {
        this.host = host;
        this.port = port;
        this.required = required;
        // route events only: exchange events would cost every status command a call here
        setIgnoreExchangeEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreCamelContextEvents(true);
        setIgnoreServiceEvents(true);
    }

    /** Why the status interface does not listen, once a start has failed; empty while it listens. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    String address() {
        return ListenErrorTranslator.address(host, port);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return (event instanceof RouteRestartingFailureEvent || event instanceof RouteStartedEvent)
                && ROUTE_ID.equals(((CamelEvent.RouteEvent) event).getRoute().getRouteId());
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof RouteRestartingFailureEvent failure) {
            failed(failure);
        } else if (problem != null) {
            LOG.info("Status interface listening on {}", address());
            problem = null;
        }
    }

    private void failed(RouteRestartingFailureEvent failure) {
        String cause = ListenErrorTranslator.describe(host, port, failure.getCause());
        if (cause.equals(problem) && !failure.isExhausted()) {
            return; // a retry that failed like the one before: health says it, the log already did
        }
        problem = cause;
        LOG.error("Status interface not started: {}; {}", cause, consequence(failure));
    }

    private String consequence(RouteRestartingFailureEvent failure) {
        if (required) {
            return "the hub stops (hub.status.required=true)";
        }
        if (failure.isExhausted()) {
            return "no more attempts (camel.routecontroller.back-off-max-attempts)";
        }
        long delay = getCamelContext() != null
                && getCamelContext().getRouteController() instanceof SupervisingRouteController supervising
                ? supervising.getBackOffDelay() : 0;
        return (delay > 0 ? "trying again every " + delay + " ms" : "trying again")
                + ", health DOWN until it listens";
    }
}
