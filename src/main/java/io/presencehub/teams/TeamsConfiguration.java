package io.presencehub.teams;

import io.presencehub.camel.HubSettings;
import io.presencehub.directory.DirectoryService;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.util.TimeUtils;
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

    public static void configure(CamelContext context, HubSettings settings, PresenceApplier applier,
                          DirectoryService directory, StateStore store, Clock clock) {
        if (!settings.flag("hub.teams.enabled")) {
            TeamsDisabled disabled = new TeamsDisabled();
            for (String name : new String[] {"teamsUsers", "teamsPoller", "teamsWriter", "graphRequestProcessor",
                "graphAnswerProcessor"}) {
                bind(context, name, disabled);
            }
            // threads are only created when a task arrives, which never happens while disabled
            bind(context, "teamsWriterPool", context.getExecutorServiceManager().newThreadPool(disabled,
                    "teams-writer", 0, 1));
            bind(context, "teamsFanout", TeamsFanout.disabled());
            return;
        }
        GraphSettings graph = new GraphSettings(
                settings.optionalText("hub.teams.tenant-id").orElse(null),
                settings.optionalText("hub.teams.client-id").orElse(null),
                settings.optionalText("hub.teams.client-secret").orElse(null),
                settings.text("hub.teams.graph-url"), settings.text("hub.teams.login-url"),
                duration(settings, "hub.teams.poll-interval"), isoDuration(settings, "hub.teams.session-expiration"),
                settings.flag("hub.teams.sync-note"));
        TeamsIncomingMapper incoming = TeamsIncomingMapper.defaults()
                .overriddenBy(settings.optionalText("hub.teams.incoming-mapping").orElse(""));
        TeamsSessionMapper sessions = TeamsSessionMapper.fromEntries(
                settings.optionalText("hub.teams.session-mapping").orElse(""));

        Duration window = duration(settings, "hub.teams.request-window");
        RequestBudget budget = new RequestBudget(settings.integer("hub.teams.request-budget"), window, clock);
        RetryPolicy retry = RetryPolicy.standard(clock);
        GraphTokenProvider tokens = new GraphTokenProvider(graph, clock);
        TeamsUsers users = new TeamsUsers(graph, directory, store, clock, duration(settings, "hub.teams.users-refresh"));
        directory.addReloadListener(users::directoryChanged);
        TeamsPoller poller = new TeamsPoller(graph, users, budget, retry, new TeamsIncomingResolver(incoming), applier,
                directory, store, clock);
        TeamsWriter writer = new TeamsWriter(graph, users, new TeamsSessionResolver(sessions, graph.syncNote()),
                TeamsWriteResolver.forExpiration(graph.sessionExpiration()), budget, retry, applier, poller, store,
                clock, settings.integer("hub.teams.writer-batch"), window);
        writer.reconcileAll();
        TeamsHealth health = new TeamsHealth(tokens);
        GraphRequestProcessor requests = new GraphRequestProcessor(tokens, health);
        ExecutorService writerPool = context.getExecutorServiceManager().newFixedThreadPool(writer, "teams-writer",
                settings.integer("hub.teams.writer-threads"));

        // the hub owns the retry policy: HttpClient must not retry a 429 (or anything) behind its back
        for (String scheme : new String[] {"http", "https"}) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            http.setAutomaticRetriesDisabled(true);
            http.setConnectTimeout(10_000);
            http.setResponseTimeout(30_000);
            http.setConnectionsPerRoute(Math.max(20, settings.integer("hub.teams.writer-threads") + 4));
        }

        bind(context, "teamsSettings", graph);
        bind(context, "teamsTokens", tokens);
        bind(context, "teamsBudget", budget);
        bind(context, "teamsUsers", users);
        bind(context, "teamsPoller", poller);
        bind(context, "teamsWriter", writer);
        bind(context, "teamsWriterPool", writerPool);
        bind(context, "teamsFanout", TeamsFanout.to(writer));
        bind(context, "graphRequestProcessor", requests);
        bind(context, "graphAnswerProcessor", new GraphAnswerProcessor(tokens, budget, requests, health));
        bind(context, "teamsHealth", health);
        LOG.info("Teams sync enabled: {}, incoming {}, sessions {}", graph, incoming, sessions);
    }

    private static void bind(CamelContext context, String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }

    /** "10s", "200ms", "1h" or plain milliseconds, as Camel's timer reads them. */
    static Duration duration(HubSettings settings, String key) {
        String text = settings.text(key);
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(text));
        } catch (RuntimeException e) {
            throw new IllegalStateException("setting " + key + " must be a duration like 10s or 200ms, not '" + text
                    + "'", e);
        }
    }

    private static Duration isoDuration(HubSettings settings, String key) {
        String text = settings.text(key);
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("setting " + key + " must be an ISO-8601 duration like PT4H, not '" + text
                    + "'", e);
        }
    }
}
