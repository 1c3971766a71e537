package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health on the management port, bound to loopback. */
class HealthEndpointTest {

    @TempDir
    Path folder;

    @Test
    void healthIsUpOnTheManagementPortWithTheStatusServerRunning() throws Exception {
        try (TestHub hub = TestHub.in(folder, TestDirectories.SMALL).start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.managementPort() + "/observe/health?exposureLevel=full")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"").contains("status-interface-server")
                    .contains("listening on 127.0.0.1:" + hub.statusPort());
        }
    }
}
