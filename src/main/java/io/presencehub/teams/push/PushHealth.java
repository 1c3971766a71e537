package io.presencehub.teams.push;

import io.presencehub.teams.signin.DelegatedTokens;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health check {@code teams-push}: UP with the number of working subscriptions and their earliest expiry; DOWN with
 * the reason (nobody signed in, the refresh token refused: with the sign-in link; a subscription Graph refuses).
 * Polling goes on in every case; DOWN says that Teams changes arrive at poll speed.
 */
public final class PushHealth extends AbstractHealthCheck {

    private final DelegatedTokens tokens;
    private final PushSubscriptions subscriptions;

    public PushHealth(DelegatedTokens tokens, PushSubscriptions subscriptions) {
        super("presence-hub", "teams-push");
        this.tokens = tokens;
        this.subscriptions = subscriptions;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!tokens.signedIn()) {
            builder.message("Teams push off, polling: " + tokens.problem()).down();
            return;
        }
        PushState state = subscriptions.state();
        if (!state.failures().isEmpty()) {
            builder.message((state.chunks() - state.healthy()) + " of " + state.chunks()
                    + " subscriptions not working (their users are polled): " + String.join("; ", state.failures()))
                    .down();
            return;
        }
        builder.message(state.healthy() + " of " + state.chunks() + " subscriptions working"
                + state.earliestExpiry().map(at -> ", earliest expiry " + at).orElse("")).up();
    }
}
