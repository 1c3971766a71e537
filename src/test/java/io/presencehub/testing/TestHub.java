package io.presencehub.testing;

import io.presencehub.PresenceHubMain;
import io.presencehub.statusinterface.StatusClientGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.awaitility.Awaitility;
import io.presencehub.sync.PresenceApplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real hub (camel-main, YAML routes, netty server, H2 file) started in the test JVM on free
 * ports, with its own directory file and database in a temporary folder.
 */
public final class TestHub implements AutoCloseable {

    private final Path folder;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Object> beans = new LinkedHashMap<>();
    private Main main;
    private int fixedStatusPort;
    private int statusPort;
    private int managementPort;

    private TestHub(Path folder) {
        this.folder = folder;
    }

    /** A hub in this folder using the given directory YAML. */
    public static TestHub in(Path folder, String directoryYaml) {
        TestHub hub = new TestHub(folder);
        hub.writeDirectory(directoryYaml);
        hub.properties.put("hub.directory.file", hub.directoryFile().toString());
        hub.properties.put("hub.store.url", "jdbc:h2:file:" + folder.resolve("data/hub"));
        hub.properties.put("hub.directory.reload-interval", "100");
        return hub;
    }

    public TestHub with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Binds a bean in the registry before the hub configures itself (e.g. {@code hubClock}). */
    public TestHub withBean(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    /**
     * Starts the status interface on this port (one the test holds or frees itself) instead of a free
     * one; the hub is returned started whether or not it could listen there.
     */
    public TestHub onStatusPort(int port) {
        fixedStatusPort = port;
        return this;
    }

    /**
     * Starts the hub on free ports. The supervising route controller keeps a hub up whose status
     * server could not bind (it retries later), so a port lost to another socket in the meantime is
     * detected here and the start repeated on other ports. A start that fails stops whatever it had
     * started (servers, threads, the database) before the exception reaches the test.
     */
    public TestHub start() {
        for (int attempt = 1; ; attempt++) {
            statusPort = fixedStatusPort > 0 ? fixedStatusPort : FreePort.find();
            managementPort = FreePort.find();
            main = PresenceHubMain.createMain();
            main.addOverrideProperty("hub.status.port", Integer.toString(statusPort));
            main.addOverrideProperty("camel.management.port", Integer.toString(managementPort));
            properties.forEach(main::addOverrideProperty);
            beans.forEach(main::bind);
            try {
                main.start();
            } catch (Exception e) {
                stop();
                throw new IllegalStateException("the hub did not start", e);
            }
            if (fixedStatusPort > 0
                    || main.getCamelContext().getRouteController().getRouteStatus("status-interface-server").isStarted()) {
                return this;
            }
            stop();
            if (attempt == 3) {
                throw new IllegalStateException("the status server did not bind a free port in 3 attempts");
            }
        }
    }

    public void stop() {
        if (main != null) {
            CamelContext context = main.getCamelContext();
            try {
                main.stop();
            } finally {
                main = null;
                // a main whose start failed regards itself as stopped: its context may still hold services
                if (context != null && !context.isStopped()) {
                    context.stop();
                }
            }
        }
    }

    public Path directoryFile() {
        return folder.resolve("directory.yaml");
    }

    /**
     * Replaces the directory file in one step (written beside it, then moved over it), so that the hub's reload
     * check, which may run at any moment, never reads a half-written file.
     */
    public void writeDirectory(String yaml) {
        try {
            Path next = folder.resolve("directory.yaml.next");
            Files.writeString(next, yaml, StandardCharsets.UTF_8);
            Files.move(next, directoryFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int statusPort() {
        return statusPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /**
     * A connected client, returned once the hub has registered it for events (the TCP connect
     * completes before the server has accepted the connection).
     */
    public LineClient client() {
        return registered(new LineClient(statusPort));
    }

    /** A registered client with a small socket receive buffer (see {@link LineClient#withReceiveBuffer}). */
    public LineClient clientWithReceiveBuffer(int bytes) {
        return registered(LineClient.withReceiveBuffer(statusPort, bytes));
    }

    private LineClient registered(LineClient client) {
        StatusClientGroup group = context().getRegistry().lookupByNameAndType("statusClients", StatusClientGroup.class);
        int localPort = client.socket().getLocalPort();
        Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .atMost(SlowMachineTimeouts.AWAIT).until(() -> group.stream()
                .anyMatch(c -> c.remoteAddress() instanceof InetSocketAddress a && a.getPort() == localPort));
        return client;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public PresenceApplier applier() {
        return context().getRegistry().lookupByNameAndType("presenceApplier", PresenceApplier.class);
    }

    @Override
    public void close() {
        stop();
    }
}
