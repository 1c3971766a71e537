package io.presencehub.sync;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_PHONE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;

import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.teams.FakeGraph;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests with all three worlds live (as camel-netty's {@code BaseNettyTest} for its tests): a {@link FakeAsterisk},
 * a {@link FakeGraph} and the hub built by {@link TestHub} with both syncs on, started for each test.
 */
abstract class BaseThreeWorldTest {

    @TempDir
    protected Path folder;
    protected FakeAsterisk asterisk;
    protected FakeGraph graph;
    protected TestHub hub;

    /**
     * One hub with both syncs on: alice ({@code TestDirectories.SMALL}: 1001 default and 1002, alice@example.com) is in
     * all three worlds, her Teams client Available; Graph polled every 100 ms. Returns once AMI is up and Graph was read.
     */
    @BeforeEach
    void start() throws Exception {
        asterisk = new FakeAsterisk().start();
        graph = FakeGraph.start();
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        hub = withMore(TestHub.in(folder).withAsterisk(asterisk).withTeams(graph)
                .with("hub.teams.poll-interval", "100ms"))
                .start();
        await().until(() -> hub.asteriskConnected() && hub.teamsPoller().observation(ALICE).isPresent());
    }

    /** A test class's own directory or settings on top of these (none by default). */
    protected TestHub withMore(TestHub hub) {
        return hub;
    }

    @AfterEach
    void stop() {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            graph.close();
            asterisk.close();
        }
    }

    /** Setvars received for alice's presentities (both extensions, whatever the outgoing method). */
    protected int setvars() {
        return asterisk.setvarCount(ALICE_PHONE) + asterisk.setvarCount("CustomPresence:sales-1002");
    }

    /** Neither writer owes anything: every Setvar and Graph write decided on so far has been answered. */
    protected boolean writersIdle() {
        return hub.teamsWriterIdle() && hub.asteriskWriterIdle();
    }
}
