package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.ToDefinition;
import org.junit.jupiter.api.Test;

/**
 * Graph's host refusing connections: the hub keeps the write it owes, health check {@code teams} says Graph is
 * unreachable, and the write goes out once Graph can be reached again.
 *
 * <p>The refusal is a {@link ConnectException} at the HTTP step of route {@code teams-call}, put there with Camel's
 * advice ({@link AdviceWith}): the fake Graph can only answer, and an unreachable Graph is the one failure it cannot
 * play while it keeps running. The advised step throws while {@link #graphReachable} is false and otherwise sends to
 * the configured Graph URL as before.
 */
class GraphUnreachableKeepsTheWriteOwedTest extends BaseTeamsHubTest {


    private final AtomicBoolean graphReachable = new AtomicBoolean(true);
    private final AtomicInteger refusedWrites = new AtomicInteger();


    @Test
    void aWriteOwedWhileGraphIsUnreachableIsDeliveredOnceGraphIsBack() throws Exception {
        graph.addUser(ALICE_TEAMS_ID, "alice@example.com");
        graph.setClientSession(ALICE_TEAMS_ID, "Available", "Available");
        hub = TestHub.in(folder).withTeams(graph).start();
        hub.awaitTeamsBaseline(ALICE);
        AdviceWith.adviceWith(hub.context(), "teams-call", route -> route.weaveByType(ToDefinition.class).replace()
                .choice()
                    .when(exchange -> !graphReachable.get())
                        .process(this::refuseConnection)
                    .otherwise()
                        .to("{{hub.teams.graph-url}}?throwExceptionOnFailure=false")
                .end());
        // advice replaces the running route by a new one; the supervising route controller leaves that one to us
        hub.context().getRouteController().startRoute("teams-call");
        hub.awaitTeamsPolls(1); // the advised route answers the hub's requests

        graphReachable.set(false);
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
        }

        await().until(() -> refusedWrites.get() >= 1);
        await().until(() -> hub.health().contains("unreachable (ConnectException)"));
        assertThat(hub.health()).contains("DOWN");
        assertThat(hub.bean(TeamsWriter.class).pendingCount()).as("the write is still owed").isEqualTo(1);
        assertThat(graph.writeCalls(Endpoint.SET_PRESENCE)).as("no write reached Graph").isEmpty();
        assertThat(graph.appSession(ALICE_TEAMS_ID)).isEmpty();

        graphReachable.set(true);
        await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Busy/InACall")).orElse(false));
        await().until(() -> hub.teamsWriterIdle());
        assertThat(graph.writeCalls(Endpoint.SET_PRESENCE).stream().filter(c -> c.status() == 200))
                .as("written once, when Graph was back").hasSize(1);
        await().until(() -> hub.health().contains("UP"));
        await().until(() -> hub.healthInFull().contains("writes owed: 0"));
    }

    private void refuseConnection(Exchange exchange) throws ConnectException {
        GraphCall call = exchange.getVariable(GraphRequestProcessor.CALL, GraphCall.class);
        if (call != null && call.write() != null) {
            refusedWrites.incrementAndGet();
        }
        throw new ConnectException("Connection refused (injected by the test)");
    }
}
