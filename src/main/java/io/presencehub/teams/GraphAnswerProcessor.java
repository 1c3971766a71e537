package io.presencehub.teams;

import io.presencehub.metrics.HubMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns camel-http's response (or the exception that replaced it) into a {@link GraphAnswer} body. On a first 401 it
 * drops the rejected token and prepares one more attempt with a fresh one ({@code teamsSend} true again), if the
 * presence budget allows.
 */
public final class GraphAnswerProcessor implements Processor {

    private static final String RETRY_TICKET = "teamsRetryTicket";

    private final GraphTokenProvider tokens;
    private final RequestBudget budget;
    private final GraphRequestProcessor requests;
    private final TeamsHealth health;
    private volatile HubMetrics metrics = HubMetrics.off();

    public GraphAnswerProcessor(GraphTokenProvider tokens, RequestBudget budget, GraphRequestProcessor requests,
                                TeamsHealth health) {
        this.tokens = tokens;
        this.budget = budget;
        this.requests = requests;
        this.health = health;
    }

    /** Counts every answer (or failure) by call and HTTP status in these meters. */
    public void measureWith(HubMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        GraphCall call = exchange.getVariable(GraphRequestProcessor.CALL, GraphCall.class);
        Message message = exchange.getMessage();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.setVariable(GraphRequestProcessor.SEND, false);
        GraphAnswer answer;
        if (failure != null) {
            exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
            answer = new GraphAnswer(call, new GraphOutcome.NoAnswer("Graph " + hostOf(call) + " unreachable ("
                    + failure.getClass().getSimpleName() + ")"));
        } else {
            Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            answer = new GraphAnswer(call, status == null
                    ? new GraphOutcome.NoAnswer("Graph " + hostOf(call) + " answered without a status")
                    : new GraphOutcome.Answered(status, message.getBody(String.class),
                    message.getHeader("Retry-After", String.class)));
        }
        message.removeHeaders("*");
        metrics.graphAnswered(requestOf(call), answer.outcome() instanceof GraphOutcome.Answered answered
                ? answered.status() : HubMetrics.NO_ANSWER);
        health.answered(answer);
        // Graph has counted the request by now: from here on it ages out of the hub's window too
        if (call.ticket() != null) {
            call.ticket().done();
        }
        RequestBudget.Ticket retryTicket = exchange.getVariable(RETRY_TICKET, RequestBudget.Ticket.class);
        if (retryTicket != null) {
            retryTicket.done();
        }
        Integer attempt = exchange.getVariable(GraphRequestProcessor.ATTEMPT, Integer.class);
        if (answer.outcome().is(401) && attempt != null && attempt == 1 && (!call.presence() || takeRetry(exchange))) {
            requests.tokensFor(call).invalidate(exchange.getVariable(GraphRequestProcessor.TOKEN, String.class));
            exchange.setVariable(GraphRequestProcessor.ATTEMPT, 2);
            requests.prepare(exchange, call);
            return;
        }
        message.setBody(answer);
    }

    private boolean takeRetry(Exchange exchange) {
        RequestBudget.Ticket ticket = budget.tryTake();
        exchange.setVariable(RETRY_TICKET, ticket);
        return ticket != null;
    }

    private static HubMetrics.GraphRequest requestOf(GraphCall call) {
        return switch (call.purpose()) {
            case LIST_USERS -> HubMetrics.GraphRequest.USERS;
            case POLL -> HubMetrics.GraphRequest.GET_PRESENCES_BY_USER_ID;
            case SUBSCRIPTION -> HubMetrics.GraphRequest.SUBSCRIPTIONS;
            case WRITE -> switch (call.write().kind()) {
                case SET_PRESENCE -> HubMetrics.GraphRequest.SET_PRESENCE;
                case CLEAR_PRESENCE -> HubMetrics.GraphRequest.CLEAR_PRESENCE;
                case SET_STATUS_MESSAGE -> HubMetrics.GraphRequest.SET_STATUS_MESSAGE;
            };
        };
    }

    private static String hostOf(GraphCall call) {
        int scheme = call.url().indexOf("://");
        int end = call.url().indexOf('/', scheme + 3);
        return end < 0 ? call.url() : call.url().substring(0, end);
    }
}
