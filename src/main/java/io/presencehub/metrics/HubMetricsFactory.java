package io.presencehub.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;

/**
 * Builds the hub's {@link HubMetrics} for a CamelContext: on the Prometheus registry camel-micrometer-prometheus serves
 * (bean {@value #REGISTRY}, created and bound here if that service has not done so yet) while
 * {@code camel.metrics.enabled} is true, {@link HubMetrics#off()} otherwise (also in a host application's context).
 */
public final class HubMetricsFactory {

    /** The registry name camel-micrometer-prometheus looks up and binds. */
    public static final String REGISTRY = "metricsRegistry";

    private HubMetricsFactory() {
    }

    public static HubMetrics create(CamelContext context) {
        boolean enabled = context.getPropertiesComponent().resolveProperty("camel.metrics.enabled")
                .map(value -> Boolean.parseBoolean(value.strip())).orElse(false);
        if (!enabled) {
            return HubMetrics.off();
        }
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(REGISTRY, MeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(REGISTRY, registry);
        }
        return HubMetrics.on(registry);
    }
}
