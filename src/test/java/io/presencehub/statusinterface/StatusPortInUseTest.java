package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.testing.FreePort;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status port another process holds: one ERROR naming the address and the cause, health DOWN
 * saying the same, quiet retries, and the interface up (health UP) as soon as the port is free.
 */
class StatusPortInUseTest {

    @TempDir
    Path folder;

    @Test
    void aStatusPortInUseIsOneErrorAndHealthDownUntilThePortIsFree() throws Exception {
        int port = FreePort.find();
        String address = "127.0.0.1:" + port;
        ServerSocket other = occupy(port);
        try (LogCapture log = LogCapture.start();
             TestHub hub = TestHub.in(folder).onStatusPort(port)
                     .with("camel.routecontroller.back-off-delay", "100").start()) {
            await().until(() -> health(hub).contains(address + " is already in use"));
            assertThat(health(hub)).startsWith("503 ").contains("\"status\":\"DOWN\"");
            // the hub keeps trying, quietly
            SupervisingRouteController supervisor = (SupervisingRouteController) hub.context().getRouteController();
            await().until(() -> supervisor.getRestartingRouteState(StatusInterfaceWatch.ROUTE_ID).getCurrentAttempts() >= 3);
            assertThat(log.atLeast(Level.WARN)).singleElement().satisfies(line -> {
                assertThat(line.level()).isEqualTo(Level.ERROR);
                assertThat(line.message()).isEqualTo("Status interface not started: " + address
                        + " is already in use; trying again every 100 ms, health DOWN until it listens");
                assertThat(line.hasThrowable()).isFalse();
            });

            other.close();
            await().until(() -> health(hub).startsWith("200 "));
            assertThat(health(hub)).contains("\"status\":\"UP\"");
            try (LineClient client = hub.client()) {
                assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
            }
            assertThat(log.atLeast(Level.WARN)).hasSize(1);
            assertThat(log.all()).anyMatch(line -> line.message().equals("Status interface listening on " + address));
        } finally {
            other.close();
        }
    }

    private static ServerSocket occupy(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    /** GET /observe/health?exposureLevel=full: status code and body. */
    private static String health(TestHub hub) {
        return hub.healthInFull();
    }
}
