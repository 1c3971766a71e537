package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.camel.HubConfiguration;
import io.presencehub.model.UserKey;
import io.presencehub.teams.signin.Browser;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A hub with Teams push against the fake Graph: {@code users} matched users (user{i}, extension 2000{i}, Graph id
 * g-{i}, all Available), the web server as the public URL, polling slowed to 60 s unless a test says otherwise,
 * and the hub's clock the fake's, so a test can move time for both.
 */
abstract class BaseTeamsPushTest extends BaseTeamsHubTest {

    protected static String graphId(int i) {
        return TestDirectories.teamsUserGraphId(i);
    }

    protected static UserKey user(int i) {
        return new UserKey("hq", "sales", "user" + i);
    }

    protected static String statusEvent(int i, String status) {
        return "ExtensionStatusUpdatedEvent@#HQ@#Sales@#" + (20000 + i) + "@#" + status;
    }

    /** Fake users 0..graphUsers-1, the directory's first {@code users} of them; started, not yet signed in. */
    protected TestHub startPushHub(int users, int graphUsers, String... settings) {
        for (int i = 0; i < graphUsers; i++) {
            graph.addUser(graphId(i), "user" + i + "@example.com");
            graph.setClientSession(graphId(i), "Available", "Available");
        }
        graph.signInAs(graphId(0));
        TestHub starting = TestHub.in(folder).directory(TestDirectories.teamsUsers(users)).withTeams(graph)
                .withBean(HubConfiguration.CLOCK, graph.clock())
                .with("hub.teams.public-url", "http://127.0.0.1:{{hub.web.port}}")
                .with("hub.teams.poll-interval", "60s");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            starting.with(settings[i], settings[i + 1]);
        }
        hub = starting.start();
        return hub;
    }

    protected TestHub startPushHub(int users, String... settings) {
        return startPushHub(users, users, settings);
    }

    /** User i goes into a Teams meeting; a status client sees them Do Not Disturb. */
    protected void assertMeetingReachesStatusClients(int i) {
        try (LineClient client = hub.client()) {
            graph.setClientSession(graphId(i), "Busy", "InAMeeting");
            assertThat(client.readLine()).isEqualTo(statusEvent(i, "Do Not Disturb"));
        }
    }

    /** Signs in as an admin's browser would; the callback page answers 200. */
    protected void signIn() {
        HttpResponse<String> page = Browser.signIn(hub.webPort());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    }

    /** Waits until Graph holds {@code count} subscriptions and the hub has read every user once (the baseline). */
    protected List<FakeGraph.SubscriptionView> awaitSubscriptions(int count, int users) {
        await().atMost(Duration.ofSeconds(30)).until(() -> graph.subscriptions().size() == count
                && graph.subscriptions().stream().mapToInt(s -> s.userIds().size()).sum() == users);
        for (int i = 0; i < users; i++) {
            hub.awaitTeamsBaseline(user(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pushHealth().startsWith("UP " + count + " of " + count
                + " subscriptions working"));
        return graph.subscriptions();
    }

    /** Health check teams-push as "STATUS message", read from the management port's JSON. */
    protected String pushHealth() {
        String health = hub.healthInFull();
        try {
            JsonNode checks = new ObjectMapper().readTree(health.substring(health.indexOf(' ') + 1)).path("checks");
            for (JsonNode check : checks) {
                if (check.path("name").asText().equals("teams-push")) {
                    // Camel 4.18's health endpoint escapes "/" in messages twice: the decoded text still shows "\\/"
                    return check.path("status").asText() + " " + check.path("message").asText().replace("\\/", "/");
                }
            }
            return "";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("health is not JSON: " + health, e);
        }
    }
}
