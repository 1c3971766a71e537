package io.presencehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.HubJarProcess;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged change survives {@code kill -9} and a restart of the real jar, on the
 * embedded H2 file (with and without {@code WRITE_DELAY=0} in its URL) and on PostgreSQL.
 */
class DurabilityIT {

    @TempDir
    Path folder;

    @Test
    void acknowledgedChangesSurviveKillMinusNineOnH2() throws IOException {
        assertSurvivesKill(Map.of("hub.store.url", "jdbc:h2:file:./data/presence-hub;WRITE_DELAY=0"));
        assertThat(folder.resolve("data/presence-hub.mv.db")).as("H2 file under ./data of the working folder").exists();
    }

    /** The URL as an operator writes it, without WRITE_DELAY=0: the hub adds it (H2 would wait 500 ms). */
    @Test
    void acknowledgedChangesSurviveKillMinusNineOnAPlainH2Url() throws IOException {
        assertSurvivesKill(Map.of("hub.store.url", "jdbc:h2:file:" + folder.resolve("data/hub")));
        assertThat(folder.resolve("data/hub.mv.db")).exists();
    }

    @Test
    void acknowledgedChangesSurviveKillMinusNineOnPostgres() throws IOException {
        PostgresTestDatabase db = PostgresTestDatabase.required().empty();
        assertSurvivesKill(Map.of("hub.store.url", db.url(), "hub.store.user", db.user(),
                "hub.store.password", db.password()));
    }

    @Test
    void stateSurvivesAnOrderlyRestart() throws IOException {
        Map<String, String> settings = settings(Map.of());
        try (HubJarProcess hub = HubJarProcess.start(folder, settings); LineClient client = hub.client()) {
            client.set("set_extension_status@#Zürich Büro@#Ventes@#3001@#Ne pas déranger");
            client.set("set_extension_note@#Zürich Büro@#Ventes@#3001@#en réunion#masknl#jusqu'à 15h");
            hub.stop();
        }
        try (HubJarProcess hub = HubJarProcess.start(folder, settings); LineClient client = hub.client()) {
            assertThat(client.ask("get_extension_status@#Zürich Büro@#Ventes@#3001")).isEqualTo("ExtensionStatus@#Ne pas déranger");
            assertThat(client.ask("get_extension_note@#Zürich Büro@#Ventes@#3001")).isEqualTo("ExtensionNote@#en réunion#masknl#jusqu'à 15h");
        }
    }

    private void assertSurvivesKill(Map<String, String> store) throws IOException {
        Map<String, String> settings = settings(store);
        List<String> expected = new ArrayList<>();
        try (HubJarProcess hub = HubJarProcess.start(folder, settings); LineClient client = hub.client()) {
            String[] statuses = {"Lunch", "Away", "Do Not Disturb", "Available"};
            for (int i = 0; i < 200; i++) {
                String number = i % 2 == 0 ? "1003" : "1004";
                client.set("set_extension_note@#HQ@#Sales@#" + number + "@#ack " + i);
                client.set("set_extension_status@#HQ@#Sales@#" + number + "@#" + statuses[i % 4]);
                client.set("set_extension_return_time@#HQ@#Sales@#" + number + "@#" + (1_800_000_000L + i));
            }
            // everything above was acknowledged (empty-line reply) before the kill
            expected.add("Extension@#1003@#Do Not Disturb@#ack 198@#1800000198");
            expected.add("Extension@#1004@#Available@#ack 199@#1800000199");
            hub.kill();
        }
        try (HubJarProcess hub = HubJarProcess.start(folder, settings); LineClient client = hub.client()) {
            client.send("get_extension_state");
            assertThat(client.readUntil("State Report Finished")).containsAll(expected);
        }
    }

    private Map<String, String> settings(Map<String, String> store) throws IOException {
        Path directory = folder.resolve("directory.yaml");
        Files.writeString(directory, TestDirectories.SMALL);
        Map<String, String> settings = new HashMap<>(store);
        settings.put("hub.directory.file", directory.toString());
        return settings;
    }
}
