package io.presencehub.teams;

import io.presencehub.calls.CallStates;
import io.presencehub.calls.TeamsCall;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health check {@code teams}: DOWN with the login's one-line cause (wrong or expired secret, unknown app, missing
 * consent) or while Graph does not answer; UP otherwise, saying how many users still wait for a write (held back by
 * Retry-After, say), how many are in a Teams call and how many on the phone hold the call session.
 */
public final class TeamsHealth extends AbstractHealthCheck {

    private final GraphTokenProvider tokens;
    private final TeamsWriter writer;
    private final CallStates calls;
    private final Clock clock;
    private volatile String loginFailure;
    private volatile Instant lastThrottled;
    /** The last failure per kind of call (user list, poll, write), cleared by that kind's next success. */
    private final Map<GraphCall.Purpose, String> graphFailures = new ConcurrentHashMap<>();

    public TeamsHealth(GraphTokenProvider tokens, TeamsWriter writer, CallStates calls, Clock clock) {
        super("presence-hub", "teams");
        this.clock = clock;
        this.tokens = tokens;
        this.writer = writer;
        this.calls = calls;
    }

    void loginFailed(String message) {
        loginFailure = message;
    }

    void answered(GraphAnswer answer) {
        if (answer.call().delegated()) {
            return; // the push's own health check (teams-push) judges subscription calls
        }
        loginFailure = null;
        GraphCall.Purpose purpose = answer.call().purpose();
        GraphOutcome outcome = answer.outcome();
        if (outcome.is(429)) {
            lastThrottled = clock.instant();
        }
        if (outcome instanceof GraphOutcome.NoAnswer
                || outcome instanceof GraphOutcome.Answered answered && answered.status() >= 500) {
            graphFailures.put(purpose, "Graph not reachable: " + answer.describe());
        } else if (outcome.is(403)) {
            // a token without the application permission: every call of this kind will fail the same way
            graphFailures.put(purpose, "Graph refused " + describe(purpose) + " (" + answer.describe()
                    + "): grant the app Presence.ReadWrite.All and User.Read.All with admin consent");
        } else if (answer.ok()) {
            graphFailures.remove(purpose);
        }
    }

    /** When Graph last answered 429 (Too Many Requests); empty if it never did since the start. */
    public Optional<Instant> lastThrottled() {
        return Optional.ofNullable(lastThrottled);
    }

    private static String describe(GraphCall.Purpose purpose) {
        return switch (purpose) {
            case LIST_USERS -> "reading users";
            case POLL -> "reading presence";
            case SUBSCRIPTION -> "managing subscriptions";
            case WRITE -> "writing presence";
        };
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        TokenStatus login = tokens.status();
        String login1 = login.state() == TokenStatus.State.FAILED ? login.detail() : loginFailure;
        if (login1 != null) {
            builder.message(login1).down();
        } else if (!graphFailures.isEmpty()) {
            builder.message(String.join("; ", new TreeMap<>(graphFailures).values())).down();
        } else {
            String state = login.isOk() ? "OK" : login.detail();
            long inTeamsCall = calls.teamsCallUsers().stream()
                    .filter(user -> calls.teamsCall(user) == TeamsCall.IN_CALL).count();
            builder.message(state + "; writes owed: " + writer.pendingCount() + "; in a Teams call: " + inTeamsCall
                    + "; on a call session: " + writer.callSessionCount()).up();
        }
    }
}
