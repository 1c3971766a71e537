package io.presencehub.bench;

import static io.presencehub.bench.BenchRun.awaitOrFail;
import static io.presencehub.bench.BenchRun.loadAverage;
import static io.presencehub.bench.BenchRun.percentile;
import static io.presencehub.bench.TeamsBenchUsers.graphId;
import static io.presencehub.bench.TeamsBenchUsers.number;
import static io.presencehub.bench.TeamsBenchUsers.user;

import io.presencehub.teams.signin.Browser;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.FakeGraph.Delivery;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import org.apache.camel.health.HealthCheck;

/**
 * Teams push with 10,000 users (issue 13): the hub signs in (as an admin's browser would), keeps 16 subscriptions at
 * the fake Graph, and 100 Teams changes per second for 60 s reach it as change notifications. Prints the change (in
 * the fake) → status-client event latency against the 1 s target and the 10 s poll, and the Graph requests and
 * deliveries per minute against what polling alone uses and the 1500/30 s budget. Run with {@code bench/teams-push.sh}.
 */
public final class TeamsPushBenchmark {

    static final int USERS = 10_000;
    static final int SUBSCRIPTIONS = (USERS + 649) / 650;
    static final int CHANGES_PER_SECOND = 100;
    static final int WARM_UP_STEPS = 5 * CHANGES_PER_SECOND;
    static final int RUN_STEPS = 60 * CHANGES_PER_SECOND;
    /** Users 0, 5, 10, …: all 16 subscriptions take part, and each user changes every 20 s, in turn to each state. */
    static final int ROTATION = 2_000;
    static final int STRIDE = USERS / ROTATION;
    static final String POLL_INTERVAL = "10s";
    static final Duration DRAIN = Duration.ofSeconds(20);
    private static final long TICK_NANOS = 1_000_000_000L / CHANGES_PER_SECOND;
    private static final List<Endpoint> SUBSCRIPTION_CALLS = List.of(Endpoint.CREATE_SUBSCRIPTION,
            Endpoint.RENEW_SUBSCRIPTION, Endpoint.DELETE_SUBSCRIPTION, Endpoint.LIST_SUBSCRIPTIONS,
            Endpoint.GET_SUBSCRIPTION);

