package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.calls.CallStates;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.store.JdbcStateStore;
import io.presencehub.store.Observation;
import io.presencehub.sync.ChangePublisher;
import io.presencehub.sync.ExtensionReassignment;
import io.presencehub.sync.PresenceApplier;
import io.presencehub.testing.TestDirectories;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With push, routes teams-push-read and teams-poll both call TeamsPoller.onAnswer on their own threads: the reads of
 * one user are taken one at a time, so an older read (the reconciling poll) that began first cannot overwrite a newer
 * one (the notified read) that finished in between.
 */
class TeamsConcurrentReadsTest {

    private static final UserKey ALICE = new UserKey("hq", "sales", "alice");

    @Test
    void anOlderReadRacingANewerOneMustNotWin() throws Exception {
        FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-03-02T08:00:00Z"));
        DirectoryIndex directory = new DirectoryIndex(new DirectoryParser().parse(TestDirectories.SMALL));
        JdbcStateStore store = JdbcStateStore.open("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "");
        store.saveObservation(new Observation("teams-id", "alice@example.com", "u-alice", clock.instant()));
        PresenceApplier applier = new PresenceApplier(store, () -> directory, new ChangePublisher() {
            @Override
            public void stateChanged(StateChange change) {
            }

            @Override
            public void directoryChanged(List<DirectoryEvent> events) {
            }

            @Override
            public void extensionReassigned(ExtensionReassignment reassignment) {
            }
        }, clock);
        TeamsSettings settings = PackagedTeamsSettings.of(FakeGraph.TENANT_ID, FakeGraph.CLIENT_ID, "secret");
        RequestBudget budget = new RequestBudget(1500, Duration.ofSeconds(30), clock);
        RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0, clock);
        TeamsUsers users = new TeamsUsers(settings, () -> directory, store, clock);
        TeamsPoller poller = new TeamsPoller(settings, users, budget, retry,
                new TeamsIncomingResolver(TeamsIncomingMapper.defaults()), applier, () -> directory,
                new CallStates(CallStates.DEFAULT_BUSY_STATES), store, clock,
                new io.presencehub.decisions.DecisionLog(clock));
        Instant t0 = clock.instant();
        poller.observe(ALICE, new GraphObservation("Available", "Available", "", "1"), t0, t0);

        CountDownLatch olderInside = new CountDownLatch(1);
        CountDownLatch newerDone = new CountDownLatch(1);
        String older = "reconcile-poll";
        poller.ownSessionsFrom(user -> {
            if (Thread.currentThread().getName().equals(older)) {
                olderInside.countDown(); // has read "previous" already
                try {
                    newerDone.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        });
        Thread poll = new Thread(() -> poller.observe(ALICE, new GraphObservation("Away", "Away", "", "2"),
                t0.plusMillis(1), t0.plusMillis(5)), older);
        poll.start();
        assertThat(olderInside.await(5, TimeUnit.SECONDS)).isTrue();
        Thread push = new Thread(() -> poller.observe(ALICE, new GraphObservation("Busy", "Busy", "", "3"),
                t0.plusMillis(2), t0.plusMillis(3)), "push-read");
        push.start();
        // the newer read waits for the older one (without the per-user lock it would finish at once)
        await().atMost(Duration.ofSeconds(5)).until(() -> push.getState() == Thread.State.BLOCKED);
        newerDone.countDown();
        poll.join(5000);
        push.join(5000);

        assertThat(poller.observation(ALICE).orElseThrow().sequenceNumber()).isEqualTo("3");
        store.close();
    }
}
