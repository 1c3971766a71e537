package io.presencehub.teams;

import io.presencehub.camel.HubSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** {@link TeamsSettings} as the hub reads them: the packaged {@code application.properties}, then the given values. */
final class PackagedTeamsSettings {

    private PackagedTeamsSettings() {
    }

    static HubSettings hubSettings(Map<String, String> overrides) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        properties.putAll(overrides);
        return new HubSettings(key -> Optional.ofNullable(properties.getProperty(key)));
    }

    /** The packaged defaults with the fake Graph's app registration and hosts. */
    static TeamsSettings against(FakeGraph graph) {
        return TeamsSettings.from(hubSettings(Map.of("hub.teams.tenant-id", FakeGraph.TENANT_ID,
                "hub.teams.client-id", FakeGraph.CLIENT_ID, "hub.teams.client-secret", FakeGraph.CLIENT_SECRET,
                "hub.teams.graph-url", graph.graphUrl(), "hub.teams.login-url", graph.loginUrl())));
    }

    /** The packaged defaults (the public Microsoft hosts) with the given app registration. */
    static TeamsSettings of(String tenant, String client, String secret) {
        return TeamsSettings.from(hubSettings(Map.of("hub.teams.tenant-id", tenant, "hub.teams.client-id", client,
                "hub.teams.client-secret", secret)));
    }
}
