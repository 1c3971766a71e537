package io.presencehub.teams;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Stands in for every bean of {@code routes/teams.camel.yaml} while Teams sync is disabled, so the routes still load
 * (they do not start) without a Graph configuration.
 */
public final class TeamsDisabled implements Processor {

    public GraphCall startListing() {
        return null;
    }

    public GraphCall onPage(GraphAnswer answer) {
        return null;
    }

    public List<GraphCall> pollCalls() {
        return List.of();
    }

    public List<GraphCall> dueCalls() {
        return List.of();
    }

    public void onAnswer(GraphAnswer answer) {
        // nothing is ever sent while disabled
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setVariable(GraphRequestProcessor.SEND, false);
    }
}
