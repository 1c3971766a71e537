package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Origin;
import io.presencehub.model.UserState;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No sequence of changes makes two worlds flip each other: random changes on the status interface (standing in for
 * the phone too), the user's Teams client and the state the user picks in Teams converge, with at most one hub change
 * and one Graph write per step, and stay still afterwards.
 */
class TeamsConvergenceTest {

    private static final String[] HUB_STATUSES = {"Available", "Lunch", "Away", "Do Not Disturb"};
    private static final String[][] CLIENT_PAIRS = {{"Available", "Available"}, {"Busy", "InAMeeting"},
        {"Busy", "InACall"}, {"Away", "Away"}, {"BeRightBack", "BeRightBack"}, {"DoNotDisturb", "Presenting"},
        {"Offline", "Offline"}};
    private static final String[][] PREFERRED_PAIRS = {{"Available", "Available"}, {"Busy", "Busy"},
        {"DoNotDisturb", "DoNotDisturb"}, {"Away", "Away"}, {"BeRightBack", "BeRightBack"}};
    private static final int STEPS = 40;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomChangesOnAllSidesConvergeWithBoundedWrites(long seed) {
        Random random = new Random(seed);
        try (FakeGraph graph = FakeGraph.start()) {
            graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
            graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
            try (TestHub hub = TestHub.in(folder).withTeams(graph).start();
                 LineClient client = hub.client()) {
                hub.awaitTeamsBaseline(ALICE);
                long versionBefore = hub.state(ALICE).version();
                for (int step = 0; step < STEPS; step++) {
                    switch (random.nextInt(4)) {
                        case 0, 1 -> client.set("set_extension_status@#HQ@#Sales@#100" + (1 + random.nextInt(2))
                                + "@#" + HUB_STATUSES[random.nextInt(HUB_STATUSES.length)]);
                        case 2 -> {
                            String[] pair = CLIENT_PAIRS[random.nextInt(CLIENT_PAIRS.length)];
                            graph.setClientSession(ALICE_TEAMS_ID, pair[0], pair[1]);
                        }
                        default -> {
                            if (random.nextBoolean()) {
                                graph.clearPreferredPresence(ALICE_TEAMS_ID);
                            } else {
                                String[] pair = PREFERRED_PAIRS[random.nextInt(PREFERRED_PAIRS.length)];
                                graph.setPreferredPresence(ALICE_TEAMS_ID, pair[0], pair[1]);
                            }
                        }
                    }
                    if (random.nextInt(3) == 0) {
                        hub.awaitTeamsPolls(1); // sometimes let a poll see the step, sometimes pile steps up
                    }
                }
                awaitQuiet(hub, graph);

                int writes = graph.writeCalls().size();
                long changes = hub.state(ALICE).version() - versionBefore;
                assertThat(changes).isLessThanOrEqualTo(STEPS);
                assertThat(writes).isLessThanOrEqualTo(STEPS);

                // still: nothing moves any more
                UserState settled = hub.state(ALICE);
                hub.awaitTeamsPolls(5);
                await().until(() -> hub.teamsWriterIdle());
                assertThat(hub.state(ALICE).version()).isEqualTo(settled.version());
                assertThat(graph.writeCalls()).hasSize(writes);

                // and Teams holds what the hub wants: no session for a Teams-made state, else the table's pair
                Optional<String> session = graph.appSession(ALICE_TEAMS_ID).map(FakeGraph.AppSessionView::pair);
                if (settled.origin() == Origin.TEAMS) {
                    assertThat(session).isEmpty();
                } else {
                    Optional<String> wanted = TeamsSessionMapper.defaults().map(settled.statusType())
                            .map(SessionPair::text);
                    assertThat(session).isEqualTo(wanted);
                }
            }
        }
    }

    private static void awaitQuiet(TestHub hub, FakeGraph graph) {
        await().until(() -> {
            long version = hub.state(ALICE).version();
            int writes = graph.writeCalls().size();
            hub.awaitTeamsPolls(3);
            return hub.bean(TeamsWriter.class).pendingCount() == 0 && hub.state(ALICE).version() == version
                    && graph.writeCalls().size() == writes;
        });
    }
}
