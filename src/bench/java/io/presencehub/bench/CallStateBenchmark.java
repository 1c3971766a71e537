package io.presencehub.bench;

import static io.presencehub.bench.BenchRun.awaitOrFail;
import static io.presencehub.bench.BenchRun.loadAverage;
import static io.presencehub.bench.TeamsBenchUsers.number;
import static io.presencehub.bench.TeamsBenchUsers.user;

import io.presencehub.asterisk.AsteriskDeviceWriter;
import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.teams.FakeGraph.Served;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Call state end to end (issue 11), through both fakes as in production: the hub with Asterisk and Teams on, 1,000
 * users with a desk phone ({@code PJSIP/<number>}, the default device pattern) and 100 other users who join Teams
 * meetings. Desk phones start and end 100 calls per second each for 10 s in the {@link FakeAsterisk}
 * (DeviceStateChange over AMI), timed until the {@link FakeGraph} receives the user's setPresence Busy/InACall or
 * clearPresence. Meetings are set as the users' Teams client sessions (Busy/InAMeeting) at staggered times, timed from
 * the getPresencesByUserId answer that first showed them to the Setvar DEVICE_STATE(Custom:teams-n)=INUSE the fake
 * Asterisk receives, and the same for the end (NOT_INUSE). Budgets are raised so nothing is throttled (throttling is
 * {@code TeamsBenchmark}'s). Run with {@code bench/calls.sh}.
 */
public final class CallStateBenchmark {

    static final int PHONE_USERS = 1_000;
    static final int MEETING_USERS = 100;
    static final int USERS = PHONE_USERS + MEETING_USERS;
    static final int CALLS_PER_SECOND = 100;
    static final long CALL_NANOS = Duration.ofSeconds(1).toNanos();
    static final long MEETING_GAP_NANOS = Duration.ofMillis(100).toNanos();
    static final long MEETING_NANOS = Duration.ofSeconds(4).toNanos();
    static final String POLL_INTERVAL = "1s";

    /** One scheduled change: a phone call start/end or a meeting start/end, for a user index. */
    private record Step(long at, boolean phone, boolean start, int user) {
    }

    private CallStateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("call-state-bench");
        try (FakeAsterisk asterisk = new FakeAsterisk().start(); FakeGraph graph = FakeGraph.start()) {
            graph.presenceBudget(1_000_000, Duration.ofSeconds(30));
            TeamsBenchUsers.addAvailable(graph, USERS);
            try (TestHub hub = TestHub.in(folder).directory(TestDirectories.teamsUsers(USERS)).withAsterisk(asterisk)
                    .withTeams(graph).with("hub.teams.request-budget", "1000000")
                    .with("hub.teams.poll-interval", POLL_INTERVAL).start()) {
                run(hub, asterisk, graph);
            }
        }
    }

    private static void run(TestHub hub, FakeAsterisk asterisk, FakeGraph graph) throws Exception {
        awaitOrFail("the hub's baseline (AMI device list, first Teams read, start-up writes)", Duration.ofMinutes(2),
                () -> hub.asteriskConnected() && hub.bean(AsteriskDeviceWriter.class).listedAt().isPresent()
                        && hub.teamsPoller().observation(user(USERS - 1)).isPresent() && hub.asteriskWriterIdle()
                        && hub.teamsWriterIdle());
        Thread.sleep(1_500); // one more poll: the start-up is over
        String loadBefore = loadAverage();

        CallStateTimings timings = new CallStateTimings();
        Queue<Served> served = new ConcurrentLinkedQueue<>();
        graph.onServed(s -> {
            if (s.endpoint() == Endpoint.GET_PRESENCES_BY_USER_ID || s.endpoint() == Endpoint.SET_PRESENCE
                    || s.endpoint() == Endpoint.CLEAR_PRESENCE) {
                served.add(s); // the answers are read after the run, not on the fake's thread
            }
        });
        asterisk.onDeviceSetvar((device, value) -> timings.setvar(device, value, System.nanoTime()));
        List<Step> steps = schedule();
        long begin = System.nanoTime();
        for (Step step : steps) {
            long wait = begin + step.at() - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (step.phone()) {
                String device = "PJSIP/" + number(step.user());
                long now = System.nanoTime(); // the event is written to the hub's socket within this call
                asterisk.setDeviceState(device, step.start() ? "INUSE" : "NOT_INUSE");
                timings.phoneChange(step.user(), step.start(), now);
            } else {
                timings.meetingChange(step.user(), step.start(), System.nanoTime());
                graph.setClientSession(TestDirectories.teamsUserGraphId(step.user()),
                        step.start() ? "Busy" : "Available", step.start() ? "InAMeeting" : "Available");
            }
        }
        long sent = System.nanoTime();
        Thread.sleep(2_500); // the last meeting end needs one more read
        awaitOrFail("the writers to be idle", Duration.ofSeconds(60),
                () -> hub.teamsWriterIdle() && hub.asteriskWriterIdle()
                        && hub.bean(AsteriskDeviceWriter.class).pendingCount() == 0);
        graph.onServed(null);
        asterisk.onDeviceSetvar(null);
        String loadAfter = loadAverage();
        served.forEach(timings::served);

        System.out.println();
        System.out.printf(Locale.ROOT, "Call state benchmark: hub with Asterisk and Teams on, both fakes on loopback,"
                        + " %d users (%d with a desk phone PJSIP/<n>, %d in Teams meetings), budgets raised: not"
                        + " throttled; Teams poll interval %s; load average %s before, %s after (%d cores)%n",
                USERS, PHONE_USERS, MEETING_USERS, POLL_INTERVAL, loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  desk phones: %d call starts per second for %.1f s, each call ending %.0f s"
                        + " later (%d DeviceStateChange in %.1f s, about %d calls up at once); whole run %.1f s%n",
                CALLS_PER_SECOND, PHONE_USERS / (double) CALLS_PER_SECOND, CALL_NANOS / 1e9, 2 * PHONE_USERS,
                timings.phoneSeconds(), CALLS_PER_SECOND * CALL_NANOS / 1_000_000_000L, (sent - begin) / 1e9);
        timings.printPhones();
        timings.printMeetings();
    }

    /**
     * Phone user i starts a call at i/100 s and ends it 1 s later (ends half a tick after the starts); meeting user
     * j joins at 0.5 s + j/10 s and leaves 4 s later, so both loads overlap.
     */
    private static List<Step> schedule() {
        List<Step> steps = new ArrayList<>();
        long tick = 1_000_000_000L / CALLS_PER_SECOND;
        for (int i = 0; i < PHONE_USERS; i++) {
            steps.add(new Step(i * tick, true, true, i));
            steps.add(new Step(i * tick + CALL_NANOS + tick / 2, true, false, i));
        }
        for (int j = 0; j < MEETING_USERS; j++) {
            long at = Duration.ofMillis(500).toNanos() + j * MEETING_GAP_NANOS;
            steps.add(new Step(at, false, true, PHONE_USERS + j));
            steps.add(new Step(at + MEETING_NANOS, false, false, PHONE_USERS + j));
        }
        steps.sort(Comparator.comparingLong(Step::at));
        return steps;
    }
}
