package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.testing.MemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's AMI component: ami:presence delivers snapshot and coalesced changes, ami:setvar writes, both on one login. */
class AmiComponentTest {

    private static final Duration CEILING = Duration.ofSeconds(30);
    private static final String P1001 = "CustomPresence:1001";

    private FakeAsterisk asterisk;
    private CamelContext context;
    private final List<AsteriskInbox.Report> reports = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    private void start(int port) throws Exception {
        AsteriskSettings settings = AsteriskTestSettings.fake(port, "hub", "hubsecret");
        DirectoryIndex index = new DirectoryIndex(new DirectoryParser().parse(SyncHarness.DIRECTORY));
        AsteriskEchoes echoes = new AsteriskEchoes();
        AsteriskWriter writer = new AsteriskWriter(new AsteriskWriteResolver(settings), () -> index, user -> null,
                new MemoryStateStore(), echoes, Clock.systemUTC(), new io.presencehub.decisions.DecisionLog(Clock.systemUTC()));
        context = new DefaultCamelContext();
        context.addComponent("ami", new AmiComponent(new AsteriskLink(settings, echoes, writer, Clock.systemUTC())));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("ami:presence").routeId("reports").process(e -> reports.add(e.getIn().getBody(AsteriskInbox.Report.class)));
            }
        });
        context.start();
    }

    @Test
    void theConsumerLogsInOnceHandsOverTheSnapshotThenChangesAndTheProducerWritesOnTheSameLogin() throws Exception {
        asterisk = new FakeAsterisk().start();
        start(asterisk.port());
        NotifyBuilder snapshot = new NotifyBuilder(context).fromRoute("reports").whenDone(1).create();
        await().atMost(CEILING).until(snapshot::matchesWaitTime);
        assertThat(reports.get(0)).isInstanceOf(AsteriskInbox.Snapshot.class);

        NotifyBuilder echo = new NotifyBuilder(context).fromRoute("reports").whenDone(1).create();
        AsteriskWriteOutcome outcome = context.createProducerTemplate().requestBody("ami:setvar",
                new PresenceWrite(SyncHarness.ALICE, P1001, "away", "Lunch", "back at 2"), AsteriskWriteOutcome.class);

        assertThat(outcome.result()).isEqualTo(AsteriskWriteOutcome.Result.WRITTEN);
        await().atMost(CEILING).until(echo::matchesWaitTime);
        assertThat(((AsteriskInbox.Item) reports.get(1)).presence()).isEqualTo(new AsteriskPresence(P1001, "away", "Lunch", "back at 2"));
        assertThat(asterisk.loginAttempts()).as("consumer and producer share one login").isEqualTo(1);
    }

    @Test
    void aSetvarWhileAmiIsDownIsAnOutcomeNotAnException() throws Exception {
        asterisk = new FakeAsterisk().start();
        int port = asterisk.port();
        asterisk.close();
        start(port);

        AsteriskWriteOutcome outcome = context.createProducerTemplate().requestBody("ami:setvar",
                new PresenceWrite(SyncHarness.ALICE, P1001, "dnd", "", ""), AsteriskWriteOutcome.class);

        assertThat(outcome.result()).isEqualTo(AsteriskWriteOutcome.Result.NOT_CONNECTED);
    }

    @Test
    void onlyPresenceAndSetvarAreEndpointsEachInItsDirection() throws Exception {
        asterisk = new FakeAsterisk().start();
        start(asterisk.port());
        assertThatThrownBy(() -> context.getEndpoint("ami:queue-status"))
                .hasStackTraceContaining("use ami:presence, ami:devices or ami:setvar");
        assertThatThrownBy(() -> context.getEndpoint("ami:presence").createProducer())
                .hasMessageContaining("only receives");
        assertThatThrownBy(() -> context.getEndpoint("ami:setvar").createConsumer(exchange -> { }))
                .hasMessageContaining("only sends");
    }
}
