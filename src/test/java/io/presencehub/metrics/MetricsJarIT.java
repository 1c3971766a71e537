package io.presencehub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.HubJarProcess;
import io.presencehub.testing.LineClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar (camel-micrometer-prometheus merged into it) serves /observe/metrics on its management port. */
class MetricsJarIT {

    @TempDir
    Path folder;

    @Test
    void theJarServesTheHubsAndTheJvmsMeters() {
        try (HubJarProcess hub = HubJarProcess.start(folder, Map.of()); LineClient client = hub.client()) {
            client.send("get_statuses");
            client.readUntil("Status Report Finished");
            MetricsScrape scrape = MetricsScrape.of(hub.managementPort());
            assertThat(scrape.value("presencehub_status_clients")).isEqualTo(1);
            assertThat(scrape.series("presencehub_changes_applied_total")).hasSizeGreaterThanOrEqualTo(4);
            assertThat(scrape.series("jvm_threads_live_threads")).hasSize(1);
        }
    }
}
