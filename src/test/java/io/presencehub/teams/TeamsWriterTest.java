package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.calls.CallStates;
import io.presencehub.calls.TeamsCall;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import io.presencehub.store.JdbcStateStore;
import io.presencehub.store.Observation;
import io.presencehub.store.StateStore;
import io.presencehub.sync.ChangePublisher;
import io.presencehub.sync.ExtensionReassignment;
import io.presencehub.sync.PresenceApplier;
import io.presencehub.testing.TestDirectories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer without Camel, on a frozen clock: coalescing, renewal before expiry, back-off, rejected writes, and its
 * status messages against the incoming note (a read crossing a message write; a note typed in Teams not written back).
 */
class TeamsWriterTest {

    private static final UserKey ALICE = new UserKey("hq", "sales", "alice");

    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-03-02T08:00:00Z"));
    private final DirectoryIndex directory = new DirectoryIndex(new DirectoryParser().parse(TestDirectories.SMALL));
    private final List<StateChange> published = new ArrayList<>();
    private JdbcStateStore store;
    private PresenceApplier applier;
    private RequestBudget budget;
    private TeamsPoller poller;
    private TeamsWriter writer;
    private final CallStates calls = new CallStates(CallStates.DEFAULT_BUSY_STATES);
    /** Runs while the writer stores what Graph accepted (inside {@code onAnswer}). */
    private Runnable whileStoringHeld = () -> { };

