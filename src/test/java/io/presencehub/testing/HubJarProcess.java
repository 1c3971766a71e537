package io.presencehub.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The runnable jar started as its own process, as an operator runs it; can be killed with SIGKILL. */
public final class HubJarProcess implements AutoCloseable {

    private final Process process;
    private final int statusPort;
    private final Path log;

    private HubJarProcess(Process process, int statusPort, Path log) {
        this.process = process;
        this.statusPort = statusPort;
        this.log = log;
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
        try {
            Files.createDirectories(workDir);
            int statusPort = FreePort.find();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dhub.status.port=" + statusPort,
                    "-Dcamel.management.port=" + FreePort.find(),
                    "-Dhub.routes.dir=" + workDir.resolve("routes")));
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(jar().toAbsolutePath().toString());
            Path log = workDir.resolve("hub-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            HubJarProcess hub = new HubJarProcess(process, statusPort, log);
            hub.awaitReady();
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited at start:\n" + Files.readString(log));
            }
            try (LineClient client = new LineClient(statusPort)) {
                return client.ask("get_statuses").equals("Status Report Started");
            }
        });
    }

    public LineClient client() {
        return new LineClient(statusPort);
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
