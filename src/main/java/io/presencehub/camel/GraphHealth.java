package io.presencehub.camel;

import io.presencehub.teams.GraphAnswer;
import io.presencehub.teams.GraphTokenProvider;
import io.presencehub.teams.TokenStatus;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health check {@code teams}: DOWN with the login's one-line cause (wrong or expired secret, unknown app, missing
 * consent) or while Graph does not answer; UP otherwise.
 */
public final class GraphHealth extends AbstractHealthCheck {

    private final GraphTokenProvider tokens;
    private volatile String loginFailure;
    private volatile String graphFailure;

    public GraphHealth(GraphTokenProvider tokens) {
        super("presence-hub", "teams");
        this.tokens = tokens;
    }

    void loginFailed(String message) {
        loginFailure = message;
    }

    void answered(GraphAnswer answer) {
        loginFailure = null;
        if (answer.status() == GraphAnswer.NO_ANSWER || answer.status() >= 500) {
            graphFailure = "Graph not reachable: " + answer.describe();
        } else {
            graphFailure = null;
        }
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        TokenStatus login = tokens.status();
        String login1 = login.state() == TokenStatus.State.FAILED ? login.detail() : loginFailure;
        if (login1 != null) {
            builder.message(login1).down();
        } else if (graphFailure != null) {
            builder.message(graphFailure).down();
        } else {
            builder.message(login.isOk() ? "OK" : login.detail()).up();
        }
    }
}
