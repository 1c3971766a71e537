package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.teams.FakeGraph.SubscriptionView;
import io.presencehub.testing.LineClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Teams push when things go wrong (issue 13): the three lifecycle events, a subscription that stops delivering
 * silently, and a refresh token Graph no longer takes.
 */
class TeamsPushResilienceTest extends BaseTeamsPushTest {

    @Test
    void reauthorizationRequiredRenewsAtOnce() {
        startPushHub(2);
        signIn();
        SubscriptionView subscription = awaitSubscriptions(1, 2).get(0);

        graph.sendLifecycle(subscription.id(), "reauthorizationRequired");

        await().atMost(Duration.ofSeconds(10)).until(() -> graph.requestCount(Endpoint.RENEW_SUBSCRIPTION) == 1);
        assertThat(graph.subscriptions()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(subscription.id()));
    }

    @Test
    void subscriptionRemovedIsCreatedAgainAndDeliversAgain() {
        startPushHub(2);
        signIn();
        SubscriptionView removed = awaitSubscriptions(1, 2).get(0);

        graph.sendLifecycle(removed.id(), "subscriptionRemoved");

        await().atMost(Duration.ofSeconds(10)).until(() -> graph.subscriptions().size() == 1
                && !graph.subscriptions().get(0).id().equals(removed.id()));
        assertMeetingReachesStatusClients(1);
    }

    @Test
    void missedReadsTheSubscriptionsUsersAtOnce() {
        startPushHub(2);
        signIn();
        SubscriptionView subscription = awaitSubscriptions(1, 2).get(0);
        graph.stopDeliveringSilently(subscription.id());
        graph.setClientSession(graphId(1), "Busy", "InAMeeting");

        try (LineClient client = hub.client()) {
            assertThat(client.staysSilent(300)).as("no delivery, the poll waits 60 s").isTrue();
            graph.sendLifecycle(subscription.id(), "missed");
            assertThat(client.readLine()).isEqualTo(statusEvent(1, "Do Not Disturb"));
        }
    }

    @Test
    void afterASilentStopTheReconcilingPollStillCatchesTheChange() {
        startPushHub(2, "hub.teams.poll-interval", "1s", "hub.teams.reconcile-interval", "3s");
        signIn();
        SubscriptionView subscription = awaitSubscriptions(1, 2).get(0);
        graph.stopDeliveringSilently(subscription.id());
        int deliveries = graph.deliveries().size();

        assertMeetingReachesStatusClients(1);
        assertThat(graph.deliveries()).hasSize(deliveries);
        assertThat(pushHealth()).as("a silent stop cannot be seen").contains("UP");
    }

    @Test
    void whileAllIsWellThePushedUsersAreNotPolledEveryInterval() {
        startPushHub(2, "hub.teams.poll-interval", "1s", "hub.teams.reconcile-interval", "1h");
        signIn();
        awaitSubscriptions(1, 2);
        int reads = graph.requestCount(Endpoint.GET_PRESENCES_BY_USER_ID);

        // three poll intervals without a read: the subscription covers both users
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> graph.requestCount(Endpoint.GET_PRESENCES_BY_USER_ID) == reads);
    }

    @Test
    void aRevokedRefreshTokenTurnsHealthDownWithTheSignInLinkAndPollingResumes() {
        startPushHub(2, "hub.teams.poll-interval", "1s");
        signIn();
        SubscriptionView subscription = awaitSubscriptions(1, 2).get(0);
        graph.stopDeliveringSilently(subscription.id());
        graph.revokeRefreshTokens();
        graph.revokeAllTokens();

        graph.sendLifecycle(subscription.id(), "reauthorizationRequired");

        await().atMost(Duration.ofSeconds(15)).until(() -> pushHealth().contains("DOWN"));
        assertThat(pushHealth()).contains("AADSTS700082")
                .contains("http://127.0.0.1:" + hub.webPort() + "/teams/signin");
        assertMeetingReachesStatusClients(1);
        assertThat(hub.healthCheck("teams").name()).isEqualTo("UP");
    }
}
