package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.HubJarProcess;
import io.presencehub.testing.LineClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's packaged defaults are overridden by an application.properties in the folder it runs
 * from, and by environment variables ({@code hub.directory.file} → {@code HUB_DIRECTORY_FILE}).
 */
class SettingsOverrideIT {

    @TempDir
    Path folder;

    @Test
    void anEnvironmentVariableOverridesTheDefault() throws IOException {
        Path directory = directory("FromEnvironment");
        Map<String, String> env = Map.of("HUB_DIRECTORY_FILE", directory.toString(),
                "HUB_STORE_URL", "jdbc:h2:file:" + folder.resolve("env-store"));
        try (HubJarProcess hub = HubJarProcess.start(folder.resolve("env"), Map.of(), env);
             LineClient client = hub.client()) {
            client.send("get_statuses");
            assertThat(client.readUntil("Status Report Finished")).contains("Location@#FromEnvironment");
        }
        assertThat(folder.resolve("env-store.mv.db")).exists();
    }

    @Test
    void anApplicationPropertiesInTheWorkingFolderOverridesTheDefault() throws IOException {
        Path workDir = Files.createDirectories(folder.resolve("local"));
        Files.writeString(workDir.resolve("application.properties"),
                "hub.directory.file = " + directory("FromLocalFile") + "\n");
        try (HubJarProcess hub = HubJarProcess.start(workDir, Map.of()); LineClient client = hub.client()) {
            client.send("get_statuses");
            assertThat(client.readUntil("Status Report Finished")).contains("Location@#FromLocalFile");
        }
        assertThat(workDir.resolve("data/presence-hub.mv.db")).as("default store: H2 under ./data").exists();
    }

    private Path directory(String location) throws IOException {
        Path file = folder.resolve(location + ".yaml");
        Files.writeString(file, """
                locations:
                  - name: %s
                    tenants:
                      - name: Sales
                        statuses: [{name: Available, type: available}]
                        extensions: [{number: "100"}]
                """.formatted(location));
        return file;
    }
}
