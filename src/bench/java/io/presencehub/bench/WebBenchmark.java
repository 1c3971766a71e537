package io.presencehub.bench;

import io.presencehub.web.Browser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of the web server against the packaged hub jar, run as a child process with the JVM options of
 * {@code scripts/run.sh} and 10,000 extensions: (1) Server-Sent Events fan-out: {@code clients} streams on
 * {@code GET /api/events}, one status client sets notes {@code w<seq>} at {@code rate}/s for {@code seconds}; each
 * event is timed from its set's send to its arrival at each stream (p99 target ≤ 50 ms), with events expected
 * against received and the hub's CPU; (2) board data: {@code GET /api/users?limit=<page>} (the first page) and
 * paging through all users by {@code offset}, median and max over {@code runs}. Plain main; exits non-zero only on
 * errors, never on a missed target.
 *
 * <p>The first seconds after start-up (JIT) make a backlog that takes a while to drain, so {@code warm-up} seconds at
 * the same rate come first and are reported on their own line.
 *
 * <p>Options ({@code --name=value}): {@code clients} (100), {@code seconds} (10), {@code warm-up} (2), {@code rate}
 * (1000), {@code runs}
 * (20), {@code page} (200), {@code jar} (target/presence-hub.jar), {@code hub-jvm-args} (as scripts/run.sh).
 */
public final class WebBenchmark {

    static final double TARGET_P99_MILLIS = 50;
    private static final long DRAIN_MILLIS = 15_000;
    private static final int WARM_UP_RUNS = 3;
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final Pattern USER = Pattern.compile("\"defaultExtension\":");

    private final Map<String, String> options;
    private final BenchDirectory directory = new BenchDirectory(2, 5, 1000);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final StringBuilder report = new StringBuilder("\n== Presence Hub web benchmark ==\n");
    private HubProcess hub;

