package io.presencehub.teams;

import static io.presencehub.teams.FakeGraphClient.assertGraphError;
import static io.presencehub.teams.FakeGraphClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.presencehub.teams.FakeGraph.Delivery;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.teams.FakeGraph.SubscriptionView;
import io.presencehub.teams.HubStandIn.Received;
import io.presencehub.teams.HubStandIn.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Proves the fake Graph's presence subscriptions against a stand-in for the hub's endpoints: the create rules and the
 * validation handshake (good, wrong, slow answers), delivery of every visible change with the clientState, no
 * delivery after expiry or a silent stop, renewal and removal, lifecycle events, and delegated tokens only.
 */
class FakeGraphSubscriptionsTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final String ALICE_AND_BOB = "/communications/presences?$filter=id in ('u-alice','u-bob')";

    private final FakeClock clock = FakeClock.frozenAt(START);
    private FakeGraph graph;
    private FakeGraphClient client;
    private HubStandIn hub;
    private String delegated;

    @BeforeEach
    void start() {
        graph = FakeGraph.start(clock);
        hub = new HubStandIn();
        graph.addUser("u-alice", "alice@example.com").addUser("u-bob", "bob@example.com")
                .addUser("u-carol", "carol@example.com");
        client = new FakeGraphClient(graph);
        graph.signInAs("u-alice");
        delegated = client.signIn().accessToken();
    }

    @AfterEach
    void stop() {
        hub.close();
        graph.close();
    }

    // ------------------------------------------------------------------ create and the validation handshake

    @Test
    void aCreateValidatesBothUrlsThenAnswers201WithTheSubscription() {
        HttpResponse<String> answer = create(ALICE_AND_BOB, START.plus(Duration.ofMinutes(60)), "state-1");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode body = json(answer.body());
        assertThat(body.get("resource").asText()).isEqualTo(ALICE_AND_BOB);
        assertThat(body.get("changeType").asText()).isEqualTo("updated");
        assertThat(body.get("clientState").asText()).isEqualTo("state-1");
        assertThat(body.get("notificationUrl").asText()).isEqualTo(hub.notificationUrl());
        assertThat(body.get("lifecycleNotificationUrl").asText()).isEqualTo(hub.lifecycleUrl());
        assertThat(body.get("applicationId").asText()).isEqualTo(FakeGraph.READ_CLIENT_ID);
        assertThat(body.get("creatorId").asText()).isEqualTo("u-alice");
        assertThat(OffsetDateTime.parse(body.get("expirationDateTime").asText()).toInstant())
                .isEqualTo(START.plus(Duration.ofMinutes(60)));

        List<Received> validations = hub.validations();
        assertThat(validations).extracting(Received::path)
                .containsExactly("/teams/notifications", "/teams/lifecycle");
        assertThat(validations).allSatisfy(v -> {
            assertThat(v.validationToken()).startsWith("Validation: Testing client application reachability");
            assertThat(v.contentType()).startsWith("text/plain");
            assertThat(v.body()).isEmpty();
        });
        assertThat(graph.validationRequests()).isEqualTo(2);
        assertThat(graph.subscriptions()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(body.get("id").asText());
            assertThat(s.userIds()).containsExactly("u-alice", "u-bob");
            assertThat(s.clientState()).isEqualTo("state-1");
            assertThat(s.deliveringStopped()).isFalse();
        });
        assertThat(graph.requestCount(Endpoint.CREATE_SUBSCRIPTION)).isEqualTo(1);
        assertThat(Endpoint.CREATE_SUBSCRIPTION.countsForPresenceBudget()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Validation.class, names = {"WRONG_TOKEN", "JSON_TYPE", "STATUS_500"})
    void aCreateFailsWhenTheValidationAnswerIsWrong(Validation mode) {
        hub.validation(mode);

        HttpResponse<String> answer = create(ALICE_AND_BOB, START.plus(Duration.ofMinutes(30)), "s");

        assertGraphError(answer, 400, "InvalidRequest");
        assertThat(json(answer.body()).get("error").get("message").asText())
                .startsWith("Subscription validation request failed");
        assertThat(graph.subscriptions()).isEmpty();
    }

    @Test
    void aCreateFailsWhenTheValidationAnswerIsLate() {
        graph.validationTimeout(Duration.ofMillis(300));
        hub.validation(Validation.HANG);

        HttpResponse<String> answer = create(ALICE_AND_BOB, START.plus(Duration.ofMinutes(30)), "s");

        assertGraphError(answer, 400, "InvalidRequest");
        assertThat(json(answer.body()).get("error").get("message").asText()).contains("timed out");
        assertThat(graph.subscriptions()).isEmpty();
    }

    @Test
    void theHandshakeRunsOutsideTheFakesLockSoTheHubMayReadPresenceMeanwhile() {
        graph.validationTimeout(Duration.ofSeconds(3));
        hub.duringValidation(() -> graph.presenceOf("u-alice"));

        assertThat(create(ALICE_AND_BOB, START.plus(Duration.ofMinutes(30)), "s").statusCode()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "single user form           | /communications/presences/u-alice                          | 60 | 201",
            "no leading slash           | communications/presences?$filter=id in ('u-alice', 'u-bob') | 60 | 201",
            "650 ids                    | IDS650                                                     | 60 | 201",
            "651 ids                    | IDS651                                                     | 60 | 400",
            "61 minutes ahead           | " + ALICE_AND_BOB + "                                      | 61 | 400",
            "in the past                | " + ALICE_AND_BOB + "                                      | -1 | 400",
            "not a presence resource    | /users/u-alice                                             | 60 | 400",
    })
    void theCreateRules(String name, String resource, int minutesAhead, int status) {
        String actual = switch (resource) {
            case "IDS650" -> idsResource(650);
            case "IDS651" -> idsResource(651);
            default -> resource;
        };

        HttpResponse<String> answer = create(actual, START.plus(Duration.ofMinutes(minutesAhead)), "s");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(graph.validationRequests()).as("validation only for a create that passed the checks")
                .isEqualTo(status == 201 ? 2 : 0);
    }

    @Test
    void theBodyRulesRefuseOtherChangeTypesLongClientStatesAndMissingUrls() {
        ObjectNode created = body(ALICE_AND_BOB, START.plus(Duration.ofMinutes(30)), "s").put("changeType", "created");
        ObjectNode longState = body(ALICE_AND_BOB, START.plus(Duration.ofMinutes(30)), "x".repeat(129));
        ObjectNode noLifecycle = body(ALICE_AND_BOB, START.plus(Duration.ofMinutes(30)), "s");
        noLifecycle.remove("lifecycleNotificationUrl");

        for (ObjectNode refused : List.of(created, longState, noLifecycle)) {
            assertGraphError(client.call("POST", "/subscriptions", refused.toString(), delegated), 400,
                    "InvalidRequest");
        }
        assertThat(create(ALICE_AND_BOB, START.plus(Duration.ofMinutes(30)), "x".repeat(128)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void anAppOnlyTokenIsRefusedForSubscriptions() {
        String appToken = client.appToken();
        String body = body(ALICE_AND_BOB, START.plus(Duration.ofMinutes(30)), "s").toString();

        assertGraphError(client.call("POST", "/subscriptions", body, appToken), 403, "ExtensionError");
        assertGraphError(client.call("GET", "/subscriptions", null, appToken), 403, "ExtensionError");
        assertThat(hub.validations()).isEmpty();
    }

    // ------------------------------------------------------------------ deliveries

    @Test
    void everyVisibleChangeOfASubscribedUserIsDeliveredWithTheClientState() {
        String id = createdId(ALICE_AND_BOB, "state-1");

        graph.setClientSession("u-alice", "Busy", "InAMeeting");
        graph.setStatusMessage("u-alice", "back at 3");
        graph.setClientSession("u-carol", "Busy", "InACall"); // not subscribed
        graph.setClientSession("u-bob", "Available", "Available");
        graph.setClientSession("u-bob", "Available", "Available"); // no visible change

        await().atMost(Duration.ofSeconds(5)).until(() -> graph.deliveries().size() == 3);
        assertThat(graph.deliveries()).extracting(Delivery::subscriptionId).containsOnly(id);
        assertThat(graph.deliveries()).extracting(Delivery::userId)
                .containsExactlyInAnyOrder("u-alice", "u-alice", "u-bob");
        assertThat(graph.deliveries()).extracting(Delivery::hubStatus).containsOnly(202);
        JsonNode first = hub.notifications().get(0).firstValue();
        assertThat(first.get("subscriptionId").asText()).isEqualTo(id);
        assertThat(first.get("clientState").asText()).isEqualTo("state-1");
        assertThat(first.get("changeType").asText()).isEqualTo("updated");
        assertThat(first.get("tenantId").asText()).isEqualTo(FakeGraph.TENANT_ID);
        assertThat(first.get("resource").asText()).isEqualTo("communications/presences('u-alice')");
        assertThat(first.get("resourceData").get("id").asText()).isEqualTo("u-alice");
        assertThat(OffsetDateTime.parse(first.get("subscriptionExpirationDateTime").asText()).toInstant())
                .isEqualTo(START.plus(Duration.ofMinutes(30)));
    }

    @Test
    void theHubsOwnWritesAndFadesSeenByTheTimersAreDeliveredToo() {
        createdId(ALICE_AND_BOB, "s");
        String setAvailable = "{\"sessionId\":\"" + FakeGraph.CLIENT_ID + "\",\"availability\":\"Available\","
                + "\"activity\":\"Available\",\"expirationDuration\":\"PT1H\"}";
        assertThat(client.call("POST", "/users/u-bob/presence/setPresence", setAvailable, client.appToken())
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> graph.deliveries().size() == 1);

        clock.advance(Duration.ofMinutes(5)); // the app session fades to AvailableInactive
        graph.runTimers();

        await().atMost(Duration.ofSeconds(5)).until(() -> graph.deliveries().size() == 2);
        assertThat(graph.presenceOf("u-bob").pair()).isEqualTo("Available/AvailableInactive");
    }

    @Test
    void nothingIsDeliveredAfterExpiry() {
        String shortLived = createdId("/communications/presences/u-alice", "short", Duration.ofMinutes(10));
        String longLived = createdId("/communications/presences/u-alice", "long", Duration.ofMinutes(60));

        clock.advance(Duration.ofMinutes(10));
        graph.setClientSession("u-alice", "Away", "Away");

        // both would be posted on alice's delivery lane, the expired one first: once the live one is in, it is not
        awaitDeliveryFor(longLived);
        assertThat(graph.deliveries()).extracting(Delivery::subscriptionId).containsExactly(longLived);
        assertThat(graph.subscriptions()).extracting(SubscriptionView::id).containsExactly(longLived);
        assertGraphError(renew(shortLived, Duration.ofMinutes(30)), 404, "ResourceNotFound");
    }

    @Test
    void aSilentlyStoppedSubscriptionStaysListedAndRenewableButDeliversNothing() {
        String stopped = createdId("/communications/presences/u-alice", "stopped", Duration.ofMinutes(30));
        String working = createdId("/communications/presences/u-alice", "working", Duration.ofMinutes(30));

        graph.stopDeliveringSilently(stopped);
        graph.setClientSession("u-alice", "DoNotDisturb", "Presenting");

        awaitDeliveryFor(working);
        assertThat(graph.deliveries()).extracting(Delivery::subscriptionId).containsExactly(working);
        assertThat(renew(stopped, Duration.ofMinutes(45)).statusCode()).isEqualTo(200);
        assertThat(graph.subscriptions()).filteredOn(SubscriptionView::deliveringStopped)
                .extracting(SubscriptionView::id).containsExactly(stopped);
    }

    @Test
    void aRawDeliveryCarriesAnyClientStateAndSubscriptionId() {
        String id = createdId(ALICE_AND_BOB, "right");

        Delivery wrongState = graph.deliver(id, "u-alice", "wrong");
        Delivery unknownId = graph.deliver("no-such-subscription", "u-bob", "right");

        assertThat(wrongState.hubStatus()).isEqualTo(202);
        assertThat(unknownId.hubStatus()).isEqualTo(202);
        assertThat(hub.notifications()).extracting(r -> r.firstValue().get("clientState").asText())
                .containsExactly("wrong", "right");
        assertThat(hub.notifications()).extracting(r -> r.firstValue().get("subscriptionId").asText())
                .containsExactly(id, "no-such-subscription");
        assertThat(graph.deliveries()).containsExactly(wrongState, unknownId);
        graph.resetCounters();
        assertThat(graph.deliveries()).isEmpty();
        assertThat(graph.validationRequests()).isZero();
    }

    // ------------------------------------------------------------------ renew, remove, list, lifecycle

    @Test
    void patchRenewsAndARemovedSubscriptionIsNotFound() {
        String id = createdId(ALICE_AND_BOB, "s");
        clock.advance(Duration.ofMinutes(20));

        HttpResponse<String> renewed = renew(id, Duration.ofMinutes(60));
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(json(renewed.body()).get("expirationDateTime").asText()).toInstant())
                .isEqualTo(START.plus(Duration.ofMinutes(80)));
        assertThat(graph.subscriptions().get(0).expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(80)));
        assertGraphError(renew(id, Duration.ofMinutes(61)), 400, "InvalidRequest");

        graph.removeSubscription(id);

        assertGraphError(renew(id, Duration.ofMinutes(30)), 404, "ResourceNotFound");
        assertGraphError(client.call("GET", "/subscriptions/" + id, null, delegated), 404, "ResourceNotFound");
        assertThat(graph.subscriptions()).isEmpty();
        assertThat(graph.requestCount(Endpoint.RENEW_SUBSCRIPTION)).isEqualTo(3);
    }

    @Test
    void getListsAndDeleteRemoves() {
        String first = createdId(ALICE_AND_BOB, "a");
        String second = createdId("/communications/presences/u-carol", "b");

        JsonNode list = json(client.call("GET", "/subscriptions", null, delegated).body());
        assertThat(list.get("value")).extracting(s -> s.get("id").asText()).containsExactly(first, second);
        assertThat(client.call("GET", "/subscriptions/" + second, null, delegated).statusCode()).isEqualTo(200);

        assertThat(client.call("DELETE", "/subscriptions/" + first, null, delegated).statusCode()).isEqualTo(204);
        assertGraphError(client.call("DELETE", "/subscriptions/" + first, null, delegated), 404, "ResourceNotFound");
        assertThat(graph.subscriptions()).extracting(SubscriptionView::id).containsExactly(second);
        assertThat(graph.requestCount(Endpoint.LIST_SUBSCRIPTIONS)).isEqualTo(1);
        assertThat(graph.requestCount(Endpoint.GET_SUBSCRIPTION)).isEqualTo(1);
        assertThat(graph.requestCount(Endpoint.DELETE_SUBSCRIPTION)).isEqualTo(2);
    }

    @Test
    void lifecycleEventsArePostedToTheLifecycleUrlAndSubscriptionRemovedRemoves() {
        String id = createdId(ALICE_AND_BOB, "state-1");

        graph.sendLifecycle(id, "reauthorizationRequired");
        graph.sendLifecycle(id, "missed");
        assertThat(graph.subscriptions()).hasSize(1);
        graph.sendLifecycle(id, "subscriptionRemoved");

        assertThat(hub.lifecycleNotifications()).extracting(r -> r.firstValue().get("lifecycleEvent").asText())
                .containsExactly("reauthorizationRequired", "missed", "subscriptionRemoved");
        JsonNode event = hub.lifecycleNotifications().get(0).firstValue();
        assertThat(event.get("subscriptionId").asText()).isEqualTo(id);
        assertThat(event.get("clientState").asText()).isEqualTo("state-1");
        assertThat(event.get("resource").asText()).isEqualTo(ALICE_AND_BOB);
        assertThat(event.get("tenantId").asText()).isEqualTo(FakeGraph.TENANT_ID);
        assertThat(event.get("organizationId").asText()).isEqualTo(FakeGraph.TENANT_ID);
        assertThat(event.has("subscriptionExpirationDateTime")).isTrue();
        assertThat(graph.lifecycleDeliveries()).extracting(FakeGraph.LifecycleDelivery::hubStatus)
                .containsExactly(202, 202, 202);
        assertThat(graph.subscriptions()).isEmpty();
        assertGraphError(renew(id, Duration.ofMinutes(30)), 404, "ResourceNotFound");
    }

    // ------------------------------------------------------------------ helpers

    private void awaitDeliveryFor(String subscriptionId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> graph.deliveries().stream()
                .anyMatch(d -> d.subscriptionId().equals(subscriptionId)));
    }

    private String createdId(String resource, String clientState) {
        return createdId(resource, clientState, Duration.ofMinutes(30));
    }

    private String createdId(String resource, String clientState, Duration lifetime) {
        HttpResponse<String> answer = create(resource, clock.instant().plus(lifetime), clientState);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer.body()).get("id").asText();
    }

    private HttpResponse<String> create(String resource, Instant expiry, String clientState) {
        return client.call("POST", "/subscriptions", body(resource, expiry, clientState).toString(), delegated);
    }

    private HttpResponse<String> renew(String id, Duration ahead) {
        String body = "{\"expirationDateTime\":\"" + clock.instant().plus(ahead) + "\"}";
        return client.call("PATCH", "/subscriptions/" + id, body, delegated);
    }

    private ObjectNode body(String resource, Instant expiry, String clientState) {
        return JsonNodeFactory.instance.objectNode()
                .put("changeType", "updated")
                .put("notificationUrl", hub.notificationUrl())
                .put("lifecycleNotificationUrl", hub.lifecycleUrl())
                .put("resource", resource)
                .put("expirationDateTime", expiry.toString())
                .put("clientState", clientState);
    }

    private static String idsResource(int count) {
        return "/communications/presences?$filter=id in (" + IntStream.range(0, count)
                .mapToObj(i -> "'id-" + i + "'").collect(Collectors.joining(",")) + ")";
    }
}
