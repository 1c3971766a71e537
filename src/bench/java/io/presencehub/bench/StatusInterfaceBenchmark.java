package io.presencehub.bench;

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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Benchmark of the status TCP interface against the packaged hub jar, run as a child process:
 * start-up time, set→event throughput and fan-out latency to many clients, the time of a full
 * {@code get_extension_state}, and the hub's resident memory. The fan-out latency is also measured,
 * with the same listeners' code, rate and duration, against a {@link BareBroadcaster} in this
 * process, in alternating one-second slices, so the hub's p99 is judged against what bare Netty
 * achieves on the same machine under the same background load.
 * Plain main; exits non-zero only on errors, never on a missed target.
 *
 * <p>Options ({@code --name=value}): {@code clients} (200), {@code seconds} per phase (10),
 * {@code rate} of the latency phase (1000/s), {@code writers} (4), {@code window} of unanswered
 * commands per writer (128), {@code state-runs} (20), {@code jar} (target/presence-hub.jar),
 * {@code hub-jvm-args} (space-separated options for the hub's JVM, after the benchmark's own {@code -D}
 * settings so they can override them, default those of
 * {@code scripts/run.sh}: {@value #DEFAULT_HUB_JVM_ARGS}).
 */
public final class StatusInterfaceBenchmark {

    /** The JVM options scripts/run.sh starts the hub with. */
    static final String DEFAULT_HUB_JVM_ARGS = "-Xmx160m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -XX:TieredStopAtLevel=1";

    private static final long WATCHDOG_SECONDS = 150;
    /** Paced traffic the bare broadcaster gets before it is measured, as the hub had the throughput phase. */
    private static final int BARE_WARM_UP_SECONDS = 3;
    /**
     * The latency phase alternates hub and bare runs this long: other work on a shared machine comes
     * and goes over seconds, and would otherwise load one side of the comparison more than the other.
     */
    private static final int SLICE_SECONDS = 1;
    private static final long DRAIN_MILLIS = 15_000;

    private final Options options;
    private final BenchDirectory directory = new BenchDirectory(2, 5, 1000);
    private final int[] statusOf = new int[directory.extensionCount()];
    private HubProcess hub;

    private StatusInterfaceBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        runThenExit(() -> new StatusInterfaceBenchmark(Options.parse(args)).run());
    }

    /** A benchmark's work, which may throw. */
    interface Work {
        void run() throws Exception;
    }

    /** Runs a benchmark under the watchdog and exits: 0 when it finished, 1 (with the cause) when it failed. */
    static void runThenExit(Work work) {
        startWatchdog();
        try {
            work.run();
            System.exit(0);
        } catch (Exception e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("presence-hub-bench");
        Thread stopHub = new Thread(this::stopHub, "bench-stop-hub");
        Runtime.getRuntime().addShutdownHook(stopHub);
        try {
            Results results = measure(work);
            System.out.println(results.report(directory.extensionCount(), options.clients()));
        } catch (Exception e) {
            if (hub != null) {
                System.err.println(hub.logTail());
            }
            throw e;
        } finally {
            stopHub();
            deleteRecursively(work);
        }
    }

    private Results measure(Path work) throws Exception {
        Results results = new Results();
        results.loadBefore = CpuMeter.loadAverage();
        Path yaml = directory.write(work);
        hub = HubProcess.start(options.jar(), yaml, work, options.hubJvmArgs());
        results.startupMillis = hub.awaitReady(60_000);
        results.idleResidentKilobytes = hub.residentKilobytes();
        log("hub pid %d ready after %d ms; hub log: %s", hub.pid(), results.startupMillis, hub.camelStartedLine());
        try (ListenerPool listeners = ListenerPool.connect(hub.statusAddress(), options.clients(), 2)) {
            awaitAllListening(hub.statusAddress(), listeners);
            log("%d listeners connected", listeners.size());
            throughput(listeners, results);
            latency(listeners, results);
            stateReports(results);
            results.disconnectedListeners = listeners.disconnected();
        }
        results.residentKilobytes = hub.residentKilobytes();
        results.loadAfter = CpuMeter.loadAverage();
        return results;
    }

    // ---- readiness of the listeners ---------------------------------------------------------

    /** Sends probe notes until every listener received an event: all are in the hub's client group. */
    private void awaitAllListening(InetSocketAddress server, ListenerPool listeners) throws Exception {
        try (CommandConnection probe = new CommandConnection(server, 16, "probe")) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                probe.send("set_extension_note@#" + directory.address(0) + "@#probe-" + (char) ('a' + attempt));
                requireReplies(probe, attempt, "probe");
                if (listeners.awaitMinLines(1, 2000)) {
                    return;
                }
            }
            throw new IOException("not every listener receives events: fewest lines " + listeners.minLines());
        }
    }

    // ---- (a) throughput ---------------------------------------------------------------------

    private void throughput(ListenerPool listeners, Results results) throws Exception {
        long[] baseline = listeners.lineCounts();
        AtomicBoolean stop = new AtomicBoolean();
        List<CommandConnection> connections = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] sent = new long[options.writers()];
        Exception[] failure = new Exception[1];
        try {
            for (int w = 0; w < options.writers(); w++) {
                CommandConnection connection = new CommandConnection(hub.statusAddress(), options.window(), "writer-" + w);
                connections.add(connection);
                int writer = w;
                Thread thread = new Thread(() -> {
                    try {
                        sent[writer] = writeStatuses(connection, writer, stop);
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                }, "bench-writer-" + w);
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(2000); // warm-up, not counted
            long fullyBefore = listeners.minLines();
            CpuMeter cpu = new CpuMeter(hub.pid());
            Thread.sleep(options.seconds() * 1000L);
            long fullyAfter = listeners.minLines();
            double seconds = cpu.seconds();
            results.throughputHubCpu = cpu.hubPercent();
            results.throughputBenchCpu = cpu.benchPercent();
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(15_000);
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            results.throughput = (fullyAfter - fullyBefore) / seconds;
            long total = 0;
            for (int w = 0; w < connections.size(); w++) {
                requireReplies(connections.get(w), sent[w], "throughput writer " + w);
                total += sent[w];
            }
            results.throughputCommands = total;
            results.throughputMissing = awaitDelivery(listeners, baseline, total);
            log("throughput: %.0f changes/s fully delivered, %d commands in %.1f s incl. warm-up,"
                    + " CPU (100%% = 1 core): hub %.0f%%, benchmark %.0f%%", results.throughput, total, seconds + 2,
                    results.throughputHubCpu, results.throughputBenchCpu);
        } finally {
            stop.set(true);
            connections.forEach(CommandConnection::close);
        }
    }

    /** One writer: sets the next status on its share of the extensions until told to stop. */
    private long writeStatuses(CommandConnection connection, int writer, AtomicBoolean stop) throws Exception {
        long sent = 0;
        int g = writer;
        while (!stop.get()) {
            int next = (statusOf[g] + 1) % directory.statusCount();
            statusOf[g] = next;
            connection.send("set_extension_status@#" + directory.address(g) + "@#" + BenchDirectory.statusName(next));
            sent++;
            g += options.writers();
            if (g >= statusOf.length) {
                g = writer;
            }
        }
        connection.flush();
        return sent;
    }

    // ---- (b) fan-out latency ----------------------------------------------------------------

    private void latency(ListenerPool listeners, Results results) throws Exception {
        try (BareBroadcaster bare = BareBroadcaster.start();
             ListenerPool bareListeners = ListenerPool.connect(bare.address(), options.clients(), 2)) {
            awaitAllListening(bare.address(), bareListeners);
            int warmUp = Math.min(BARE_WARM_UP_SECONDS, options.seconds());
            pacedRun(bare.address(), bareListeners, warmUp, 0, () -> { });
            List<PacedRun> hubRuns = new ArrayList<>();
            List<PacedRun> bareRuns = new ArrayList<>();
            double hubCpu = 0;
            double benchCpu = 0;
            for (int done = 0; done < options.seconds(); done += SLICE_SECONDS) {
                int slice = Math.min(SLICE_SECONDS, options.seconds() - done);
                CpuMeter cpu = new CpuMeter(hub.pid());
                double[] used = new double[2];
                // sequence numbers go on across slices: each change sets a note its extension does not have yet
                int firstSeq = done * options.rate();
                hubRuns.add(pacedRun(hub.statusAddress(), listeners, slice, firstSeq, () -> {
                    used[0] = cpu.hubPercent();
                    used[1] = cpu.benchPercent();
                }));
                hubCpu += used[0] * slice / options.seconds();
                benchCpu += used[1] * slice / options.seconds();
                bareRuns.add(pacedRun(bare.address(), bareListeners, slice, warmUp * options.rate() + firstSeq, () -> { }));
            }
            PacedRun hubRun = PacedRun.merge(hubRuns);
            PacedRun bareRun = PacedRun.merge(bareRuns);
            results.latencies = hubRun.latencies();
            results.latencyRate = hubRun.rate();
            results.latencyRepliedMillis = hubRun.repliedMillis();
            results.latencyDrainMillis = hubRun.drainMillis();
            results.latencyMissing = hubRun.missing();
            results.latencyExpected = hubRun.expected();
            results.latencyHubCpu = hubCpu;
            results.latencyBenchCpu = benchCpu;
            results.bareLatencies = bareRun.latencies();
            results.bareRate = bareRun.rate();
            results.bareMissing = bareRun.missing();
            results.bareExpected = bareRun.expected();
            results.bareDisconnected = bareListeners.disconnected();
            log("latency: %d deliveries recorded at %.0f changes/s in %d slices; after the last send of a slice, at most:"
                    + " last reply %d ms, last event %d ms; CPU: hub %.0f%%, benchmark %.0f%%", hubRun.latencies().length,
                    hubRun.rate(), hubRuns.size(), hubRun.repliedMillis(), hubRun.drainMillis(), hubCpu, benchCpu);
            log("bare netty latency: %d deliveries recorded at %.0f changes/s in %d slices between the hub's; after the"
                    + " last send of a slice, at most: last reply %d ms, last event %d ms", bareRun.latencies().length,
                    bareRun.rate(), bareRuns.size(), bareRun.repliedMillis(), bareRun.drainMillis());
        }
    }

    /**
     * {@code rate} note changes per second for {@code seconds}, numbered from {@code firstSeq + 1},
     * each timed from its send until each listener has its event; {@code allSent} runs right after
     * the last send.
     */
    private PacedRun pacedRun(InetSocketAddress server, ListenerPool listeners, int seconds, int firstSeq,
                              Runnable allSent) throws Exception {
        int changes = options.rate() * seconds;
        long period = TimeUnit.SECONDS.toNanos(1) / options.rate();
        ListenerPool.SendLog sendLog = new ListenerPool.SendLog(firstSeq + changes + 1);
        long[] baseline = listeners.lineCounts();
        listeners.recordLatencies(sendLog);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        double rate;
        long repliedMillis;
        long missing;
        long drainMillis;
        try (CommandConnection writer = new CommandConnection(server, changes + 1, "pacer")) {
            for (int seq = firstSeq + 1; seq <= firstSeq + changes; seq++) {
                String command = "set_extension_note@#" + directory.address(seq % statusOf.length) + "@#n" + seq;
                waitUntil(start + (seq - firstSeq - 1) * period);
                sendLog.sent(seq, System.nanoTime());
                writer.send(command);
                writer.flush();
            }
            long lastSent = System.nanoTime();
            rate = changes / ((lastSent - start + period) / 1e9); // n sends paced exactly span n periods
            allSent.run();
            requireReplies(writer, changes, "latency writer");
            repliedMillis = (System.nanoTime() - lastSent) / 1_000_000;
            missing = awaitDelivery(listeners, baseline, changes);
            drainMillis = (System.nanoTime() - lastSent) / 1_000_000;
        }
        long[] latencies = listeners.stopRecording();
        Arrays.sort(latencies);
        return new PacedRun(latencies, rate, repliedMillis, drainMillis, missing, (long) changes * listeners.size());
    }

    /** What one paced run measured; latencies sorted, in nanoseconds. */
    private record PacedRun(long[] latencies, double rate, long repliedMillis, long drainMillis, long missing,
                            long expected) {

        /** Several runs as one: all latencies, the mean rate, the longest drains, the sums. */
        static PacedRun merge(List<PacedRun> runs) {
            long[] all = runs.stream().map(PacedRun::latencies).reduce(new long[0], (a, b) -> {
                long[] both = Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                return both;
            });
            Arrays.sort(all);
            return new PacedRun(all, runs.stream().mapToDouble(PacedRun::rate).average().orElse(0),
                    runs.stream().mapToLong(PacedRun::repliedMillis).max().orElse(0),
                    runs.stream().mapToLong(PacedRun::drainMillis).max().orElse(0),
                    runs.stream().mapToLong(PacedRun::missing).sum(), runs.stream().mapToLong(PacedRun::expected).sum());
        }
    }

    /** Parks, then spins, until {@link System#nanoTime()} reaches {@code nanos}. */
    static void waitUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    // ---- (c) get_extension_state ------------------------------------------------------------

    private void stateReports(Results results) throws IOException {
        List<Double> timings = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(hub.statusAddress(), 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
            for (int run = 0; run < 3 + options.stateRuns(); run++) {
                long start = System.nanoTime();
                out.write("get_extension_state\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                int extensions = readStateReport(in);
                double millis = (System.nanoTime() - start) / 1e6;
                if (extensions != directory.extensionCount()) {
                    throw new IOException("get_extension_state reported " + extensions + " extensions, expected "
                            + directory.extensionCount());
                }
                if (run >= 3) { // the first three are warm-up
                    timings.add(millis);
                }
            }
        }
        timings.sort(Comparator.naturalOrder());
        results.stateMedianMillis = timings.get(timings.size() / 2);
        results.stateMaxMillis = timings.get(timings.size() - 1);
        log("get_extension_state: median %.1f ms over %d runs", results.stateMedianMillis, timings.size());
    }

    /** Reads one state report up to {@code State Report Finished}; returns its extension lines. */
    private static int readStateReport(BufferedReader in) throws IOException {
        int extensions = 0;
        boolean started = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("State Report Started")) {
                started = true;
            } else if (line.equals("State Report Finished")) {
                if (!started) {
                    throw new IOException("State Report Finished without State Report Started");
                }
                return extensions;
            } else if (line.startsWith("Error:")) {
                throw new IOException("get_extension_state failed: " + line);
            } else if (started && line.startsWith("Extension@#")) {
                extensions++;
            }
        }
        throw new IOException("connection closed inside a state report");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void requireReplies(CommandConnection connection, long expected, String what) throws Exception {
        if (!connection.awaitReplies(expected, DRAIN_MILLIS)) {
            throw new IOException(what + ": " + connection.replies() + " of " + expected + " replies");
        }
        if (connection.errors() > 0) {
            throw new IOException(what + ": " + connection.errors() + " commands failed, first: " + connection.firstError());
        }
    }

    /** Waits until every listener has {@code extra} more lines than at baseline; returns lines still missing. */
    private static long awaitDelivery(ListenerPool listeners, long[] baseline, long extra) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        long missing;
        do {
            long[] counts = listeners.lineCounts();
            missing = 0;
            for (int i = 0; i < counts.length; i++) {
                missing += Math.max(0, baseline[i] + extra - counts[i]);
            }
            if (missing > 0) {
                Thread.sleep(10);
            }
        } while (missing > 0 && System.currentTimeMillis() < deadline);
        return missing;
    }

    private synchronized void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(WATCHDOG_SECONDS));
                System.err.println("BENCHMARK FAILED: still running after " + WATCHDOG_SECONDS + " s, giving up");
                System.exit(2); // the shutdown hook stops the hub
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    /** Command-line options. */
    record Options(int clients, int seconds, int rate, int writers, int window, int stateRuns, Path jar,
            List<String> hubJvmArgs) {

        static Options parse(String[] args) {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("options are --name=value, got: " + arg);
                }
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            Options options = new Options(
                    Integer.parseInt(values.getOrDefault("clients", "200")),
                    Integer.parseInt(values.getOrDefault("seconds", "10")),
                    Integer.parseInt(values.getOrDefault("rate", "1000")),
                    Integer.parseInt(values.getOrDefault("writers", "4")),
                    Integer.parseInt(values.getOrDefault("window", "128")),
                    Integer.parseInt(values.getOrDefault("state-runs", "20")),
                    Path.of(values.getOrDefault("jar", "target/presence-hub.jar")),
                    values.getOrDefault("hub-jvm-args", DEFAULT_HUB_JVM_ARGS).isBlank() ? List.of()
                            : List.of(values.getOrDefault("hub-jvm-args", DEFAULT_HUB_JVM_ARGS).trim().split("\\s+")));
            values.keySet().removeAll(List.of("clients", "seconds", "rate", "writers", "window", "state-runs", "jar",
                    "hub-jvm-args"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + values.keySet());
            }
            if (!Files.isRegularFile(options.jar())) {
                throw new IllegalArgumentException("no hub jar at " + options.jar() + " (run mvn package first)");
            }
            return options;
        }
    }
}
