package io.presencehub.teams.signin;

import io.presencehub.testing.TestHub;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Until the push core (the lead's {@code io.presencehub.teams.push}) is merged, routes/teams-push.camel.yaml names
 * beans no configuration binds yet; this stands in for them so a hub with {@code hub.teams.public-url} starts. The
 * real beans, once bound by the Teams configuration, replace these (a later bind of a name wins).
 */
public final class PushStandIn {

    /** Binds the stand-in under the names the push routes use. */
    static TestHub bindInto(TestHub hub) {
        PushStandIn standIn = new PushStandIn();
        return hub.withBean("teamsPushEndpoints", standIn).withBean("teamsSubscriptions", standIn)
                .withBean("teamsPushReads", standIn);
    }

    public void notification(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setBody("");
    }

    public void lifecycle(Exchange exchange) {
        notification(exchange);
    }

    public List<Object> dueCalls() {
        return List.of();
    }

    public void onAnswer(Exchange exchange) {
        // no calls are ever made, so no answer comes
    }
}
