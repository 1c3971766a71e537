package io.presencehub.teams;

import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.testing.SlowMachineTimeouts;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** A real hub with Teams sync enabled against a {@link FakeGraph}, polling every 200 ms. */
final class TeamsHubFixture {

    static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    static final String ALICE_ID = "u-alice";

    private TeamsHubFixture() {
    }

    /** A hub pointed at the fake with the valid credentials; add more settings before {@code start()}. */
    static TestHub hub(Path folder, String directory, FakeGraph graph) {
        return graph.connect(TestHub.in(folder, directory))
                .with("hub.teams.poll-interval", "PT0.2S") // ISO-8601 here, 100ms elsewhere: both reach the poll timer
                .with("hub.teams.users-refresh", "1h");
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(SlowMachineTimeouts.AWAIT).pollInterval(Duration.ofMillis(20));
    }

    static TeamsPoller poller(TestHub hub) {
        return hub.context().getRegistry().lookupByNameAndType("teamsPoller", TeamsPoller.class);
    }

    static TeamsWriter writer(TestHub hub) {
        return hub.context().getRegistry().lookupByNameAndType("teamsWriter", TeamsWriter.class);
    }

    /**
     * The Teams writer owes nothing: every write it decided on so far has been answered (one in flight still counts).
     * Await it before asserting that Graph got no (further) write.
     */
    static boolean writerIdle(TestHub hub) {
        return writer(hub).pendingCount() == 0;
    }

    static UserState state(TestHub hub, UserKey user) {
        return hub.applier().current(user);
    }

    /** Waits until the hub has read Graph's presence of the user at least once (the baseline). */
    static void awaitBaseline(TestHub hub, UserKey user) {
        await().until(() -> poller(hub).observation(user).isPresent());
    }

    /** Waits for {@code cycles} more complete poll requests. */
    static void awaitPolls(FakeGraph graph, int cycles) {
        int start = graph.requestCount(FakeGraph.Endpoint.GET_PRESENCES_BY_USER_ID);
        await().until(() -> graph.requestCount(FakeGraph.Endpoint.GET_PRESENCES_BY_USER_ID) >= start + cycles);
    }
}