    private TeamsPushBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // the fake's JDK HttpServer writes an answer's headers and body as two segments; with Nagle on, the body waits
        // for the hub's delayed ACK (40 ms on Linux) whenever reads follow each other closely (push-coalesce=50ms:
        // answer -> event 42 ms instead of 4 ms). Graph's servers do not do that: a fake artefact, switched off
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path folder = Files.createTempDirectory("teams-push-bench");
        try (FakeGraph graph = FakeGraph.start()) {
            TeamsBenchUsers.addAvailable(graph, USERS);
            graph.signInAs(graphId(0));
            long starting = System.nanoTime();
            TestHub configured = TestHub.in(folder).directory(TestDirectories.teamsUsers(USERS)).withTeams(graph)
                    .with("hub.teams.public-url", "http://127.0.0.1:{{hub.web.port}}")
                    .with("hub.teams.poll-interval", POLL_INTERVAL) // withTeams polls every 0.2 s: the default again
                    .with("hub.directory.reload-interval", "60000");
            for (String arg : args) { // key=value: a hub setting to try, e.g. hub.teams.push-coalesce=50ms
                String[] setting = arg.split("=", 2);
                if (setting.length != 2) {
                    throw new IllegalArgumentException("expected key=value, got " + arg);
                }
                configured.with(setting[0], setting[1]);
            }
            try (TestHub hub = configured.start()) {
                awaitPush(hub, graph);
                System.out.printf(Locale.ROOT, "%nhub started, signed in, %d subscriptions and %d baselines after"
                        + " %.1f s%n", SUBSCRIPTIONS, USERS, (System.nanoTime() - starting) / 1e9);
                run(hub, graph);
            }
        }
    }

    /** Signs in and waits until the subscriptions cover every user, each has been read once and push is UP. */
    private static void awaitPush(TestHub hub, FakeGraph graph) throws InterruptedException {
        HttpResponse<String> page = Browser.signIn(hub.webPort());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + page.statusCode() + " " + page.body());
        }
        awaitOrFail(SUBSCRIPTIONS + " subscriptions", Duration.ofMinutes(2), () -> graph.subscriptions().size()
                == SUBSCRIPTIONS && graph.subscriptions().stream().mapToInt(s -> s.userIds().size()).sum() == USERS);
        int[] read = {0};
        awaitOrFail("every user's baseline", Duration.ofMinutes(2), () -> {
            while (read[0] < USERS && hub.teamsPoller().observation(user(read[0])).isPresent()) {
                read[0]++;
            }
            return read[0] == USERS;
        });
        awaitOrFail("health teams-push UP", Duration.ofSeconds(30),
                () -> hub.healthCheck("teams-push") == HealthCheck.State.UP);
    }

    private static void run(TestHub hub, FakeGraph graph) throws InterruptedException {
        String loadBefore = loadAverage();
        int steps = WARM_UP_STEPS + RUN_STEPS;
        try (StatusEventTimings timings = new StatusEventTimings(hub.statusPort(), steps)) {
            PresenceReadLog reads = new PresenceReadLog();
            graph.onServed(reads);
            List<Long> calls = new ArrayList<>(RUN_STEPS);
            long[] gcBefore = gc();
            Pacing pacing = drive(graph, timings, calls);
            long runStart = pacing.runStart();
            double minutes = (System.nanoTime() - runStart) / 60e9;
            Map<Endpoint, Integer> requests = new EnumMap<>(Endpoint.class);
            for (Endpoint endpoint : Endpoint.values()) {
                requests.put(endpoint, graph.requestCount(endpoint));
            }
            int deliveredInRun = graph.deliveries().size();
            long[] gcAfter = gc();
            long drainStart = System.nanoTime();
            while (timings.arrived() < steps && System.nanoTime() - drainStart < DRAIN.toNanos()) {
                Thread.sleep(20);
            }
            System.out.printf(Locale.ROOT, "Teams push benchmark: %d users, %d subscriptions, %d Teams changes/s for"
                            + " %.1f s after %d s of warm-up (fake Graph and status client in this JVM, loopback);"
                            + " poll interval %s, reconcile %s, coalesce %s%n", USERS, SUBSCRIPTIONS, CHANGES_PER_SECOND,
                    minutes * 60, WARM_UP_STEPS / CHANGES_PER_SECOND, setting(hub, "hub.teams.poll-interval"),
                    setting(hub, "hub.teams.reconcile-interval"), setting(hub, "hub.teams.push-coalesce"));
            System.out.printf(Locale.ROOT, "  host: %d cores, load average %s before, %s after; pacing: at most"
                            + " %.1f ms behind the wall clock; GC in the run: %d collections, %d ms%n",
                    Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), pacing.maxLagNanos() / 1e6,
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
            graph.onServed(null);
            printLatencies(timings);
            printTail(timings, reads.reads(runStart), calls);
            printRequests(graph, requests, minutes, deliveredInRun);
        }
    }

    /** When the measured run began and how far the changes fell behind the wall clock at most. */
    private record Pacing(long runStart, long maxLagNanos) {
    }

    /**
     * The changes, paced by the wall clock (one every 10 ms, late ones at once, never a burst to catch up): warm-up,
     * then the counters reset and the measured run. Records how long each of the run's setClientSession calls took.
     */
    private static Pacing drive(FakeGraph graph, StatusEventTimings timings, List<Long> calls) {
        long runStart = 0;
        long maxLag = 0;
        long begin = System.nanoTime();
        for (int step = 0; step < WARM_UP_STEPS + RUN_STEPS; step++) {
            long wait = begin + step * TICK_NANOS - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (step >= WARM_UP_STEPS) {
                maxLag = Math.max(maxLag, -wait);
            }
            if (step == WARM_UP_STEPS) {
                graph.resetCounters();
                runStart = System.nanoTime();
            }
            int i = (step % ROTATION) * STRIDE;
            boolean busy = (step / ROTATION) % 2 == 0;
            long now = System.nanoTime();
            timings.expect(step, number(i), busy ? "Do Not Disturb" : "Available", now);
            graph.setClientSession(graphId(i), busy ? "Busy" : "Available", busy ? "InAMeeting" : "Available");
            if (step >= WARM_UP_STEPS) {
                calls.add(System.nanoTime() - now);
            }
        }
        return new Pacing(runStart, maxLag);
    }

    private static String setting(TestHub hub, String key) {
        String value = hub.context().resolvePropertyPlaceholders("{{" + key + "}}");
        return value.matches("\\d+") ? value + "ms" : value; // the fake's connect writes milliseconds
    }

    private static void printLatencies(StatusEventTimings timings) {
        int steps = WARM_UP_STEPS + RUN_STEPS;
        List<Long> run = timings.sorted(WARM_UP_STEPS, steps);
        System.out.printf(Locale.ROOT, "  change in the fake -> ExtensionStatusUpdatedEvent at the status client,"
                        + " %d of %d arrived: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", run.size(),
                RUN_STEPS, millis(run, 50), millis(run, 90), millis(run, 99), millis(run, 100));
        boolean met = run.size() == RUN_STEPS && percentile(run, 99) <= 1_000_000_000L;
        System.out.printf(Locale.ROOT, "    target p99 <= 1000 ms: %s;  polling alone (every %s, the default): up to 10,000 ms"
                + " plus the read, about 5,000 ms on average%n", met ? "met" : "MISSED", POLL_INTERVAL);
        StringBuilder slices = new StringBuilder("    p99 per 10 s of the run:");
        for (int from = WARM_UP_STEPS; from < steps; from += 10 * CHANGES_PER_SECOND) {
            slices.append(String.format(Locale.ROOT, " %.0f", millis(timings.sorted(from,
                    Math.min(steps, from + 10 * CHANGES_PER_SECOND)), 99)));
        }
        System.out.println(slices.append(" ms"));
        List<Long> warmUp = timings.sorted(0, WARM_UP_STEPS);
        System.out.printf(Locale.ROOT, "    warm-up (not counted), %d of %d arrived: p50 %.1f ms, p99 %.1f ms;"
                        + " status lines not matched to a change: %d %s%n", warmUp.size(), WARM_UP_STEPS,
                millis(warmUp, 50), millis(warmUp, 99), timings.unexpected(), timings.firstUnexpected());
    }

    /**
     * Where the tail comes from: the reconciling poll reads all users once a minute, 16 requests of 650 ids, and the
     * fake answers each under its monitor (a linear look-up per id), so changes made meanwhile wait in the fake too.
     */
    private static void printTail(StatusEventTimings timings, List<PresenceReadLog.Read> reads, List<Long> calls) {
        List<PresenceReadLog.Read> polls = reads.stream().filter(PresenceReadLog.Read::poll).toList();
        List<PresenceReadLog.Read> pushed = reads.stream().filter(r -> !r.poll()).toList();
        System.out.printf(Locale.ROOT, "  reads caused by notifications: %d, %.1f ids each on average; setClientSession"
                        + " in the fake took p50 %.2f ms, p99 %.1f ms, max %.1f ms (included in the latency)%n",
                pushed.size(), pushed.stream().mapToInt(PresenceReadLog.Read::ids).average().orElse(0),
                millis(sorted(calls), 50), millis(sorted(calls), 99), millis(sorted(calls), 100));
        printPath(timings, reads);
        if (polls.isEmpty()) {
            System.out.println("  no reconciling poll during the run");
            return;
        }
        LongPredicate nearPoll = at -> polls.stream().anyMatch(r -> at >= r.receivedNanos()
                && at <= r.answeredNanos() + 1_000_000_000L);
        int steps = WARM_UP_STEPS + RUN_STEPS;
        List<Long> during = timings.sorted(WARM_UP_STEPS, steps, nearPoll);
        List<Long> others = timings.sorted(WARM_UP_STEPS, steps, nearPoll.negate());
        System.out.printf(Locale.ROOT, "  reconciling poll: %d reads (%d ids in all), each answered in up to %.0f ms;"
                        + " changes made during one of its reads or up to 1 s after: %d, p99 %.1f ms, max %.1f ms;"
                        + " the other changes: p99 %.1f ms, max %.1f ms%n", polls.size(),
                polls.stream().mapToInt(PresenceReadLog.Read::ids).sum(),
                polls.stream().mapToLong(r -> r.answeredNanos() - r.receivedNanos()).max().orElse(0) / 1e6,
                during.size(), millis(during, 99), millis(during, 100), millis(others, 99), millis(others, 100));
    }

    /**
     * The latency in three parts, by the first read that asked for the user after the change: change → the read
     * reaches the fake (delivery, coalescing, the hub's timer), the read itself, its answer → the status event.
     */
    private static void printPath(StatusEventTimings timings, List<PresenceReadLog.Read> reads) {
        List<Long> toRead = new ArrayList<>();
        List<Long> read = new ArrayList<>();
        List<Long> afterRead = new ArrayList<>();
        for (int step = WARM_UP_STEPS; step < WARM_UP_STEPS + RUN_STEPS; step++) {
            long changedAt = timings.changedAt(step);
            long eventAt = changedAt + timings.latency(step);
            Optional<PresenceReadLog.Read> first = PresenceReadLog.firstReading(reads,
                    graphId((step % ROTATION) * STRIDE), changedAt);
            if (timings.latency(step) > 0 && first.isPresent() && first.get().answeredNanos() <= eventAt) {
                toRead.add(first.get().receivedNanos() - changedAt);
                read.add(first.get().answeredNanos() - first.get().receivedNanos());
                afterRead.add(eventAt - first.get().answeredNanos());
            }
        }
        System.out.printf(Locale.ROOT, "  the path, p50 / p99 (%d changes): change -> its read reaches the fake %.1f /"
                        + " %.1f ms; the read %.1f / %.1f ms; answer -> event at the client %.1f / %.1f ms%n",
                toRead.size(), millis(sorted(toRead), 50), millis(sorted(toRead), 99), millis(sorted(read), 50),
                millis(sorted(read), 99), millis(sorted(afterRead), 50), millis(sorted(afterRead), 99));
    }

    private static List<Long> sorted(List<Long> values) {
        return values.stream().sorted().toList();
    }

    private static void printRequests(FakeGraph graph, Map<Endpoint, Integer> requests, double minutes,
                                      int deliveredInRun) {
        int reads = requests.get(Endpoint.GET_PRESENCES_BY_USER_ID);
        int subscriptionCalls = SUBSCRIPTION_CALLS.stream().mapToInt(requests::get).sum();
        int total = requests.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(Locale.ROOT, "  Graph requests per minute in the run: getPresencesByUserId %.0f,"
                        + " subscription calls %.0f (create %d, renew %d, delete %d, list %d, get %d), token %.0f;"
                        + " total %.0f (%d in %.1f s); largest read %d ids, 429 answers %d%n", reads / minutes,
                subscriptionCalls / minutes, requests.get(Endpoint.CREATE_SUBSCRIPTION),
                requests.get(Endpoint.RENEW_SUBSCRIPTION), requests.get(Endpoint.DELETE_SUBSCRIPTION),
                requests.get(Endpoint.LIST_SUBSCRIPTIONS), requests.get(Endpoint.GET_SUBSCRIPTION),
                requests.get(Endpoint.TOKEN) / minutes, total / minutes, total, minutes * 60, graph.maxIdsInOneCall(),
                graph.throttledCount());
        System.out.printf(Locale.ROOT, "    polling alone: ceil(%d/650) x 6 = %d reads/min; budget 1500 per 30 s ="
                + " 3000/min, of which the run used %.0f %%%n", USERS, SUBSCRIPTIONS * 6,
                100.0 * (reads + requests.get(Endpoint.GET_PRESENCE)) / minutes / 3000);
        List<Delivery> deliveries = graph.deliveries();
        List<Long> took = deliveries.stream().map(d -> d.took().toNanos()).sorted().toList();
        System.out.printf(Locale.ROOT, "  deliveries per minute: %.0f; after the drain %d, not answered 202: %d;"
                        + " the hub answered in p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", deliveredInRun / minutes,
                deliveries.size(), deliveries.stream().filter(d -> d.hubStatus() != 202).count(), millis(took, 50),
                millis(took, 99), millis(took, 100));
    }

    private static double millis(List<Long> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN : percentile(sorted, p) / 1e6;
    }

    /** Collections and milliseconds spent in them so far, over all collectors. */
    private static long[] gc() {
        long[] totals = new long[2];
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            totals[0] += Math.max(0, bean.getCollectionCount());
            totals[1] += Math.max(0, bean.getCollectionTime());
        }
        return totals;
    }
}
