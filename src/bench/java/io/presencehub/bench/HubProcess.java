package io.presencehub.bench;

import io.presencehub.testing.FreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The hub jar running as a child process on free loopback ports, with its own H2 file. */
final class HubProcess implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final Process process;
    private final Path log;
    private final int statusPort;
    private final int webPort;
    private final long startedNanos;

    private HubProcess(Process process, Path log, int statusPort, int webPort, long startedNanos) {
        this.process = process;
        this.log = log;
        this.statusPort = statusPort;
        this.webPort = webPort;
        this.startedNanos = startedNanos;
    }

    static HubProcess start(Path jar, Path directoryFile, Path workDir, List<String> jvmArgs) throws IOException {
        // FreePort: two ports bound and released in a row (port 0) may be the same one
        int statusPort = FreePort.find();
        int managementPort = FreePort.find();
        int webPort = FreePort.find();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dhub.directory.file=" + directoryFile);
        command.add("-Dhub.store.url=jdbc:h2:file:" + workDir.resolve("store/hub"));
        command.addAll(jvmArgs);
        command.add("-Dhub.status.port=" + statusPort);
        command.add("-Dcamel.management.port=" + managementPort);
        command.add("-Dhub.web.port=" + webPort);
        command.add("-Dhub.routes.dir=" + workDir.resolve("no-routes"));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path log = workDir.resolve("hub.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        return new HubProcess(builder.start(), log, statusPort, webPort, started);
    }

    InetSocketAddress statusAddress() {
        return new InetSocketAddress(HOST, statusPort);
    }

    /** The web server (REST API, Server-Sent Events): plain HTTP on loopback, no password, so every caller is admin. */
    InetSocketAddress webAddress() {
        return new InetSocketAddress(HOST, webPort);
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits until the status port accepts a connection and answers {@code get_statuses}; returns
     * the time from process start in milliseconds. A hub that does not get there is stopped.
     */
    long awaitReady(long timeoutMillis) throws IOException, InterruptedException {
        try {
            return waitForGetStatuses(timeoutMillis);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private long waitForGetStatuses(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = startedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the hub exited with code " + process.exitValue() + "\n" + logTail());
            }
            if (answersGetStatuses()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            }
            Thread.sleep(10);
        }
        throw new IOException("the hub did not answer get_statuses within " + timeoutMillis + " ms\n" + logTail());
    }

    private boolean answersGetStatuses() {
        try (Socket socket = new Socket()) {
            socket.connect(statusAddress(), 200);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("get_statuses\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("Status Report Finished")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Resident memory of the hub (VmRSS), in kB. */
    long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid() + "/status");
    }

    /** CPU time (user + system) the hub used so far, in milliseconds (from /proc/<pid>/stat). */
    long cpuMillis() {
        return cpuMillisOf(pid());
    }

    /** CPU time (user + system) a process used so far, in milliseconds; -1 if unknown. */
    static long cpuMillisOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The hub's own start-up line ("Apache Camel … started in …"), if it logged one. */
    String camelStartedLine() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(" started in "))
                    .map(l -> l.substring(l.indexOf(" - ") + 3)).findFirst().orElse("(no 'started in' line in the hub log)");
        } catch (IOException e) {
            return "(no hub log: " + e.getMessage() + ")";
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last hub log lines (" + log + ") ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no hub log: " + e.getMessage() + ")";
        }
    }

    /** Stops the hub: SIGTERM, then SIGKILL if it is still running after a few seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(8, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