    private WebBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) {
        StatusInterfaceBenchmark.runThenExit(() -> new WebBenchmark(parse(args)).run());
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("presence-hub-web-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopHub, "bench-stop-hub"));
        String loadBefore = CpuMeter.loadAverage();
        try {
            Path jar = Path.of(option("jar"));
            hub = HubProcess.start(jar, directory.write(work), work, jvmArgs());
            long startup = hub.awaitReady(60_000);
            log("hub pid %d ready after %d ms, web on %s", hub.pid(), startup, hub.webAddress());
            report.append(String.format("extensions: %d  SSE clients: %d%n", directory.extensionCount(),
                    number("clients")));
            fanOut();
            boardLoad();
            report.append(String.format("host: %d cores, load average %s before, %s after  (CPU: 100%% = one core)%n",
                    Runtime.getRuntime().availableProcessors(), loadBefore, CpuMeter.loadAverage()));
            System.out.println(report);
        } catch (Exception e) {
            if (hub != null) {
                System.err.println(hub.logTail());
            }
            throw e;
        } finally {
            stopHub();
            StatusInterfaceBenchmark.deleteRecursively(work);
        }
    }

    // ---- (1) SSE fan-out --------------------------------------------------------------------

    private void fanOut() throws Exception {
        int warmUp = number("rate") * number("warm-up");
        int changes = number("rate") * number("seconds");
        AtomicLongArray sentNanos = new AtomicLongArray(warmUp + changes + 1);
        try (SseListeners streams = SseListeners.connect(hub.webAddress(), number("clients"), sentNanos);
             CommandConnection setter = new CommandConnection(hub.statusAddress(), warmUp + changes + 16, "setter")) {
            int probes = awaitAllStreaming(streams, setter);
            log("%d event streams receive events", streams.size());
            if (warmUp > 0) {
                report.append("warm-up (not in the figures below): ")
                        .append(paced(streams, setter, sentNanos, 0, warmUp, probes).line(streams));
            }
            Phase run = paced(streams, setter, sentNanos, warmUp, changes, probes + warmUp);
            double p99 = Results.millis(run.latencies(), 0.99);
            report.append(run.line(streams).stripTrailing()).append(String.format("   (target p99 <= %.0f ms: %s)%n",
                    TARGET_P99_MILLIS, p99 <= TARGET_P99_MILLIS ? "met" : "MISSED"));
            report.append(String.format("    events expected %d, received %d (%s); streams lost: %d; last event %d ms"
                    + " after the last send; CPU while sending: hub %.0f%%, benchmark %.0f%%%n", run.expected(),
                    run.latencies().length, run.latencies().length == run.expected() ? "none lost"
                    : (run.expected() - run.latencies().length) + " LOST", streams.disconnected(), run.drainMillis(),
                    run.hubCpu(), run.benchCpu()));
        }
    }

    /** One paced phase: latencies sorted (ns), events expected, send rate and time, CPU while sending, last arrival. */
    private record Phase(long[] latencies, long expected, double rate, double seconds, double hubCpu, double benchCpu,
                         long drainMillis) {

        String line(SseListeners streams) {
            return String.format("SSE fan-out @%.0f changes/s for %.1f s to %d streams: p50 %.1f ms  p99 %.1f ms"
                    + "  max %.1f ms%n", rate, seconds, streams.size(), Results.millis(latencies, 0.50),
                    Results.millis(latencies, 0.99), Results.millis(latencies, 1.0));
        }
    }

    /** Sets notes {@code w<after + 1>} … at the rate, then waits for every stream to have them all. */
    private Phase paced(SseListeners streams, CommandConnection setter, AtomicLongArray sentNanos, int after,
                        int changes, long repliesBefore) throws Exception {
        CpuMeter cpu = new CpuMeter(hub.pid());
        long period = TimeUnit.SECONDS.toNanos(1) / number("rate");
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (int seq = after + 1; seq <= after + changes; seq++) {
            StatusInterfaceBenchmark.waitUntil(start + (seq - after - 1) * period);
            sentNanos.set(seq, System.nanoTime());
            setter.send("set_extension_note@#" + directory.address(seq % directory.extensionCount()) + "@#w" + seq);
            setter.flush();
        }
        long lastSent = System.nanoTime();
        double sendSeconds = (lastSent - start + period) / 1e9;
        double hubCpu = cpu.hubPercent();
        double benchCpu = cpu.benchPercent();
        requireReplies(setter, repliesBefore + changes);
        long expected = (long) changes * streams.size();
        long drainStart = System.nanoTime();
        while (streams.timedEvents() < expected && System.nanoTime() - drainStart < DRAIN_MILLIS * 1_000_000) {
            Thread.sleep(10);
        }
        long lastMillis = (streams.lastArrivalNanos() - lastSent) / 1_000_000;
        return new Phase(streams.takeLatencies(), expected, changes / sendSeconds, sendSeconds, hubCpu, benchCpu,
                lastMillis);
    }

    /** Sets probe notes until every stream has had an event (all are the hub's event clients); returns the sets. */
    private int awaitAllStreaming(SseListeners streams, CommandConnection setter) throws Exception {
        for (int attempt = 1; attempt <= 10; attempt++) {
            setter.send("set_extension_note@#" + directory.address(0) + "@#probe-" + attempt);
            requireReplies(setter, attempt);
            long deadline = System.currentTimeMillis() + 1000;
            while (streams.minEvents() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            if (streams.minEvents() >= 1) {
                return attempt;
            }
        }
        throw new IOException("not every event stream receives events: " + streams.disconnected() + " lost");
    }

    // ---- (2) board data -----------------------------------------------------------------------

    private void boardLoad() throws Exception {
        int page = number("page");
        List<Double> first = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int run = 0; run < WARM_UP_RUNS + number("runs"); run++) {
            long start = System.nanoTime();
            int total = requireTotal(get("/api/users?limit=" + page));
            double firstMillis = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            int users = 0;
            for (int offset = 0; offset < total; offset += page) {
                users += countUsers(get("/api/users?limit=" + page + "&offset=" + offset));
            }
            double allMillis = (System.nanoTime() - start) / 1e6;
            if (users != directory.extensionCount()) {
                throw new IOException("paging found " + users + " users, expected " + directory.extensionCount());
            }
            if (run >= WARM_UP_RUNS) {
                first.add(firstMillis);
                all.add(allMillis);
            }
        }
        report.append(String.format("board data, GET /api/users?limit=%d (first page): median %.1f ms  max %.1f ms%n",
                page, median(first), max(first)));
        report.append(String.format("board data, all %d users in %d pages of %d (offset steps): median %.1f ms"
                + "  max %.1f ms   (%d runs after %d warm-up)%n", directory.extensionCount(),
                (directory.extensionCount() + page - 1) / page, page, median(all), max(all), first.size(), WARM_UP_RUNS));
        if (!Browser.available()) {
            report.append("board in a browser: not measured (no /usr/bin/chromedriver: scripts/chromium.sh installs it)\n");
            return;
        }
        InetSocketAddress web = hub.webAddress();
        List<Double> loads = BoardBrowserLoad.measure(web.getHostString() + ":" + web.getPort(), page, WARM_UP_RUNS, 10);
        report.append(String.format("board in headless Chromium, / to the first %d of %d users rendered: median %.0f ms"
                + "  max %.0f ms   (%d loads after %d warm-up)%n", page, directory.extensionCount(), median(loads),
                max(loads), loads.size(), WARM_UP_RUNS));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HubProcess.HOST + ":"
                + hub.webAddress().getPort() + path)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private int requireTotal(String body) throws IOException {
        Matcher total = TOTAL.matcher(body);
        if (!total.find() || Integer.parseInt(total.group(1)) != directory.extensionCount()) {
            throw new IOException("the first page does not report " + directory.extensionCount() + " users in all");
        }
        return Integer.parseInt(total.group(1));
    }

    private static int countUsers(String body) {
        return (int) USER.matcher(body).results().count();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static void requireReplies(CommandConnection connection, long expected) throws Exception {
        if (!connection.awaitReplies(expected, DRAIN_MILLIS) || connection.errors() > 0) {
            throw new IOException("status client: " + connection.replies() + " of " + expected + " replies, "
                    + connection.errors() + " errors, first: " + connection.firstError());
        }
    }

    private synchronized void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private List<String> jvmArgs() {
        String args = option("hub-jvm-args").trim();
        return args.isEmpty() ? List.of() : List.of(args.split("\\s+"));
    }

    private String option(String name) {
        return options.get(name);
    }

    private int number(String name) {
        return Integer.parseInt(options.get(name));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> values = new HashMap<>(Map.of("clients", "100", "seconds", "10", "rate", "1000",
                "runs", "20", "page", "200", "warm-up", "2", "jar", "target/presence-hub.jar",
                "hub-jvm-args", StatusInterfaceBenchmark.DEFAULT_HUB_JVM_ARGS));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !values.containsKey(arg.substring(2, eq))) {
                throw new IllegalArgumentException("options are --name=value of " + values.keySet() + ", got: " + arg);
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        if (!Files.isRegularFile(Path.of(values.get("jar")))) {
            throw new IllegalArgumentException("no hub jar at " + values.get("jar") + " (run mvn package first)");
        }
        return values;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
