package io.presencehub.teams.push;

import io.presencehub.camel.HubSettings;
import io.presencehub.teams.GraphRequestProcessor;
import io.presencehub.teams.GraphRequests;
import io.presencehub.teams.RequestBudget;
import io.presencehub.teams.RetryPolicy;
import io.presencehub.teams.TeamsPoller;
import io.presencehub.teams.TeamsSettings;
import io.presencehub.teams.TeamsUsers;
import io.presencehub.metrics.HubMetrics;
import io.presencehub.store.StateStore;
import io.presencehub.teams.signin.DelegatedTokenProvider;
import io.presencehub.teams.signin.SignInConfiguration;
import java.util.function.Supplier;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and binds the push beans used by {@code routes/teams-push.camel.yaml} when {@code hub.teams.public-url} is
 * set: subscriptions (with the delegated tokens of the sign-in), the endpoints, the notified reads, the reconciling
 * poll and health check {@code teams-push}.
 */
public final class PushConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PushConfiguration.class);

    private PushConfiguration() {
    }

    /**
     * The sign-in's beans, then push's; the Teams beans they build on are those of {@code TeamsConfiguration}.
     *
     * @return push in words for the admin page: who signed in and the subscriptions, or why push is off
     */
    public static Supplier<String> configure(CamelContext context, HubSettings hubSettings, TeamsSettings teams,
                                             StateStore store, TeamsUsers users, TeamsPoller poller,
                                             RequestBudget budget, GraphRequestProcessor requests, Clock clock) {
        PushSettings settings = PushSettings.from(hubSettings).orElseThrow();
        HubMetrics metrics = context.getRegistry().findSingleByType(HubMetrics.class);
        DelegatedTokenProvider tokens = SignInConfiguration.configure(context, hubSettings, teams.graph(), store, clock,
                metrics);
        requests.delegatedTokensFrom(tokens);
        PushSubscriptions subscriptions = new PushSubscriptions(tokens, users::graphIds,
                new SubscriptionRequests(teams.graphUrl(), settings), RetryPolicy.standard(clock), clock);
        PushReads reads = new PushReads(GraphRequests.of(teams), budget, RetryPolicy.standard(clock), clock,
                poller::onAnswer);
        subscriptions.readsWith(reads::notified);
        tokens.addSignInListener(subscriptions::signedIn);
        poller.pollOnly(new ReconcilingPoll(subscriptions, settings.reconcileInterval(), clock));
        context.getRegistry().bind("teamsSubscriptions", subscriptions);
        context.getRegistry().bind("teamsPushReads", reads);
        PushEndpoints endpoints = new PushEndpoints(subscriptions, reads);
        if (metrics != null) {
            endpoints.measureWith(metrics);
            metrics.gauge("presencehub.teams.subscriptions", "Graph subscriptions that work (their users' changes are"
                    + " pushed)", () -> subscriptions.state().healthy());
            metrics.gauge("presencehub.teams.push.pending", "Users named by notifications, waiting to be read",
                    reads::pendingCount);
        }
        context.getRegistry().bind("teamsPushEndpoints", endpoints);
        context.getRegistry().bind("teamsPushHealth", new PushHealth(tokens, subscriptions));
        LOG.info("Teams push: notifications at {}, reconciling poll every {}, notified users read after {}",
                settings.notificationUrl(), settings.reconcileInterval(), settings.coalesce());
        return () -> tokens.signedIn() ? tokens.describe() + "; " + subscriptions.state().describe()
                : tokens.describe();
    }
}
