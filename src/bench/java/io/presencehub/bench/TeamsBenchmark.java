package io.presencehub.bench;

import static io.presencehub.bench.BenchRun.awaitOrFail;
import static io.presencehub.bench.BenchRun.percentile;
import static io.presencehub.bench.TeamsBenchUsers.user;

import io.presencehub.directory.DirectoryService;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserUpdate;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.teams.RequestBudget;
import io.presencehub.teams.TeamsPoller;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Teams sync with 10,000 users against the fake Graph (issue 4): requests per poll cycle, a burst of 2,000 status
 * changes under the 1500/30 s budget, and status change → setPresence latency. Run with {@code bench/teams.sh}.
 */
public final class TeamsBenchmark {

    private static final int USERS = 10_000;
    private static final int BURST = 2_000;
    private static final int LATENCY_SAMPLES = 300;
    private static final Duration POLL = Duration.ofSeconds(3);

    private TeamsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("teams-bench");
        try (FakeGraph graph = FakeGraph.start()) {
            TeamsBenchUsers.addAvailable(graph, USERS);
            TestHub hub = TestHub.in(folder).directory(TestDirectories.teamsUsers(USERS)).withTeams(graph)
                    .with("hub.teams.poll-interval", POLL.toMillis() + "ms")
                    .with("hub.directory.reload-interval", "60000")
                    .start();
            try {
                run(hub, graph);
            } finally {
                hub.close();
            }
        }
    }

    private static void run(TestHub hub, FakeGraph graph) throws Exception {
        TeamsPoller poller = hub.teamsPoller();
        RequestBudget budget = hub.bean(RequestBudget.class);
        awaitOrFail("the first poll", Duration.ofMinutes(3), () -> poller.observation(user(USERS - 1)).isPresent()
                && poller.observation(user(0)).isPresent());

        // 1. requests per poll cycle: arrivals grouped into bursts separated by quiet gaps (the first group, caught
        // mid-cycle, is dropped)
        List<Integer> cycles = new ArrayList<>();
        boolean first = true;
        int seen = graph.requestCount(Endpoint.GET_PRESENCES_BY_USER_ID);
        long lastArrival = System.nanoTime();
        int inCycle = 0;
        while (cycles.size() < 3) {
            int now = graph.requestCount(Endpoint.GET_PRESENCES_BY_USER_ID);
            if (now > seen) {
                inCycle += now - seen;
                seen = now;
                lastArrival = System.nanoTime();
            } else if (inCycle > 0 && System.nanoTime() - lastArrival > POLL.toNanos() / 2) {
                if (!first) {
                    cycles.add(inCycle);
                }
                first = false;
                inCycle = 0;
            }
            Thread.sleep(5);
        }

        // 2. latency: one change at a time over the status interface, until Graph received the setPresence
        List<Long> micros = new ArrayList<>();
        try (LineClient client = new LineClient(hub.statusPort())) {
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                int before = graph.requestCount(Endpoint.SET_PRESENCE);
                long start = System.nanoTime();
                client.set("set_extension_status@#HQ@#Sales@#" + (20000 + i) + "@#Do Not Disturb");
                while (graph.requestCount(Endpoint.SET_PRESENCE) == before) {
                    Thread.onSpinWait();
                }
                micros.add((System.nanoTime() - start) / 1000);
            }
        }
        Collections.sort(micros);

        // 3. burst: let the latency run's writes leave the budget window (the polls keep using it), then 2,000
        // changes at once for other users
        int pollsPerWindow = (USERS + 649) / 650 * (int) (30 / POLL.toSeconds());
        awaitOrFail("the budget to refill", Duration.ofMinutes(2), () -> budget.available() >= budget.limit() - pollsPerWindow - 16);
        graph.resetCounters();
        DirectoryService directory = hub.directoryService();
        StatusDef away = directory.get().tenantOf(user(0)).orElseThrow().defaultStatus(StatusType.AWAY)
                .orElseThrow();
        long burstStart = System.nanoTime();
        for (int i = 0; i < BURST; i++) {
            hub.applier().apply(UserUpdate.status(user(LATENCY_SAMPLES + i), away, Origin.STATUS_INTERFACE));
        }
        long applied = System.nanoTime();
        awaitOrFail("the burst's writes", Duration.ofMinutes(3), () -> okWrites(graph) >= BURST);
        long burstEnd = System.nanoTime();

        System.out.println();
        System.out.println("Teams benchmark, " + USERS + " users, fake Graph on loopback, poll every " + POLL.toSeconds()
                + " s");
        System.out.println("  getPresencesByUserId requests per poll cycle: " + cycles + " (expected ceil("
                + USERS + "/650) = " + (USERS + 649) / 650 + "), largest request " + graph.maxIdsInOneCall()
                + " ids");
        System.out.printf(Locale.ROOT, "  burst of %d status changes: applied in %.1f s, all setPresence accepted"
                        + " after %.1f s; 429 answers: %d; setPresence sent: %d, polls meanwhile: %d%n", BURST,
                (applied - burstStart) / 1e9, (burstEnd - burstStart) / 1e9, graph.throttledCount(),
                graph.requestCount(Endpoint.SET_PRESENCE), graph.requestCount(Endpoint.GET_PRESENCES_BY_USER_ID));
        System.out.printf(Locale.ROOT, "  status change (TCP set) -> setPresence received, %d samples: p50 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms%n", micros.size(), percentile(micros, 50) / 1000.0,
                percentile(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
    }

    private static long okWrites(FakeGraph graph) {
        return graph.writeCalls(Endpoint.SET_PRESENCE).stream().filter(c -> c.status() == 200).count();
    }
}
