package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.FreePort;
import io.presencehub.testing.HubJarProcess;
import io.presencehub.testing.HubJarProcess.Exit;
import io.presencehub.testing.TestDirectories;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when the jar cannot start: exactly one ERROR line saying why, no stack
 * trace, and a non-zero exit code; and, when it does start, the address health really listens on.
 */
class StartupFaultsIT {

    @TempDir
    Path folder;

    private final Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void directory() throws IOException {
        Path directory = Files.writeString(folder.resolve("directory.yaml"), TestDirectories.SMALL);
        settings.put("hub.directory.file", directory.toString());
    }

    @Test
    void anEmptyDatabaseFileStopsTheHubAndStaysAsItWas() throws IOException {
        Path database = Files.createDirectories(folder.resolve("data")).resolve("presence-hub.mv.db");
        Files.createFile(database);
        // the packaged default URL: ./data/presence-hub
        Exit exit = HubJarProcess.runUntilExit(folder, settings);
        assertThat(exit.code()).isNotZero();
        assertThat(errorLines(exit)).singleElement().asString()
                .contains("the store file " + database.toRealPath() + " is empty (0 bytes");
        assertThat(database).isEmptyFile();
    }

    @Test
    void aStoreFolderThatCannotBeCreatedStopsTheHubSayingWhy() throws IOException {
        Path file = Files.writeString(folder.resolve("a-file"), "not a folder");
        settings.put("hub.store.url", "jdbc:h2:file:" + file.resolve("data/hub"));
        Exit exit = HubJarProcess.runUntilExit(folder, settings);
        assertThat(exit.code()).isNotZero();
        assertThat(errorLines(exit)).singleElement().asString()
                .endsWith("cannot create the store folder " + file.resolve("data") + ": not a directory");
    }

    @Test
    void aRejectedDirectoryFileStopsTheHubInOneLine() throws IOException {
        Path directory = Files.writeString(folder.resolve("broken.yaml"), "locations: [ {name: HQ, tenants: [");
        settings.put("hub.directory.file", directory.toString());
        Exit exit = HubJarProcess.runUntilExit(folder, settings);
        assertThat(exit.code()).isNotZero();
        assertThat(errorLines(exit)).singleElement().asString()
                .contains("Presence Hub cannot start: directory file " + directory + " rejected: ");
    }

    @Test
    void aManagementPortInUseStopsTheHubInOneLine() throws IOException {
        int port = FreePort.find();
        settings.put("camel.management.port", Integer.toString(port));
        try (ServerSocket other = occupy(port)) {
            Exit exit = HubJarProcess.runUntilExit(folder, settings);
            assertThat(exit.code()).isNotZero();
            assertThat(errorLines(exit)).singleElement().asString()
                    .endsWith("management server (health /observe/health) not started: 127.0.0.1:" + port
                            + " is already in use");
        }
    }

    @Test
    void aWebPortInUseStopsTheHubInOneLine() throws IOException {
        int port = FreePort.find();
        settings.put("hub.web.port", Integer.toString(port));
        try (ServerSocket other = occupy(port)) {
            Exit exit = HubJarProcess.runUntilExit(folder, settings);
            assertThat(exit.code()).isNotZero();
            assertThat(errorLines(exit)).singleElement().asString()
                    .endsWith("web server (console and REST API, hub.web.host/hub.web.port) not started: 127.0.0.1:"
                            + port + " is already in use");
        }
    }

    @Test
    void aWebServerBeyondLoopbackWithoutAdminPasswordStopsTheHubInOneLine() {
        settings.put("hub.web.host", "0.0.0.0");
        Exit exit = HubJarProcess.runUntilExit(folder, settings);
        assertThat(exit.code()).isNotZero();
        assertThat(errorLines(exit)).singleElement().asString().endsWith("Presence Hub cannot start: web console:"
                + " hub.web.host 0.0.0.0 is reachable beyond this machine but no admin password is set; set"
                + " HUB_WEB_ADMIN_PASSWORD (and HUB_WEB_VIEWER_PASSWORD) or use hub.web.host=127.0.0.1");
    }

    @Test
    void withTheAdminPasswordFromTheEnvironmentTheWebServerOpensBeyondLoopbackAndNeverLogsIt() throws Exception {
        int port = FreePort.find();
        settings.put("hub.web.host", "0.0.0.0");
        settings.put("hub.web.port", Integer.toString(port));
        String password = "env-admin-Pw-" + System.nanoTime();
        try (HubJarProcess hub = HubJarProcess.start(folder, settings, Map.of("HUB_WEB_ADMIN_PASSWORD", password))) {
            URI users = URI.create("http://127.0.0.1:" + port + "/api/users");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(users).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + password).getBytes());
            HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(users).header("Authorization", "Basic " + basic)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(hub.log()).contains("Web console and REST API on http://0.0.0.0:" + port + "/")
                    .doesNotContain(password);
        }
    }

    @Test
    void aStatusPortInUseStopsTheHubWhenTheStatusInterfaceIsRequired() throws IOException {
        int port = FreePort.find();
        settings.put("hub.status.port", Integer.toString(port));
        settings.put("hub.status.required", "true");
        try (ServerSocket other = occupy(port)) {
            Exit exit = HubJarProcess.runUntilExit(folder, settings);
            assertThat(exit.code()).isNotZero();
            assertThat(errorLines(exit)).singleElement().asString().endsWith("Status interface not started: 127.0.0.1:"
                    + port + " is already in use; the hub stops (hub.status.required=true)");
        }
    }

    @Test
    void theStartLogNamesTheAddressHealthListensOn() throws Exception {
        try (HubJarProcess hub = HubJarProcess.start(folder, settings)) {
            String url = "http://127.0.0.1:" + hub.managementPort() + "/observe/health";
            assertThat(hub.log()).contains("Health on " + url).doesNotContain("0.0.0.0");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    /** The ERROR lines of the log; fails the test on a stack trace anywhere in it. */
    private static List<String> errorLines(Exit exit) {
        List<String> lines = exit.log().lines().toList();
        assertThat(lines).as("no stack trace in the log:\n%s", exit.log())
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by: ")
                        || line.startsWith("Exception in thread"));
        return lines.stream().filter(line -> line.matches("\\S+ ERROR .*")).toList();
    }

    private static ServerSocket occupy(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }
}
