package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health on the management port, bound to loopback. */
class HealthEndpointTest {

    @TempDir
    Path folder;

    @Test
    void healthIsUpOnTheManagementPortWithTheStatusServerRunning() throws Exception {
        try (TestHub hub = TestHub.in(folder).start()) {
            assertThat(hub.healthInFull()).startsWith("200 ").contains("\"status\":\"UP\"").contains("status-interface-server")
                    .contains("listening on 127.0.0.1:" + hub.statusPort());
        }
    }
}
