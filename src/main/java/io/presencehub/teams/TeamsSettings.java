package io.presencehub.teams;

import io.presencehub.camel.HubSettings;

import java.time.Duration;

/**
 * Every setting of the Teams connector ({@code hub.teams.*}), read in one place ({@link #from}); the defaults are in
 * {@code application.properties} only. {@code hub.teams.writer-interval} and {@code poll-interval} also pace the
 * timers of {@code routes/teams.camel.yaml}.
 *
 * @param graph             app registration and hosts
 * @param pollInterval      how often presence is polled
 * @param sessionExpiration expirationDuration of app sessions, PT5M..PT4H
 * @param syncNote          whether hub notes become Teams status messages
 * @param incomingNote      whether a Teams status message the hub did not write becomes the note
 * @param incomingMapping   entries overriding the seed Teams → hub table
 * @param sessionMapping    entries overriding the seed hub → session table
 * @param requestBudget     presence requests per window (polls and writes together)
 * @param requestWindow     the budget's window
 * @param writerBatch       at most this many writes per writer tick
 * @param writerThreads     threads sending writes
 * @param usersRefresh      how often Graph's user list is read again
 * @param calls             the call session and the activities that mean a Teams call
 */
public record TeamsSettings(GraphSettings graph, Duration pollInterval, Duration sessionExpiration, boolean syncNote,
                            boolean incomingNote,
                            String incomingMapping, String sessionMapping, int requestBudget, Duration requestWindow,
                            int writerBatch, int writerThreads, Duration usersRefresh,
                            TeamsCallSettings calls) {

    /** Graph rejects setPresence outside this range with 400. */
    public static final Duration MIN_SESSION_EXPIRATION = Duration.ofMinutes(5);
    public static final Duration MAX_SESSION_EXPIRATION = Duration.ofHours(4);

    public TeamsSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("Teams poll interval must be positive, was " + pollInterval);
        }
        if (sessionExpiration.compareTo(MIN_SESSION_EXPIRATION) < 0
                || sessionExpiration.compareTo(MAX_SESSION_EXPIRATION) > 0) {
            throw new IllegalArgumentException("Teams session expiration must be between PT5M and PT4H (Graph rejects"
                    + " anything else), was " + sessionExpiration);
        }
    }

    /** The connector's settings from {@code hub.teams.*}. */
    public static TeamsSettings from(HubSettings settings) {
        GraphSettings graph = new GraphSettings(settings.text("hub.teams.tenant-id"),
                settings.text("hub.teams.client-id"),
                // the secret comes from the environment and has no default: absent is reported as required
                settings.optionalText("hub.teams.client-secret").orElse(null),
                settings.text("hub.teams.graph-url"), settings.text("hub.teams.login-url"));
        return new TeamsSettings(graph, settings.duration("hub.teams.poll-interval"),
                settings.duration("hub.teams.session-expiration"), settings.flag("hub.teams.sync-note"),
                settings.flag("hub.teams.incoming-note"),
                settings.text("hub.teams.incoming-mapping"), settings.text("hub.teams.session-mapping"),
                settings.integer("hub.teams.request-budget"), settings.duration("hub.teams.request-window"),
                settings.integer("hub.teams.writer-batch"), settings.integer("hub.teams.writer-threads"),
                settings.duration("hub.teams.users-refresh"),
                TeamsCallSettings.from(settings.text("hub.teams.call-session"),
                        settings.text("hub.teams.call-activities")));
    }

    public String clientId() {
        return graph.clientId();
    }

    public String graphUrl() {
        return graph.graphUrl();
    }
}
