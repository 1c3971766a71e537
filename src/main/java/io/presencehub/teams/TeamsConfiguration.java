package io.presencehub.teams;

import io.presencehub.calls.CallStates;
import io.presencehub.camel.HubSettings;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.directory.DirectoryService;
import io.presencehub.metrics.HubMetrics;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;
import io.presencehub.teams.push.PushConfiguration;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and binds the Teams beans ({@code hub.teams.*}) used by {@code routes/teams.camel.yaml}. While Teams is
 * disabled only the no-op fan-out step is bound and the Teams routes do not start.
 */
public final class TeamsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsConfiguration.class);

    private TeamsConfiguration() {
    }

    /** Rows of earlier releases of the Teams kinds in the current form, before anything reads them. */
    static void upgradeStoredObservations(StateStore store) {
        store.upgradeObservations(TeamsPoller.KIND_PRESENCE, GraphObservationCodec::upgrade);
        store.upgradeObservations(TeamsWriter.KIND_HELD, TeamsHeldCodec::upgrade);
        store.upgradeObservations(TeamsUsers.KIND_ID, TeamsIdCodec::upgrade);
    }

    public static void configure(CamelContext context, HubSettings hubSettings, PresenceApplier applier,
                          DirectoryService directory, StateStore store, Clock clock, DecisionLog decisions) {
        upgradeStoredObservations(store);
        TeamsSettings settings = TeamsSettings.from(hubSettings);
        // bound by HubConfiguration before the connectors: the phone state the call session follows
        CallStates calls = context.getRegistry().lookupByNameAndType("callStates", CallStates.class);
        TeamsIncomingMapper incoming = TeamsIncomingMapper.defaults().overriddenBy(settings.incomingMapping());
        TeamsSessionMapper sessions = TeamsSessionMapper.fromEntries(settings.sessionMapping());

        RequestBudget budget = new RequestBudget(settings.requestBudget(), settings.requestWindow(), clock);
        RetryPolicy retry = RetryPolicy.standard(clock);
        GraphTokenProvider tokens = new GraphTokenProvider(settings.graph(), clock);
        TeamsUsers users = new TeamsUsers(settings, directory, store, clock);
        directory.addReloadListener(users::directoryChanged);
        TeamsPoller poller = new TeamsPoller(settings, users, budget, retry, new TeamsIncomingResolver(incoming), applier,
                directory, calls, store, clock, decisions);
        TeamsWriteRules rules = new TeamsWriteRules(new TeamsSessionResolver(sessions, settings.syncNote(),
                settings.calls().callSession()),
                TeamsWriteResolver.forExpiration(settings.sessionExpiration()), retry, settings.sessionExpiration());
        TeamsWriter writer = new TeamsWriter(settings, rules, users, poller, budget, applier, calls, store, clock,
                decisions);
        calls.listen(writer);
        writer.reconcileAll();
        TeamsHealth health = new TeamsHealth(tokens, writer, calls, clock);
        GraphRequestProcessor requests = new GraphRequestProcessor(tokens, health);
        ExecutorService writerPool = context.getExecutorServiceManager().newFixedThreadPool(writer, "teams-writer",
                settings.writerThreads());

        // the hub owns the retry policy: HttpClient must not retry a 429 (or anything) behind its back
        for (String scheme : new String[] {"http", "https"}) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            http.setAutomaticRetriesDisabled(true);
            http.setConnectTimeout(10_000);
            http.setResponseTimeout(30_000);
            http.setConnectionsPerRoute(Math.max(20, settings.writerThreads() + 4));
        }

        GraphAnswerProcessor answers = new GraphAnswerProcessor(tokens, budget, requests, health);
        measure(context.getRegistry().findSingleByType(HubMetrics.class), tokens, answers, poller, writer, budget);

        bind(context, "teamsSettings", settings);
        bind(context, "teamsTokens", tokens);
        bind(context, "teamsBudget", budget);
        bind(context, "teamsUsers", users);
        bind(context, "teamsPoller", poller);
        bind(context, "teamsWriter", writer);
        bind(context, "teamsWriterPool", writerPool);
        bind(context, "graphRequestProcessor", requests);
        bind(context, "graphAnswerProcessor", answers);
        bind(context, "teamsHealth", health);
        // push (sign-in and change notifications) only with a public URL; the admin page says which
        Supplier<String> push = hubSettings.optionalText("hub.teams.public-url").isPresent()
                ? PushConfiguration.configure(context, hubSettings, settings, store, users, poller, budget, requests,
                clock)
                : () -> "not configured";
        bind(context, "teamsAdmin", new TeamsAdmin(tokens, users, budget, health, directory, push));
        LOG.info("Teams sync enabled: {}, incoming {}, sessions {}", settings, incoming, sessions);
    }

    /** Graph requests and echo verdicts counted; the writer's queue and the request budget as gauges. */
    private static void measure(HubMetrics metrics, GraphTokenProvider tokens, GraphAnswerProcessor answers,
                                TeamsPoller poller, TeamsWriter writer, RequestBudget budget) {
        if (metrics == null) {
            return;
        }
        tokens.measureWith(metrics);
        answers.measureWith(metrics);
        poller.measureWith(metrics);
        metrics.gauge("presencehub.writer.pending", "Writes owed and not yet answered, per writer",
                writer::pendingCount, "writer", "teams");
        metrics.gauge("presencehub.graph.budget.in.use", "Graph presence requests counted in the current window",
                budget::inUse);
        metrics.gauge("presencehub.graph.budget.limit", "Graph presence requests allowed per window",
                budget::limit);
    }

    private static void bind(CamelContext context, String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }
}
