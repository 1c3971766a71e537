package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health check {@code hub}: DOWN while one of the hub's own threads does not run, UP again once it does. */
class HubThreadsHealthTest {

    @TempDir
    Path folder;

    @Test
    void aStuckStatusEventLoopTurnsHealthDownNamingItAndUpAgainWhenItRuns() throws Exception {
        try (TestHub hub = TestHub.in(folder).with("hub.health.max-silence", "300").start();
                LineClient client = hub.client()) {
            await().until(() -> health(hub).contains("\"status\":\"UP\""));
            Channel channel = hub.statusClients().stream().findFirst().orElseThrow();
            CountDownLatch release = new CountDownLatch(1);
            channel.eventLoop().execute(() -> {
                try {
                    release.await(); // as an event loop waiting for memory that never comes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                await().until(() -> health(hub).contains("\"status\":\"DOWN\""));
                assertThat(health(hub)).contains("status event loop").contains("stuck or dead");
            } finally {
                release.countDown();
            }
            await().until(() -> health(hub).contains("\"status\":\"UP\""));
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1003")).isEqualTo("ExtensionStatus@#Available");
        }
    }

    @Test
    void aDirectoryReloadThatStopsRunningTurnsHealthDownNamingIt() throws Exception {
        try (TestHub hub = TestHub.in(folder).with("hub.health.max-silence", "300").start()) {
            await().until(() -> health(hub).contains("\"status\":\"UP\""));
            hub.context().getRouteController().stopRoute("directory-reload"); // as if its timer thread had died
            await().until(() -> health(hub).contains("\"status\":\"DOWN\""));
            assertThat(health(hub)).contains("directory reload has not run for");
            hub.context().getRouteController().startRoute("directory-reload");
            await().until(() -> health(hub).contains("\"status\":\"UP\""));
        }
    }

    private static String health(TestHub hub) {
        return hub.healthInFull();
    }
}
