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
        // a failing subscription's users are polled at the normal interval: DOWN says Teams changes come slower
        builder.message(state.describe());
        if (state.failures().isEmpty()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
