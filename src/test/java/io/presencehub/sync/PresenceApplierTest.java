package io.presencehub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import io.presencehub.store.Observation;
import io.presencehub.store.StateStore;
import io.presencehub.store.StoreException;
import io.presencehub.teams.FakeClock;
import io.presencehub.testing.TestDirectories;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The single path of every change: compare, store durably, then publish. */
class PresenceApplierTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    private static final UserKey SUPPORT_1001 = new UserKey("hq", "support", "ext:1001");

    private final DirectoryIndex index = new DirectoryIndex(new DirectoryParser().parse(TestDirectories.SMALL));
    private final Tenant sales = index.tenantOf(ALICE).orElseThrow();
    private final StatusDef available = sales.statusNamed("Available").orElseThrow();
    private final StatusDef lunch = sales.statusNamed("Lunch").orElseThrow();
    private final StatusDef dnd = sales.statusNamed("Do Not Disturb").orElseThrow();
    private final FakeClock clock = FakeClock.frozenAt(T0);
    private final MemoryStore store = new MemoryStore();
    private final RecordingPublisher publisher = new RecordingPublisher(store);

    private PresenceApplier applier() {
        return new PresenceApplier(store, () -> index, publisher, clock);
    }

    @Test
    void aChangeIsStoredBeforeItIsPublished() {
        PresenceApplier applier = applier();

        Optional<StateChange> change = applier.apply(UserUpdate.status(ALICE, dnd, Origin.ASTERISK));

        assertThat(change).isPresent();
        assertThat(publisher.changes).containsExactly(change.get());
        assertThat(publisher.storedWhenPublished).as("what the store held when the publisher was called")
                .containsExactly(change.get().after());
        assertThat(store.states.get(ALICE)).isEqualTo(change.get().after());
        assertThat(applier.current(ALICE)).isEqualTo(change.get().after());
    }

    @Test
    void theChangeCarriesOriginTimeAndNextVersion() {
        PresenceApplier applier = applier();

        StateChange first = applier.apply(UserUpdate.status(ALICE, lunch, Origin.STATUS_INTERFACE)).orElseThrow();
        clock.advance(Duration.ofSeconds(90));
        StateChange second = applier.apply(UserUpdate.note(ALICE, "back at 3", Origin.TEAMS)).orElseThrow();

        assertThat(first.before()).isEqualTo(new UserState("Available", StatusType.AVAILABLE, "", 0, Origin.DIRECTORY,
                Instant.EPOCH, 0));
        assertThat(first.after()).isEqualTo(new UserState("Lunch", StatusType.AWAY, "", 0, Origin.STATUS_INTERFACE, T0, 1));
        assertThat(second.before()).isEqualTo(first.after());
        assertThat(second.after()).as("a note keeps where the status came from").isEqualTo(new UserState("Lunch",
                StatusType.AWAY, "back at 3", 0, Origin.TEAMS, T0.plusSeconds(90), 2, Origin.STATUS_INTERFACE));
        assertThat(second.origin()).isEqualTo(Origin.TEAMS);
    }

    @Test
    void anUpdateEqualToTheCurrentStateStoresAndPublishesNothing() {
        PresenceApplier applier = applier();
        applier.apply(new UserUpdate(ALICE, lunch, "out", 1_700_000_000L, Origin.ASTERISK));
        store.saves = 0;
        publisher.changes.clear();

        clock.advance(Duration.ofMinutes(5));
        assertThat(applier.apply(UserUpdate.status(ALICE, lunch, Origin.TEAMS))).isEmpty();
        assertThat(applier.apply(UserUpdate.note(ALICE, "out", Origin.STATUS_INTERFACE))).isEmpty();
        assertThat(applier.apply(UserUpdate.returnTime(ALICE, 1_700_000_000L, Origin.TEAMS))).isEmpty();
        assertThat(applier.apply(new UserUpdate(ALICE, null, null, null, Origin.TEAMS))).isEmpty();

        assertThat(store.saves).isZero();
        assertThat(publisher.changes).isEmpty();
        assertThat(applier.current(ALICE).origin()).as("origin and time stay those of the real change")
                .isEqualTo(Origin.ASTERISK);
        assertThat(applier.current(ALICE).changedAt()).isEqualTo(T0);
    }

    @Test
    void theInitialStateRequestedAgainIsNoChange() {
        PresenceApplier applier = applier();
        assertThat(applier.apply(UserUpdate.status(ALICE, available, Origin.STATUS_INTERFACE))).isEmpty();
        assertThat(applier.apply(UserUpdate.note(ALICE, "", Origin.STATUS_INTERFACE))).isEmpty();
        assertThat(applier.apply(UserUpdate.returnTime(ALICE, 0, Origin.STATUS_INTERFACE))).isEmpty();
        assertThat(store.saves).isZero();
        assertThat(publisher.changes).isEmpty();
    }

    @Test
    void partialUpdatesKeepTheOtherFields() {
        PresenceApplier applier = applier();
        applier.apply(new UserUpdate(ALICE, dnd, "in a meeting", 1_700_000_000L, Origin.STATUS_INTERFACE));

        UserState afterNote = applier.apply(UserUpdate.note(ALICE, "still\nin a meeting", Origin.TEAMS)).orElseThrow().after();
        assertThat(afterNote.statusId()).isEqualTo("sales-dnd");
        assertThat(afterNote.statusType()).isEqualTo(StatusType.DND);
        assertThat(afterNote.returnTime()).isEqualTo(1_700_000_000L);

        UserState afterReturn = applier.apply(UserUpdate.returnTime(ALICE, 0, Origin.ASTERISK)).orElseThrow().after();
        assertThat(afterReturn.statusId()).isEqualTo("sales-dnd");
        assertThat(afterReturn.note()).isEqualTo("still\nin a meeting");

        UserState afterStatus = applier.apply(UserUpdate.status(ALICE, available, Origin.ASTERISK)).orElseThrow().after();
        assertThat(afterStatus.note()).isEqualTo("still\nin a meeting");
        assertThat(afterStatus.returnTime()).isZero();
        assertThat(afterStatus.version()).isEqualTo(4);
    }

    @Test
    void usersAreIndependent() {
        PresenceApplier applier = applier();
        UserKey bob = new UserKey("hq", "sales", "bob");
        applier.apply(UserUpdate.status(ALICE, dnd, Origin.ASTERISK));
        assertThat(applier.current(bob).statusId()).isEqualTo("Available");
        assertThat(applier.apply(UserUpdate.status(bob, dnd, Origin.ASTERISK))).isPresent();
        assertThat(applier.current(bob).version()).isEqualTo(1);
    }

    @Test
    void aUserNeverChangedShowsTheTenantsAvailableStatus() {
        PresenceApplier applier = applier();
        assertThat(applier.current(SUPPORT_1001)).isEqualTo(new UserState("Available", StatusType.AVAILABLE, "", 0,
                Origin.DIRECTORY, Instant.EPOCH, 0));
        assertThat(applier.current(new UserKey("zurich", "ventes", "ext:3001")).statusId()).isEqualTo("Disponible");
    }

    @Test
    void aTenantWithoutAnAvailableStatusStartsOnItsFirstStatus() {
        DirectoryIndex noAvailable = new DirectoryIndex(new DirectoryParser().parse("""
                locations:
                  - name: HQ
                    tenants:
                      - name: Night
                        statuses: [{name: Closed, type: unavailable}, {name: Away, type: away}, {name: Open, type: chat}]
                        extensions: [{number: "9001"}]
                """));
        PresenceApplier applier = new PresenceApplier(store, () -> noAvailable, publisher, clock);
        assertThat(applier.current(new UserKey("HQ", "Night", "ext:9001")))
                .extracting(UserState::statusId, UserState::statusType).containsExactly("Closed", StatusType.UNAVAILABLE);
    }

    @Test
    void theAvailableDefaultIsTheFirstAvailableStatusNotTheFirstStatus() {
        DirectoryIndex availableSecond = new DirectoryIndex(new DirectoryParser().parse("""
                locations:
                  - name: HQ
                    tenants:
                      - name: T
                        statuses: [{name: Busy, type: unavailable}, {name: Here, type: available}, {name: Also, type: available}]
                        extensions: [{number: "1"}]
                """));
        PresenceApplier applier = new PresenceApplier(store, () -> availableSecond, publisher, clock);
        assertThat(applier.current(new UserKey("HQ", "T", "ext:1")).statusId()).isEqualTo("Here");
    }

    @Test
    void anUnknownUserIsRefused() {
        assertThatThrownBy(() -> applier().current(new UserKey("hq", "sales", "nobody")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hq/sales/nobody");
    }

    @Test
    void aStoreFailurePropagatesAndLeavesNoTrace() {
        PresenceApplier applier = applier();
        applier.apply(UserUpdate.status(ALICE, lunch, Origin.ASTERISK));
        UserState before = applier.current(ALICE);
        publisher.changes.clear();
        store.failing = true;

        assertThatThrownBy(() -> applier.apply(UserUpdate.status(ALICE, dnd, Origin.STATUS_INTERFACE)))
                .isInstanceOf(StoreException.class);

        assertThat(publisher.changes).isEmpty();
        assertThat(applier.current(ALICE)).isEqualTo(before);
        assertThat(applier.storedStates()).containsEntry(ALICE, before);

        store.failing = false;
        StateChange retried = applier.apply(UserUpdate.status(ALICE, dnd, Origin.STATUS_INTERFACE)).orElseThrow();
        assertThat(retried.before()).isEqualTo(before);
        assertThat(retried.after().version()).as("the failed attempt used no version").isEqualTo(before.version() + 1);
    }

    @Test
    void aStoreFailureOnAFirstChangeLeavesTheUserOnItsInitialState() {
        PresenceApplier applier = applier();
        store.failing = true;
        assertThatThrownBy(() -> applier.apply(UserUpdate.note(ALICE, "x", Origin.TEAMS))).isInstanceOf(StoreException.class);
        assertThat(applier.storedStates()).isEmpty();
        assertThat(applier.current(ALICE).version()).isZero();
        assertThat(publisher.changes).isEmpty();
    }

    @Test
    void statesInTheStoreAtStartAreUsed() {
        UserState stored = new UserState("sales-dnd", StatusType.DND, "on holiday", 1_800_000_000L, Origin.TEAMS,
                Instant.parse("2025-02-01T00:00:00Z"), 7);
        UserKey gone = new UserKey("old", "tenant", "user");
        store.states.put(ALICE, stored);
        store.states.put(gone, stored);

        PresenceApplier applier = applier();

        assertThat(applier.current(ALICE)).isEqualTo(stored);
        assertThat(applier.storedStates()).containsOnlyKeys(ALICE, gone);
        assertThat(applier.apply(UserUpdate.status(ALICE, dnd, Origin.ASTERISK))).as("already DND").isEmpty();
        StateChange change = applier.apply(UserUpdate.status(ALICE, lunch, Origin.ASTERISK)).orElseThrow();
        assertThat(change.before()).isEqualTo(stored);
        assertThat(change.after().version()).isEqualTo(8);
        assertThat(change.after().note()).isEqualTo("on holiday");
    }

    /** A {@link StateStore} in memory that can be told to fail. */
    static final class MemoryStore implements StateStore {
        final Map<UserKey, UserState> states = new HashMap<>();
        final Map<String, Map<String, Observation>> observations = new HashMap<>();
        boolean failing;
        int saves;

        @Override
        public Map<UserKey, UserState> loadUserStates() {
            return Map.copyOf(states);
        }

        @Override
        public void saveUserState(UserKey user, UserState state) {
            if (failing) {
                throw new StoreException("disk full", new SQLException("disk full"));
            }
            saves++;
            states.put(user, state);
        }

        @Override
        public void saveObservation(Observation observation) {
            observations.computeIfAbsent(observation.kind(), k -> new HashMap<>()).put(observation.key(), observation);
        }

        @Override
        public Map<String, Observation> loadObservations(String kind) {
            return Map.copyOf(observations.getOrDefault(kind, Map.of()));
        }

        @Override
        public void close() {
        }
    }

    /** Records what is published and what the store held for the user at that moment. */
    static final class RecordingPublisher implements ChangePublisher {
        final MemoryStore store;
        final List<StateChange> changes = new ArrayList<>();
        final List<UserState> storedWhenPublished = new ArrayList<>();

        RecordingPublisher(MemoryStore store) {
            this.store = store;
        }

        @Override
        public void stateChanged(StateChange change) {
            changes.add(change);
            storedWhenPublished.add(store.states.get(change.user()));
        }

        @Override
        public void directoryChanged(List<DirectoryEvent> events) {
            throw new AssertionError("the applier publishes no directory events");
        }

        @Override
        public void extensionReassigned(ExtensionReassignment reassignment) {
            throw new AssertionError("the applier reports no reassignments");
        }
    }
}
