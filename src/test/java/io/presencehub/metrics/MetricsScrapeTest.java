package io.presencehub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real hub scraped over HTTP on its management port: the hub's meters move with what it does. */
class MetricsScrapeTest {

    @TempDir
    Path folder;
    private TestHub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aChangeOverTheStatusInterfaceMovesTheOriginCounterAndTheFanOutHistogram() {
        hub = TestHub.in(folder).start();
        try (LineClient first = hub.client(); LineClient second = hub.client()) {
            MetricsScrape before = MetricsScrape.of(hub.managementPort());
            assertThat(before.value("presencehub_status_clients")).isEqualTo(2);

            first.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            second.readLines(1);

            MetricsScrape after = MetricsScrape.of(hub.managementPort());
            assertThat(after.value("presencehub_changes_applied_total", "origin", "status_interface")
                    - before.value("presencehub_changes_applied_total", "origin", "status_interface")).isEqualTo(1);
            assertThat(after.value("presencehub_changes_applied_total", "origin", "asterisk")).isZero();
            assertThat(after.value("presencehub_fanout_latency_seconds_count")
                    - before.value("presencehub_fanout_latency_seconds_count")).isEqualTo(1);
            assertThat(after.value("presencehub_fanout_latency_seconds_bucket", "le", "+Inf"))
                    .isEqualTo(after.value("presencehub_fanout_latency_seconds_count"));
        }
        TestHub.await().until(() -> MetricsScrape.of(hub.managementPort()).value("presencehub_status_clients") == 0);
    }

    @Test
    void switchedOffTheHubRunsWithoutMetersAndWithoutTheEndpoint() throws Exception {
        hub = TestHub.in(folder).with("camel.metrics.enabled", "false").start();
        assertThat(hub.bean(HubMetrics.class).enabled()).isFalse();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        try (LineClient client = hub.client()) {
            assertThat(client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb")).isNotEmpty();
        }
        assertThat(hub.health()).startsWith("200");
    }

    @Test
    void theJvmMetersAreThere() {
        hub = TestHub.in(folder).start();
        MetricsScrape scrape = MetricsScrape.of(hub.managementPort());
        assertThat(scrape.series("jvm_memory_used_bytes", "area", "heap")).isNotEmpty();
        assertThat(scrape.series("jvm_threads_live_threads")).hasSize(1);
        assertThat(scrape.text()).contains("jvm_gc_");
        assertThat(scrape.value("presencehub_ami_reconnects_total")).isZero();
    }
}
