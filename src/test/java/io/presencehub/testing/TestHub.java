package io.presencehub.testing;

import io.presencehub.PresenceHubMain;
import io.presencehub.asterisk.AsteriskWriter;
import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.directory.DirectoryService;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.statusinterface.StatusClientGroup;
import io.presencehub.sync.PresenceApplier;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.TeamsPoller;
import io.presencehub.teams.TeamsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.Main;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The real hub, built by the production wiring ({@link PresenceHubMain#createMain()}: camel-main, the configuration
 * class, the YAML routes, the netty server, an H2 file) and started in the test JVM on free ports, with its own
 * directory file and database in a temporary folder. The one way tests start a hub:
 *
 * <pre>{@code
 * TestHub hub = TestHub.in(folder)
 *         .directory(TestDirectories.SMALL)   // the default
 *         .withAsterisk(fakeAsterisk)         // AMI sync on, short timings
 *         .withTeams(fakeGraph)               // Teams sync on, Graph polled every 200 ms
 *         .with("hub.asterisk.outgoing-method", "all")
 *         .start();
 * }</pre>
 *
 * What tests need of a running hub has a typed accessor here (ports, clients, the applier, the status client group,
 * health), so a bean renamed in the wiring is fixed in this one class; beans are found by type, not by name.
 */
public final class TestHub implements AutoCloseable {

    private final Path folder;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Object> beans = new LinkedHashMap<>();
    private FakeGraph graph;
    private Main main;
    private int fixedStatusPort;
    private int statusPort;
    private int managementPort;
    private int webPort;

    private TestHub(Path folder) {
        this.folder = folder;
    }

    /**
     * A hub in this folder: its directory file ({@link TestDirectories#SMALL} unless {@link #directory} says
     * otherwise), its H2 database, a directory check every 100 ms.
     */
    public static TestHub in(Path folder) {
        TestHub hub = new TestHub(folder);
        hub.writeDirectory(TestDirectories.SMALL);
        hub.properties.put("hub.directory.file", hub.directoryFile().toString());
        hub.properties.put("hub.store.url", "jdbc:h2:file:" + folder.resolve("data/hub"));
        hub.properties.put("hub.directory.reload-interval", "100");
        return hub;
    }

    /** The directory file the hub starts with. */
    public TestHub directory(String yaml) {
        writeDirectory(yaml);
        return this;
    }

    /**
     * AMI sync on, against this fake (user {@code hub}), with short timings: ping every 200 ms, read timeout 3 s,
     * reconnect back-off 100..400 ms, a refused login retried after 700 ms.
     */
    public TestHub withAsterisk(FakeAsterisk asterisk) {
        return with("hub.asterisk.enabled", "true")
                .with("hub.asterisk.host", "127.0.0.1")
                .with("hub.asterisk.port", Integer.toString(asterisk.port()))
                .with("hub.asterisk.username", "hub")
                .with("hub.asterisk.secret", "hubsecret")
                .with("hub.asterisk.ping-interval", "200")
                .with("hub.asterisk.read-timeout", "3000")
                .with("hub.asterisk.reconnect-min", "100")
                .with("hub.asterisk.reconnect-max", "400")
                .with("hub.asterisk.auth-retry", "700");
    }

    /**
     * Teams sync on, against this fake with its valid app credentials; Graph polled every 200 ms (written in
     * ISO-8601 on purpose: tests that set {@code 100ms} show the other form reaches the poll timer too), the user
     * list read once.
     */
    public TestHub withTeams(FakeGraph graph) {
        this.graph = graph;
        return graph.connect(this)
                .with("hub.teams.poll-interval", "PT0.2S")
                .with("hub.teams.users-refresh", "1h");
    }

    /** A setting, as {@code -Dkey=value} would give it; the last one for a key wins. */
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
            webPort = FreePort.find();
            main = PresenceHubMain.createMain();
            main.addOverrideProperty("hub.status.port", Integer.toString(statusPort));
            main.addOverrideProperty("camel.management.port", Integer.toString(managementPort));
            main.addOverrideProperty("hub.web.port", Integer.toString(webPort));
            properties.forEach(main::addOverrideProperty);
            beans.forEach(main::bind);
            try {
                main.start();
            } catch (Exception e) {
                stop();
                throw new IllegalStateException("the hub did not start", e);
            }
            if (fixedStatusPort > 0
                    || context().getRouteController().getRouteStatus("status-interface-server").isStarted()) {
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

    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------- waiting

    /** Awaitility with the fixtures' ceiling, polling every 20 ms. */
    public static ConditionFactory await() {
        return Awaitility.await().atMost(SlowMachineTimeouts.AWAIT).pollInterval(Duration.ofMillis(20));
    }

    /**
     * Waits until the timer route {@code routeId} has completed a whole run that began after this call (e.g.
     * {@code directory-reload} has looked at the file just written, {@code teams-poll} has handled an answer Graph gave
     * after a change there). Two completions are awaited: a run already under way when this is called may complete
     * first, and a timer route's next run starts only after it.
     */
    public void awaitFreshRun(String routeId) {
        if (context().getRoute(routeId) == null) {
            throw new IllegalArgumentException("no route " + routeId + " in the hub");
        }
        NotifyBuilder done = new NotifyBuilder(context()).fromRoute(routeId).whenDone(2).create();
        if (!done.matches(SlowMachineTimeouts.AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("route " + routeId + " did not complete a run within " + SlowMachineTimeouts.AWAIT);
        }
    }

    // ---------------------------------------------------------------- the directory file

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

    // ---------------------------------------------------------------- ports and clients

    public int statusPort() {
        return statusPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /** The port of the web console and REST API ({@code hub.web.port}). */
    public int webPort() {
        return webPort;
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
        StatusClientGroup group = statusClients();
        int localPort = client.socket().getLocalPort();
        Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .atMost(SlowMachineTimeouts.AWAIT).until(() -> group.stream()
                .anyMatch(c -> c.remoteAddress() instanceof InetSocketAddress a && a.getPort() == localPort));
        return client;
    }

    // ---------------------------------------------------------------- the hub's parts

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The one bean of this type in the hub's registry (fails if there is none or several). */
    public <T> T bean(Class<T> type) {
        T bean = context().getRegistry().findSingleByType(type);
        if (bean == null) {
            throw new IllegalStateException("no single bean of type " + type.getName() + " in the hub");
        }
        return bean;
    }

    public PresenceApplier applier() {
        return bean(PresenceApplier.class);
    }

    /** The user's current state, as the applier holds it. */
    public UserState state(UserKey user) {
        return applier().current(user);
    }

    /** The connected status clients. */
    public StatusClientGroup statusClients() {
        return bean(StatusClientGroup.class);
    }

    public DirectoryService directoryService() {
        return bean(DirectoryService.class);
    }

    // ---------------------------------------------------------------- health

    /** GET {@code /observe/health} on the management port: status code and body, e.g. {@code 200 {...UP...}}. */
    public String health() {
        return health("");
    }

    /** GET {@code /observe/health?exposureLevel=full}: status code and body, with every check's details. */
    public String healthInFull() {
        return health("?exposureLevel=full");
    }

    private String health(String query) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/observe/health" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The state of one health check ({@code asterisk}, {@code teams}, {@code status-interface}, {@code hub}) now. */
    public HealthCheck.State healthCheck(String id) {
        // a connector's check is a bean of the registry; the health registry holds the others
        return context().getRegistry().findByType(HealthCheck.class).stream()
                .filter(check -> check.getId().equals(id))
                .findFirst()
                .or(() -> HealthCheckRegistry.get(context()).getCheck(id).map(HealthCheck.class::cast))
                .map(check -> check.call().getState())
                .orElseThrow(() -> new IllegalStateException("no health check " + id));
    }

    // ---------------------------------------------------------------- connectors

    /** The AMI link is logged in and resynchronised (health check {@code asterisk} UP). */
    public boolean asteriskConnected() {
        return healthCheck("asterisk") == HealthCheck.State.UP;
    }

    /**
     * The Asterisk writer has nothing queued or unanswered: every Setvar it decided on so far has reached the fake
     * (and been counted there). Await it before asserting that a presentity got no Setvar.
     */
    public boolean asteriskWriterIdle() {
        return bean(AsteriskWriter.class).pendingCount() == 0;
    }

    public TeamsPoller teamsPoller() {
        return bean(TeamsPoller.class);
    }

    /**
     * The Teams writer owes nothing: every write it decided on so far has been answered (one in flight still counts).
     * Await it before asserting that Graph got no (further) write.
     */
    public boolean teamsWriterIdle() {
        return bean(TeamsWriter.class).pendingCount() == 0;
    }

    /** Waits until the hub has read Graph's presence of the user at least once (the baseline). */
    public void awaitTeamsBaseline(UserKey user) {
        await().until(() -> teamsPoller().observation(user).isPresent());
    }

    /** Waits for {@code cycles} more complete presence requests at the fake Graph (see {@link #withTeams}). */
    public void awaitTeamsPolls(int cycles) {
        if (graph == null) {
            throw new IllegalStateException("no FakeGraph: start the hub withTeams(graph)");
        }
        int start = graph.requestCount(FakeGraph.Endpoint.GET_PRESENCES_BY_USER_ID);
        await().until(() -> graph.requestCount(FakeGraph.Endpoint.GET_PRESENCES_BY_USER_ID) >= start + cycles);
    }
}
