package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packaged routes, and an external routes folder that overrides or adds routes without a rebuild. */
class HubRoutesTest {

    @TempDir
    Path folder;

    @Test
    void thePackagedListNamesEveryRouteFileOfTheProject() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml")))
                    .containsExactlyInAnyOrderElementsOf(HubRoutes.PACKAGED);
        }
    }

    @Test
    void withoutAnExternalFolderEveryRouteComesFromTheClasspath() {
        String pattern = HubRoutes.includePattern(folder.resolve("missing"));
        assertThat(pattern.split(",")).hasSize(HubRoutes.PACKAGED.size()).allMatch(l -> l.startsWith("classpath:routes/"));
    }

    @Test
    void anExternalFileOfTheSameNameReplacesThePackagedOneAndNewFilesAreAdded() throws IOException {
        Path routes = Files.createDirectories(folder.resolve("routes"));
        Files.writeString(routes.resolve("directory.camel.yaml"), "[]");
        Files.writeString(routes.resolve("extra.camel.yaml"), "[]");
        Files.writeString(routes.resolve("notes.txt"), "not a route");
        String pattern = HubRoutes.includePattern(routes);
        assertThat(pattern).contains("file:" + routes.toAbsolutePath().resolve("directory.camel.yaml"))
                .contains("file:" + routes.toAbsolutePath().resolve("extra.camel.yaml"))
                .doesNotContain("classpath:routes/directory.camel.yaml")
                .doesNotContain("notes.txt")
                .contains("classpath:routes/status-interface.camel.yaml");
    }

    @Test
    void theHubRunsAnExtraRouteFromTheExternalFolder() throws IOException {
        Path routes = Files.createDirectories(folder.resolve("routes"));
        Files.writeString(routes.resolve("audit.camel.yaml"), """
                - route:
                    id: audit-status-changes
                    from:
                      uri: direct:audit
                      steps:
                        - setBody:
                            simple: "audited ${body}"
                """);
        System.setProperty("hub.routes.dir", routes.toString());
        try (TestHub hub = TestHub.in(folder).start(); LineClient client = hub.client()) {
            assertThat(hub.context().getRoute("audit-status-changes")).isNotNull();
            assertThat(hub.context().createProducerTemplate().requestBody("direct:audit", "x", String.class))
                    .isEqualTo("audited x");
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
        } finally {
            System.clearProperty("hub.routes.dir");
        }
    }
}