    @BeforeEach
    void setUp() {
        store = JdbcStateStore.open("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "");
        store.saveObservation(new Observation("teams-id", "alice@example.com", "u-alice", clock.instant()));
        applier = new PresenceApplier(store, () -> directory, new ChangePublisher() {
            @Override
            public void stateChanged(StateChange change) {
                published.add(change);
            }

            @Override
            public void directoryChanged(List<DirectoryEvent> events) {
            }

            @Override
            public void extensionReassigned(ExtensionReassignment reassignment) {
            }
        }, clock);
        TeamsSettings settings = PackagedTeamsSettings.of(FakeGraph.TENANT_ID, FakeGraph.CLIENT_ID, "secret");
        budget = new RequestBudget(1500, Duration.ofSeconds(30), clock);
        RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0, clock);
        TeamsUsers users = new TeamsUsers(settings, () -> directory, store, clock);
        poller = new TeamsPoller(settings, users, budget, retry,
                new TeamsIncomingResolver(TeamsIncomingMapper.defaults()), applier, () -> directory, calls, store,
                clock, new io.presencehub.decisions.DecisionLog(clock));
        TeamsWriteRules rules = new TeamsWriteRules(new TeamsSessionResolver(TeamsSessionMapper.defaults(), true),
                TeamsWriteResolver.forExpiration(settings.sessionExpiration()), retry, settings.sessionExpiration());
        writer = new TeamsWriter(settings, rules, users, poller, budget, applier, calls, new HeldHook(store), clock,
                new io.presencehub.decisions.DecisionLog(clock));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void set(StatusType type) {
        applier.apply(UserUpdate.status(ALICE, directory.tenantOf(ALICE).orElseThrow().defaultStatus(type)
                .orElseThrow(), Origin.STATUS_INTERFACE)).ifPresent(writer::stateChanged);
    }

    /** The test's store, running {@link #whileStoringHeld} when the writer stores what Graph holds. */
    private final class HeldHook implements StateStore {
        private final StateStore store;

        HeldHook(StateStore store) {
            this.store = store;
        }

        @Override
        public Map<UserKey, UserState> loadUserStates() {
            return store.loadUserStates();
        }

        @Override
        public void saveUserState(UserKey user, UserState state) {
            store.saveUserState(user, state);
        }

        @Override
        public void saveObservation(Observation observation) {
            if (observation.kind().equals(TeamsWriter.KIND_HELD)) {
                whileStoringHeld.run();
            }
            store.saveObservation(observation);
        }

        @Override
        public Map<String, Observation> loadObservations(String kind) {
            return store.loadObservations(kind);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /**
     * With push, routes teams-push-read and teams-poll both hand answers to the poller on their own threads: the reads
     * of one user are taken one at a time, so an older read (the reconciling poll) that began first cannot overwrite
     * a newer one (the notified read) that finished in between.
     */
    @Test
    void anOlderReadRacingANewerOneDoesNotWin() throws Exception {
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
    }

    @Test
    void aPushedUsersTeamsCallLastsTwoReconcileIntervalsWithoutAReadNotForever() {
        poller.pollOnly(new PollSelection() {
            @Override
            public List<String> due(List<String> ids) {
                return ids;
            }

            @Override
            public boolean pushed(String graphId) {
                return true; // what ReconcilingPoll says while the subscription works (or looks as if it did)
            }

            @Override
            public Duration pushedReadInterval() {
                return Duration.ofSeconds(60);
            }
        });
        read(new GraphObservation("Busy", "InAMeeting", "", "1"), clock.instant());
        assertThat(calls.teamsCall(ALICE)).isEqualTo(TeamsCall.IN_CALL);

        clock.advance(Duration.ofSeconds(60));
        poller.releaseStaleCalls();
        assertThat(calls.teamsCall(ALICE)).as("unchanged users are not notified: no read is no doubt yet")
                .isEqualTo(TeamsCall.IN_CALL);

        clock.advance(Duration.ofMinutes(2)); // no reconciling read either: Graph unreachable
        poller.releaseStaleCalls();
        assertThat(calls.teamsCall(ALICE)).isEqualTo(TeamsCall.NONE);
    }

    @Test
    void aTeamsCallEndsOnceTheUserWasNotReadForMoreThanTwoPollIntervals() {
        read(new GraphObservation("Busy", "InAMeeting", "", "1"), clock.instant());
        assertThat(calls.teamsCall(ALICE)).isEqualTo(TeamsCall.IN_CALL);
        clock.advance(Duration.ofSeconds(20)); // the packaged poll interval is 10 s
        poller.releaseStaleCalls();
        assertThat(calls.teamsCall(ALICE)).isEqualTo(TeamsCall.IN_CALL);
        clock.advance(Duration.ofMillis(1));
        poller.releaseStaleCalls();
        assertThat(calls.teamsCall(ALICE)).isEqualTo(TeamsCall.NONE);
        read(new GraphObservation("Busy", "InAMeeting", "", "2"), clock.instant());
        assertThat(calls.teamsCall(ALICE)).isEqualTo(TeamsCall.IN_CALL);
    }

    @Test
    void twoPollIntervalsAfterTheStartEveryUserNeverReadHasNoTeamsCall() {
        UserKey bob = new UserKey("hq", "sales", "bob"); // no e-mail: never read
        clock.advance(Duration.ofSeconds(20));
        poller.releaseStaleCalls();
        assertThat(calls.teamsCall(ALICE)).isEqualTo(TeamsCall.UNKNOWN);
        assertThat(calls.teamsCall(bob)).isEqualTo(TeamsCall.UNKNOWN);
        clock.advance(Duration.ofMillis(1));
        poller.releaseStaleCalls();
        assertThat(calls.teamsCall(ALICE)).isEqualTo(TeamsCall.NONE);
        assertThat(calls.teamsCall(bob)).isEqualTo(TeamsCall.NONE);
    }

    /** A poll sent and answered at {@code at} shows {@code observed} for Alice. */
    private void read(GraphObservation observed, Instant at) {
        poller.observe(ALICE, observed, at, at);
    }

    /** What the writer stored as held in Teams for Alice (what it knows after a restart). */
    private TeamsHeld heldInStore() {
        Observation held = store.loadObservations(TeamsWriter.KIND_HELD).get(ALICE.asText());
        return held == null ? TeamsHeld.NOTHING : TeamsHeldCodec.decode(held.value()).held();
    }

    private static GraphAnswer answer(GraphCall call, int status, String retryAfter) {
        return new GraphAnswer(call, new GraphOutcome.Answered(status, null, retryAfter));
    }

    @Test
    void onlyTheLatestOfManyChangesIsWritten() {
        set(StatusType.DND);
        set(StatusType.AWAY);
        set(StatusType.DND);
        set(StatusType.AWAY);
        List<GraphCall> calls = writer.dueCalls();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).url()).endsWith("/users/u-alice/presence/setPresence");
        assertThat(calls.get(0).body()).contains("\"availability\":\"Away\"");
    }

    @Test
    void oneWriteInFlightPerUserAndTheNewestTargetFollowsIt() {
        set(StatusType.DND);
        GraphCall first = writer.dueCalls().get(0);
        set(StatusType.AWAY);
        assertThat(writer.dueCalls()).isEmpty();
        writer.onAnswer(answer(first, 200, null));
        GraphCall second = writer.dueCalls().get(0);
        assertThat(second.write()).isEqualTo(TeamsWrite.set(SessionPair.AWAY));
        writer.onAnswer(answer(second, 200, null));
        assertThat(writer.dueCalls()).isEmpty();
        assertThat(heldInStore().session()).contains(SessionPair.AWAY);
    }

    @Test
    void aHeldSessionIsRenewedBeforeItExpires() {
        set(StatusType.DND);
        writer.onAnswer(answer(writer.dueCalls().get(0), 200, null));
        clock.advance(Duration.ofMinutes(215));
        assertThat(writer.dueCalls()).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        List<GraphCall> renewal = writer.dueCalls();
        assertThat(renewal).hasSize(1);
        assertThat(renewal.get(0).write()).isEqualTo(TeamsWrite.set(SessionPair.BUSY_IN_A_CALL));
    }

    @Test
    void throttledWriteWaitsForRetryAfterAndPausesEveryPresenceRequest() {
        set(StatusType.DND);
        writer.onAnswer(answer(writer.dueCalls().get(0), 429, "2.128"));
        assertThat(budget.available()).isZero();
        clock.advance(Duration.ofMillis(2127));
        assertThat(writer.dueCalls()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(writer.dueCalls()).hasSize(1);
    }

    @Test
    void withoutRetryAfterTheBackOffGrows() {
        set(StatusType.DND);
        writer.onAnswer(answer(writer.dueCalls().get(0), 503, null));
        clock.advance(Duration.ofMillis(999));
        assertThat(writer.dueCalls()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        GraphCall second = writer.dueCalls().get(0);
        writer.onAnswer(answer(second, 504, null));
        clock.advance(Duration.ofMillis(1999));
        assertThat(writer.dueCalls()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(writer.dueCalls()).hasSize(1);
    }

    @Test
    void aRejectedWriteIsNotRepeatedUntilTheStateChanges() {
        set(StatusType.DND);
        writer.onAnswer(answer(writer.dueCalls().get(0), 400, null));
        clock.advance(Duration.ofMinutes(10));
        assertThat(writer.dueCalls()).isEmpty();
        set(StatusType.AWAY);
        assertThat(writer.dueCalls()).hasSize(1);
    }

    /** DND written and seen in Teams, then Available: returns the clear the writer sends (not yet answered). */
    private GraphCall clearAfterDndSeenInTeams() {
        set(StatusType.DND);
        writer.onAnswer(answer(writer.dueCalls().get(0), 200, null));
        clock.advance(Duration.ofMillis(1));
        read(new GraphObservation("Busy", "InACall", "", "00000000000000000002"), clock.instant());
        set(StatusType.AVAILABLE);
        GraphCall clear = writer.dueCalls().get(0);
        assertThat(clear.write()).isEqualTo(TeamsWrite.clear());
        return clear;
    }

    @Test
    void aPollHandledWhileTheWriterStoresAClearSeesTheClearsEchoAndChangesNothing() {
        GraphCall clear = clearAfterDndSeenInTeams();
        // Graph answered the clear; a poll sent after that answer arrived shows the user's own Teams state (a meeting)
        // and is handled on the poll thread while the writer is still storing what Graph holds now
        whileStoringHeld = () -> {
            clock.advance(Duration.ofMillis(1));
            read(new GraphObservation("Busy", "InAMeeting", "", "00000000000000000003"), clock.instant());
        };
        writer.onAnswer(answer(clear, 200, null));
        assertThat(applier.current(ALICE).statusType()).as("the clear's visible result is its echo, not a change")
                .isEqualTo(StatusType.AVAILABLE);
    }

    @Test
    void aPollAnsweredWhileTheClearIsStillInFlightSeesItsEchoAndChangesNothing() {
        GraphCall clear = clearAfterDndSeenInTeams();
        // a poll sent after the clear reached Graph after it, and its answer is handled before the clear's answer
        clock.advance(Duration.ofMillis(1));
        Instant pollSent = clock.instant();
        read(new GraphObservation("Busy", "InAMeeting", "", "00000000000000000003"), pollSent);
        assertThat(applier.current(ALICE).statusType()).as("the clear's visible result, though not yet confirmed")
                .isEqualTo(StatusType.AVAILABLE);

        writer.onAnswer(answer(clear, 200, null));
        clock.advance(Duration.ofMillis(1));
        read(new GraphObservation("Busy", "InAMeeting", "", "00000000000000000004"), clock.instant());
        assertThat(applier.current(ALICE).statusType()).isEqualTo(StatusType.AVAILABLE);
        // settled: the user's next own change counts again
        clock.advance(Duration.ofMillis(1));
        read(new GraphObservation("Away", "Away", "", "00000000000000000005"), clock.instant());
        assertThat(applier.current(ALICE).statusType()).isEqualTo(StatusType.AWAY);
    }

    @Test
    void anEarlierWritesResultSeenWhileALaterWriteIsInFlightIsAnEchoToo() {
        read(new GraphObservation("Available", "Available", "", "00000000000000000001"), clock.instant());
        set(StatusType.DND);
        writer.onAnswer(answer(writer.dueCalls().get(0), 200, null));
        clock.advance(Duration.ofMillis(1));
        Instant pollSent = clock.instant(); // this poll will show Busy/InACall, the DND session
        clock.advance(Duration.ofMillis(1));
        set(StatusType.AWAY);
        GraphCall away = writer.dueCalls().get(0);
        assertThat(away.write()).isEqualTo(TeamsWrite.set(SessionPair.AWAY));
        writer.onAnswer(answer(away, 200, null));
        read(new GraphObservation("Busy", "InACall", "", "00000000000000000002"), pollSent);
        assertThat(applier.current(ALICE).statusType()).as("the DND session was the hub's own doing")
                .isEqualTo(StatusType.AWAY);
    }

    @Test
    void aRefusedClearExplainsNothingSoTheUsersOwnChangeSeenAfterItCounts() {
        GraphCall clear = clearAfterDndSeenInTeams();
        writer.onAnswer(answer(clear, 403, null));
        // the user joins a meeting: nothing the hub did can have caused this
        clock.advance(Duration.ofMillis(1));
        read(new GraphObservation("Busy", "InAMeeting", "", "00000000000000000003"), clock.instant());
        assertThat(applier.current(ALICE).statusType()).isEqualTo(StatusType.DND);
        assertThat(applier.current(ALICE).origin()).isEqualTo(Origin.TEAMS);
    }

    @Test
    void clearingASessionThatIsAlreadyGoneCountsAsDone() {
        set(StatusType.DND);
        writer.onAnswer(answer(writer.dueCalls().get(0), 200, null));
        set(StatusType.AVAILABLE);
        GraphCall clear = writer.dueCalls().get(0);
        assertThat(clear.write()).isEqualTo(TeamsWrite.clear());
        writer.onAnswer(answer(clear, 404, null));
        assertThat(heldInStore().session()).isEmpty();
        assertThat(writer.dueCalls()).isEmpty();
    }

    /** Alice's note set by a status client, handed to the writer as the fan-out would. */
    private void note(String text) {
        applier.apply(UserUpdate.note(ALICE, text, Origin.STATUS_INTERFACE)).ifPresent(writer::stateChanged);
    }

    /** A read of Alice showing {@code message}, sent at {@code sentAt} and answered at {@code answeredAt}. */
    private void readMessage(String message, String sequence, Instant sentAt, Instant answeredAt) {
        poller.observe(ALICE, new GraphObservation("Available", "Available", message, sequence), null, sentAt,
                answeredAt);
        // a change the read made reaches the writer as the fan-out would hand it over
        published.stream().reduce((a, b) -> b).filter(c -> c.origin() == Origin.TEAMS).ifPresent(writer::stateChanged);
    }

    @Test
    void aReadThatCrossedTheHubsMessageWriteDoesNotTakeTheReplacedMessageBack() {
        readMessage("", "1", clock.instant(), clock.instant());
        note("A");
        GraphCall writeA = writer.dueCalls().get(0);
        assertThat(writeA.write().message().text()).isEqualTo("A");
        writer.onAnswer(answer(writeA, 200, null));

        clock.advance(Duration.ofSeconds(1));
        Instant beforeB = clock.instant();
        note("B");
        GraphCall writeB = writer.dueCalls().get(0);
        clock.advance(Duration.ofMillis(200));
        writer.onAnswer(answer(writeB, 200, null));
        Instant answeredB = clock.instant();
        clock.advance(Duration.ofMillis(10));

        // sent before B reached Graph, answered after: it still shows A, the message the hub itself replaced
        readMessage("A", "2", beforeB.minusMillis(1), clock.instant());
        assertThat(applier.current(ALICE).note()).isEqualTo("B");
        assertThat(applier.current(ALICE).origin()).isEqualTo(Origin.STATUS_INTERFACE);

        // once a read sent after B's answer settled the write, A typed in Teams is the user's again
        clock.advance(Duration.ofSeconds(1));
        readMessage("B", "3", clock.instant(), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        assertThat(clock.instant()).isAfter(answeredB);
        readMessage("A", "4", clock.instant(), clock.instant());
        assertThat(applier.current(ALICE).note()).isEqualTo("A");
        assertThat(applier.current(ALICE).origin()).isEqualTo(Origin.TEAMS);
        assertThat(writer.dueCalls()).as("Teams shows A already").isEmpty();
    }

    @Test
    void aNoteTypedInTeamsIsHeldAsShownThereAndNotWrittenBack() {
        Instant expiry = clock.instant().plus(Duration.ofHours(2));
        poller.observe(ALICE, new GraphObservation("Available", "Available", "", "1"), null, clock.instant(),
                clock.instant());
        poller.observe(ALICE, new GraphObservation("Available", "Available", "Lunch", "2"), expiry, clock.instant(),
                clock.instant());
        published.stream().reduce((a, b) -> b).ifPresent(writer::stateChanged);

        assertThat(applier.current(ALICE).note()).isEqualTo("Lunch");
        assertThat(applier.current(ALICE).returnTime()).isEqualTo(expiry.getEpochSecond());
        assertThat(writer.dueCalls()).isEmpty();
        assertThat(heldInStore().message()).isEqualTo(new TeamsTarget.StatusMessage("Lunch", expiry));

        note("At the desk");
        assertThat(writer.dueCalls()).singleElement().extracting(c -> c.write().message().text())
                .isEqualTo("At the desk");
    }
}
