package io.presencehub.asterisk;

import io.presencehub.camel.HubSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link AsteriskSettings} as the hub builds them: the packaged application.properties (the only place with
 * defaults), a secret, and the test's own values on top.
 */
final class AsteriskTestSettings {

    private AsteriskTestSettings() {
    }

    static AsteriskSettings with(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(packaged());
        values.put("hub.asterisk.secret", "hubsecret");
        values.putAll(overrides);
        return AsteriskSettings.from(new HubSettings(key -> Optional.ofNullable(values.get(key))));
    }

    /** The packaged defaults with a FakeAsterisk's address, the hub's login and short AMI timings. */
    static AsteriskSettings fake(int port, String user, String secret) {
        return with(Map.of("hub.asterisk.port", Integer.toString(port), "hub.asterisk.username", user,
                "hub.asterisk.secret", secret, "hub.asterisk.ping-interval", "200ms",
                "hub.asterisk.read-timeout", "3s", "hub.asterisk.reconnect-min", "100ms",
                "hub.asterisk.reconnect-max", "400ms", "hub.asterisk.auth-retry", "700ms"));
    }

    /** The single-thread executor AmiConnection logs in on (in the hub it comes from Camel's ExecutorServiceManager). */
    static ExecutorService supervisor() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ami-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    static Map<String, String> packaged() {
        Properties properties = new Properties();
        try (InputStream in = AsteriskTestSettings.class.getResourceAsStream("/presence-hub/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }
}
