package io.presencehub.teams;

import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every Teams hub test has: a folder, a fake Graph and the hub the test starts against it
 * ({@code TestHub.in(folder).withTeams(graph)}); both are stopped after each test, even when it fails.
 */
public abstract class BaseTeamsHubTest {

    @TempDir
    protected Path folder;
    protected final FakeGraph graph = FakeGraph.start();
    protected TestHub hub;

    @AfterEach
    void stopHubAndGraph() {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            graph.close();
        }
    }
}
