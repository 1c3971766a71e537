package io.presencehub.teams;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a {@link GraphCall} body into the HTTP request camel-http sends: only the headers Graph needs (every other
 * header is removed, so nothing internal leaks out), the bearer token from the token provider, the URL in
 * {@code CamelHttpUri}. Without a token, the body becomes a {@link GraphAnswer} and variable {@code teamsSend} is
 * false, so the route sends nothing.
 */
public final class GraphRequestProcessor implements Processor {

    static final String CALL = "teamsCall";
    static final String TOKEN = "teamsToken";
    static final String SEND = "teamsSend";
    static final String ATTEMPT = "teamsAttempt";

    private final GraphTokenProvider tokens;
    private final TeamsHealth health;
    private volatile AccessTokens delegated = new NoDelegatedTokens();

    public GraphRequestProcessor(GraphTokenProvider tokens, TeamsHealth health) {
        this.tokens = tokens;
        this.health = health;
    }

    /** Subscription calls take their token from here (the read-access sign-in); set once push is configured. */
    public void delegatedTokensFrom(AccessTokens tokens) {
        this.delegated = tokens;
    }

    /** Where this call's token comes from: the delegated sign-in for subscriptions, the app for everything else. */
    AccessTokens tokensFor(GraphCall call) {
        return call.delegated() ? delegated : tokens;
    }

    @Override
    public void process(Exchange exchange) {
        GraphCall call = exchange.getMessage().getBody(GraphCall.class);
        exchange.setVariable(CALL, call);
        exchange.setVariable(ATTEMPT, 1);
        prepare(exchange, call);
    }

    /** Sets up one attempt of the call (also the retry after a 401). */
    void prepare(Exchange exchange, GraphCall call) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        String token;
        try {
            token = tokensFor(call).accessToken();
        } catch (GraphAuthException e) {
            // the token provider's one-line cause; the health check shows it, the callers log it once
            if (!call.delegated()) {
                health.loginFailed(e.getMessage());
            }
            if (call.ticket() != null) {
                call.ticket().done(); // nothing went to Graph
            }
            exchange.setVariable(SEND, false);
            message.setBody(new GraphAnswer(call, new GraphOutcome.NoToken(e.getMessage())));
            return;
        }
        exchange.setVariable(TOKEN, token);
        exchange.setVariable(SEND, true);
        message.setHeader("Authorization", "Bearer " + token);
        message.setHeader("Accept", "application/json");
        message.setHeader(Exchange.HTTP_METHOD, call.method());
        message.setHeader(Exchange.HTTP_URI, call.url());
        if (call.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(call.body());
        } else {
            message.setBody(null);
        }
    }
}
