package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.UserKey;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import org.junit.jupiter.api.Test;

/** A new user or a changed e-mail in the directory takes effect without a restart. */
class TeamsDirectoryChangeTest extends BaseTeamsHubTest {

    private static final UserKey BOB = new UserKey("hq", "sales", "bob");



    @Test
    void aUserGivenAnEmailIsSyncedAChangedEmailMovesToTheOtherAccountAndARemovedOneEndsTheSession() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.addUser("u-bob", "bob@example.com");
        graph.addUser("u-bob2", "robert@example.com");
        graph.setClientSession("u-bob", "Available", "Available");
        graph.setClientSession("u-bob2", "Available", "Available");
        hub = TestHub.in(folder).withTeams(graph).start();
        hub.awaitTeamsBaseline(ALICE);
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1003@#Do Not Disturb");
            assertThat(hub.teamsPoller().observation(BOB)).isEmpty();

            hub.writeDirectory(TestDirectories.smallWith("{id: bob, extensions",
                    "{id: bob, email: bob@example.com, extensions"));
            // bob's DND, set before he had an e-mail, reaches his Teams account once matched
            await().until(() -> graph.appSession("u-bob").map(s -> s.pair().equals("Busy/InACall")).orElse(false));

            hub.writeDirectory(TestDirectories.smallWith("{id: bob, extensions",
                    "{id: bob, email: Robert@example.com, extensions"));
            await().until(() -> graph.appSession("u-bob2").map(s -> s.pair().equals("Busy/InACall")).orElse(false));
            client.set("set_extension_status@#HQ@#Sales@#1003@#Away");
            await().until(() -> graph.appSession("u-bob2").map(s -> s.pair().equals("Away/Away")).orElse(false));
            // the old account's session ended when the e-mail moved
            assertThat(graph.appSession("u-bob")).isEmpty();

            hub.writeDirectory(TestDirectories.SMALL);
            await().until(() -> graph.appSession("u-bob2").isEmpty());
        }
    }

    @Test
    void aUserRemovedFromTheDirectoryLosesTheHubsSession() {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.addUser("u-bob", "bob@example.com");
        graph.setClientSession("u-bob", "Available", "Available");
        String withBob = TestDirectories.smallWith("{id: bob, extensions", "{id: bob, email: bob@example.com, extensions");
        hub = TestHub.in(folder).directory(withBob).withTeams(graph).start();
        hub.awaitTeamsBaseline(ALICE);
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1003@#Do Not Disturb");
            await().until(() -> graph.appSession("u-bob").map(s -> s.pair().equals("Busy/InACall")).orElse(false));

            hub.writeDirectory(withBob.replaceAll("(?m)^\\s*- \\{id: bob,.*\\n", ""));

            await().until(() -> graph.appSession("u-bob").isEmpty());
        }
    }
}
