package io.presencehub.teams.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.teams.FakeClock;
import io.presencehub.teams.GraphAnswer;
import io.presencehub.teams.GraphCall;
import io.presencehub.teams.GraphOutcome;
import io.presencehub.teams.GraphRequests;
import io.presencehub.teams.RequestBudget;
import io.presencehub.teams.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks on incoming notifications: validation, subscription and clientState, the user, broken bodies. */
class PushEndpointsTest {

    private final FakeClock clock = FakeClock.frozen();
    private final DefaultCamelContext context = new DefaultCamelContext();
    private PushSubscriptions subscriptions;
    private PushReads reads;
    private PushEndpoints endpoints;
    private String clientState;
    private final List<String> lifecycleRead = new java.util.ArrayList<>();

    @BeforeEach
    void subscribed() throws Exception {
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> "id-" + i).toList();
        subscriptions = new PushSubscriptions(new StubDelegatedTokens(), () -> ids, new SubscriptionRequests(
                "https://graph.test/v1.0", new PushSettings("https://hub.example.com", Duration.ofSeconds(60),
                Duration.ofMillis(100))), RetryPolicy.standard(clock), clock);
        EarlierRun.left(subscriptions);
        GraphCall create = subscriptions.dueCalls().get(0);
        clientState = new ObjectMapper().readTree(create.body()).path("clientState").asText();
        subscriptions.onAnswer(new GraphAnswer(create, new GraphOutcome.Answered(201, "{\"id\":\"sub-1\"}", null)));
        reads = new PushReads(new GraphRequests("https://graph.test/v1.0", "client", Duration.ofHours(1)),
                new RequestBudget(100, Duration.ofSeconds(30), clock), RetryPolicy.standard(clock), clock,
                answer -> { });
        subscriptions.readsWith(lifecycleRead::addAll);
        endpoints = new PushEndpoints(subscriptions, reads);
    }

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private Exchange post(String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("Authorization", "Bearer must-not-echo");
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static String delivery(String subscription, String state, String user) {
        return "{\"value\":[{\"subscriptionId\":\"" + subscription + "\",\"clientState\":\"" + state
                + "\",\"changeType\":\"updated\",\"resource\":\"communications/presences('" + user
                + "')\",\"resourceData\":{\"id\":\"" + user + "\"}}]}";
    }

    @Test
    void theValidationTokenIsAnsweredAsPlainText() {
        Exchange exchange = post("");
        exchange.getMessage().setHeader("validationToken", "Validation: Testing client application <&>");

        endpoints.notification(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class)).startsWith("text/plain");
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Validation: Testing client application <&>");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey("Authorization");
    }

    @Test
    void aDeliveryWithTheRightClientStateIsAnswered202AndItsUserReadSoon() {
        Exchange exchange = post(delivery("sub-1", clientState, "id-2"));

        endpoints.notification(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(reads.dueCalls()).singleElement().satisfies(call -> assertThat(call.body()).contains("\"id-2\""));
    }

    @Test
    void wrongClientStateUnknownSubscriptionAndForeignUsersAreDroppedButStillAnswered202() {
        for (String body : List.of(delivery("sub-1", "wrong", "id-1"), delivery("sub-9", clientState, "id-1"),
                delivery("sub-1", clientState, "not-in-this-subscription"))) {
            Exchange exchange = post(body);
            endpoints.notification(exchange);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        }
        assertThat(reads.pendingCount()).isZero();
    }

    @Test
    void aBodyThatIsNoNotificationListIsRefusedWith400() {
        for (String body : List.of("{not json", "{\"value\":3}", "", "[]")) {
            Exchange exchange = post(body);
            endpoints.notification(exchange);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(body).isEqualTo(400);
            assertThat(exchange.getMessage().getBody(String.class)).contains("not a Graph notification");
        }
    }

    @Test
    void lifecycleEventsNeedTheClientStateToo() {
        String missed = "{\"value\":[{\"subscriptionId\":\"sub-1\",\"clientState\":\"%s\",\"lifecycleEvent\":\"missed\"}]}";
        endpoints.lifecycle(post(missed.formatted("wrong")));
        assertThat(lifecycleRead).isEmpty();

        Exchange exchange = post(missed.formatted(clientState));
        endpoints.lifecycle(exchange);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(lifecycleRead).containsExactlyInAnyOrder("id-0", "id-1", "id-2");
    }

    @Test
    void theUserComesFromResourceDataOrElseFromTheResource() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(PushEndpoints.userOf(json.readTree("{\"resource\":\"communications/presences('abc')\"}")))
                .contains("abc");
        assertThat(PushEndpoints.userOf(json.readTree("{\"resource\":\"/communications/presences/def\"}")))
                .contains("def");
        assertThat(PushEndpoints.userOf(json.readTree("{\"resource\":\"users\"}"))).isEmpty();
    }
}
