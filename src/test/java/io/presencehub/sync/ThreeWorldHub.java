package io.presencehub.sync;

import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.asterisk.AsteriskHubs;
import io.presencehub.asterisk.AsteriskLink;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.asterisk.AsteriskWriter;
import io.presencehub.teams.FakeGraph;
import io.presencehub.teams.TeamsPoller;
import io.presencehub.teams.TeamsWriter;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.SlowMachineTimeouts;
import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * One real hub with both the Asterisk and the Teams sync on, against a {@link FakeAsterisk} and a {@link FakeGraph}:
 * alice ({@code TestDirectories.SMALL}: extensions 1001 default and 1002, alice@example.com) is in all three worlds.
 * Short AMI timings, Graph polled every 100 ms.
 */
final class ThreeWorldHub implements AutoCloseable {

    static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    static final String ALICE_ID = "u-alice";
    /** Alice's default extension's presentity: what her phone shows and sets. */
    static final String PHONE = "CustomPresence:1001";
    /** Bob ({@code TestDirectories.SMALL}: extension 1003, no e-mail): his phone serves as a marker. */
    static final UserKey BOB = new UserKey("hq", "sales", "bob");
    private static final String BOBS_PHONE = "CustomPresence:1003";

    final FakeAsterisk asterisk;
    final FakeGraph graph;
    final TestHub hub;
    private int bobsPhoneChanges;

    private ThreeWorldHub(FakeAsterisk asterisk, FakeGraph graph, TestHub hub) {
        this.asterisk = asterisk;
        this.graph = graph;
        this.hub = hub;
    }

    /** Starts the fakes (alice's Teams client Available) and the hub; returns once AMI is up and Graph was read. */
    static ThreeWorldHub start(Path folder) {
        FakeAsterisk asterisk = new FakeAsterisk();
        try {
            asterisk.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FakeGraph graph = FakeGraph.start();
        graph.addUser(ALICE_ID, "alice@example.com");
        graph.setClientSession(ALICE_ID, "Available", "Available");
        TestHub hub = graph.connect(AsteriskHubs.hub(folder, TestDirectories.SMALL, asterisk))
                .with("hub.teams.poll-interval", "100ms")
                .with("hub.teams.users-refresh", "1h");
        ThreeWorldHub world = new ThreeWorldHub(asterisk, graph, hub);
        try {
            hub.start();
            await().until(() -> world.asteriskLink().connection().isConnected()
                    && world.poller().observation(ALICE).isPresent());
        } catch (RuntimeException | Error e) {
            world.close();
            throw e;
        }
        return world;
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(SlowMachineTimeouts.AWAIT).pollInterval(Duration.ofMillis(20));
    }

    LineClient client() {
        return hub.client();
    }

    UserState alice() {
        return hub.applier().current(ALICE);
    }

    TeamsPoller poller() {
        return bean("teamsPoller", TeamsPoller.class);
    }

    TeamsWriter teamsWriter() {
        return bean("teamsWriter", TeamsWriter.class);
    }

    AsteriskWriter asteriskWriter() {
        return bean("asteriskWriter", AsteriskWriter.class);
    }

    AsteriskLink asteriskLink() {
        return bean("asteriskLink", AsteriskLink.class);
    }

    /** Setvars received for alice's presentities (both extensions, whatever the outgoing method). */
    int setvars() {
        return asterisk.setvarCount(PHONE) + asterisk.setvarCount("CustomPresence:sales-1002");
    }

    /** Waits for {@code cycles} more complete Graph poll requests. */
    void awaitPolls(int cycles) {
        int start = graph.requestCount(FakeGraph.Endpoint.GET_PRESENCES_BY_USER_ID);
        await().until(() -> graph.requestCount(FakeGraph.Endpoint.GET_PRESENCES_BY_USER_ID) >= start + cycles);
    }

    /** Neither writer owes anything: every Setvar and Graph write decided on so far has been answered. */
    boolean writersIdle() {
        return teamsWriter().pendingCount() == 0 && asteriskWriter().pendingCount() == 0;
    }

    /**
     * Changes bob's phone (dnd, then away, alternately) and returns the status event it causes. As a marker: a client
     * that had nothing else coming gets exactly this event next. The hub handles AMI reports in the order Asterisk
     * sends them (so an event wrongly caused by an earlier report, e.g. an echo, comes first) and queues events for a
     * client in the order they happen (so does one caused by a poll answer handled before). Bob has no e-mail and
     * his change comes from Asterisk: it is written to neither Teams nor his phone.
     */
    String changeBobsPhone() {
        boolean dnd = bobsPhoneChanges++ % 2 == 0;
        asterisk.setPresence(BOBS_PHONE, dnd ? "dnd" : "away", "", "");
        return "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#" + (dnd ? "Do Not Disturb" : "Lunch");
    }

    /**
     * Waits until the hub has handled every AMI report sent so far: a change of bob's phone sent after them has
     * reached bob's state (reports are handled one at a time, in Asterisk's order).
     */
    void awaitAsteriskReports() {
        boolean dnd = bobsPhoneChanges % 2 == 0;
        changeBobsPhone();
        StatusType expected = dnd ? StatusType.DND : StatusType.AWAY;
        await().until(() -> hub.applier().current(BOB).statusType() == expected);
    }

    private <T> T bean(String name, Class<T> type) {
        return hub.context().getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() {
        try {
            hub.close();
        } finally {
            graph.close();
            asterisk.close();
        }
    }
}
