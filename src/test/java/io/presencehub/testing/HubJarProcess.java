package io.presencehub.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/** The runnable jar started as its own process, as an operator runs it; can be killed with SIGKILL. */
public final class HubJarProcess implements AutoCloseable {

    /** How long a start may take on a slow or loaded machine. */
    public static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final int statusPort;
    private final int managementPort;
    private final Path log;

    private HubJarProcess(Process process, int statusPort, int managementPort, Path log) {
        this.process = process;
        this.statusPort = statusPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** How a hub that stopped by itself ended: its exit code and its log. */
    public record Exit(int code, String log) {
    }

    /** The jar built by {@code mvn package}; failsafe passes its path as {@code hub.jar}. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("hub.jar", "target/presence-hub.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the hub jar " + jar.toAbsolutePath() + " is missing: run mvn verify");
        }
        return jar;
    }

    /** Starts the jar in {@code workDir} with these settings and waits until the status port answers. */
    public static HubJarProcess start(Path workDir, Map<String, String> settings) {
        return start(workDir, settings, Map.of());
    }

    /** Starts the jar with these {@code -D} settings and these environment variables. */
    public static HubJarProcess start(Path workDir, Map<String, String> settings, Map<String, String> environment) {
        return start(workDir, settings, environment, READY_WITHIN);
    }

    /**
     * Starts the jar and waits up to {@code readyWithin} until the status port answers. A hub that
     * does not get there is killed before the exception reaches the caller: a failed start leaves no
     * process behind.
     */
    public static HubJarProcess start(Path workDir, Map<String, String> settings, Map<String, String> environment,
                                      Duration readyWithin) {
        HubJarProcess hub = launch(workDir, settings, environment);
        try {
            hub.awaitReady(readyWithin);
            return hub;
        } catch (RuntimeException | Error e) {
            hub.close();
            throw e;
        }
    }

    /** Starts the jar and waits until it exits by itself (a start that must fail); killed if it does not. */
    public static Exit runUntilExit(Path workDir, Map<String, String> settings) {
        try (HubJarProcess hub = launch(workDir, settings, Map.of())) {
            await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> !hub.process.isAlive());
            return new Exit(hub.process.exitValue(), hub.log());
        }
    }

    /**
     * Starts the process. A {@code hub.status.port}, {@code camel.management.port} or {@code hub.web.port} among
     * the settings is used as given, otherwise each gets a port of its own from {@link FreePort}.
     */
    private static HubJarProcess launch(Path workDir, Map<String, String> settings, Map<String, String> environment) {
        try {
            Files.createDirectories(workDir);
            int statusPort = port(settings, "hub.status.port");
            int managementPort = port(settings, "camel.management.port");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dhub.status.port=" + statusPort,
                    "-Dcamel.management.port=" + managementPort,
                    "-Dhub.web.port=" + port(settings, "hub.web.port"),
                    "-Dhub.routes.dir=" + workDir.resolve("routes")));
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(jar().toAbsolutePath().toString());
            Path log = workDir.resolve("hub-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new HubJarProcess(builder.start(), statusPort, managementPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(Map<String, String> settings, String key) {
        return settings.containsKey(key) ? Integer.parseInt(settings.get(key)) : FreePort.find();
    }

    private void awaitReady(Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(50))
                    .failFast("the hub exited at start", () -> !process.isAlive())
                    .until(this::answersGetStatuses);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new IllegalStateException(e.getMessage() + "; its log:\n" + log(), e);
        }
    }

    /** One {@code get_statuses}, with a short read timeout: a port that accepts but does not answer is not ready. */
    private boolean answersGetStatuses() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", statusPort), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("get_statuses\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return "Status Report Started".equals(in.readLine());
        } catch (IOException notYet) {
            return false;
        }
    }

    public LineClient client() {
        return new LineClient(statusPort);
    }

    public int managementPort() {
        return managementPort;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: an orderly shutdown. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitExit() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
