package io.presencehub.bench;

import io.presencehub.model.UserKey;
import io.presencehub.teams.FakeGraph;
import io.presencehub.testing.TestDirectories;

/** The users of {@link TestDirectories#teamsUsers} as the Teams benchmarks see them: in the fake Graph and the hub. */
final class TeamsBenchUsers {

    private TeamsBenchUsers() {
    }

    /** Fake Graph users 0..count-1 (Graph id g-i, e-mail user{i}@example.com), each with Available/Available. */
    static void addAvailable(FakeGraph graph, int count) {
        for (int i = 0; i < count; i++) {
            graph.addUser(graphId(i), "user" + i + "@example.com");
            graph.setClientSession(graphId(i), "Available", "Available");
        }
    }

    static String graphId(int i) {
        return TestDirectories.teamsUserGraphId(i);
    }

    /** The hub's key of user i. */
    static UserKey user(int i) {
        return new UserKey("hq", "sales", "user" + i);
    }

    /** The extension number of user i. */
    static int number(int i) {
        return 20000 + i;
    }
}
