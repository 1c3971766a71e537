package io.presencehub.teams.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.teams.FakeClock;
import io.presencehub.teams.GraphAnswer;
import io.presencehub.teams.GraphCall;
import io.presencehub.teams.GraphOutcome;
import io.presencehub.teams.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PushSubscriptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-12-06T10:00:00Z"));
    private final StubDelegatedTokens tokens = new StubDelegatedTokens();
    private List<String> wanted = ids(0, 700);
    private final PushSettings settings = new PushSettings("https://hub.example.com/", Duration.ofSeconds(60),
            Duration.ofMillis(100));
    private final PushSubscriptions subscriptions = new PushSubscriptions(tokens, () -> wanted,
            new SubscriptionRequests("https://graph.test/v1.0", settings), RetryPolicy.standard(clock), clock);
    private int created;

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "id-" + i).toList();
    }

    private static JsonNode body(GraphCall call) throws Exception {
        return JSON.readTree(call.body());
    }

    private static GraphAnswer answer(GraphCall call, int status, String body) {
        return new GraphAnswer(call, new GraphOutcome.Answered(status, body, null));
    }

    /** Answers every create with 201 and a new id; returns the ids. */
    private List<String> createAll(List<GraphCall> calls) throws Exception {
        List<String> ids = new ArrayList<>();
        for (GraphCall call : calls) {
            assertThat(call.method()).isEqualTo("POST");
            String id = "sub-" + (++created);
            String expiry = body(call).path("expirationDateTime").asText();
            subscriptions.onAnswer(answer(call, 201, "{\"id\":\"" + id + "\",\"expirationDateTime\":\"" + expiry + "\"}"));
            ids.add(id);
        }
        return ids;
    }

    @org.junit.jupiter.api.BeforeEach
    void nothingLeftByAnEarlierRun() {
        EarlierRun.left(subscriptions);
    }

    @Test
    void withoutSignInThereAreNoSubscriptionsAndEveryoneIsPolled() {
        tokens.signedIn = false;

        assertThat(subscriptions.dueCalls()).isEmpty();
        assertThat(subscriptions.pushes("id-1")).isFalse();
    }

    @Test
    void sevenHundredUsersGetTwoSubscriptionsWithTheirOwnClientStateAndAtMostAnHourAhead() throws Exception {
        List<GraphCall> calls = subscriptions.dueCalls();

        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.purpose()).isEqualTo(GraphCall.Purpose.SUBSCRIPTION);
            assertThat(call.delegated()).isTrue();
            assertThat(call.url()).isEqualTo("https://graph.test/v1.0/subscriptions");
        });
        JsonNode first = body(calls.get(0));
        JsonNode second = body(calls.get(1));
        assertThat(first.path("changeType").asText()).isEqualTo("updated");
        assertThat(first.path("notificationUrl").asText()).isEqualTo("https://hub.example.com/teams/notifications");
        assertThat(first.path("lifecycleNotificationUrl").asText()).isEqualTo("https://hub.example.com/teams/lifecycle");
        assertThat(first.path("resource").asText()).startsWith("/communications/presences?$filter=id in ('id-0','id-1',");
        assertThat(first.path("resource").asText().split(",")).hasSize(650);
        assertThat(second.path("resource").asText().split(",")).hasSize(50);
        assertThat(first.path("clientState").asText()).hasSizeBetween(32, 128)
                .isNotEqualTo(second.path("clientState").asText());
        Instant expiry = Instant.parse(first.path("expirationDateTime").asText());
        assertThat(expiry).isAfter(clock.instant()).isBeforeOrEqualTo(clock.instant().plus(Duration.ofMinutes(60)));
        assertThat(subscriptions.dueCalls()).as("one call per chunk at a time").isEmpty();
        List<Collection<String>> readAtOnce = new ArrayList<>();
        subscriptions.readsWith(readAtOnce::add);

        createAll(calls);

        assertThat(readAtOnce).as("each new subscription's users are read once: baseline and changes before it")
                .extracting(Collection::size).containsExactly(650, 50);

        assertThat(subscriptions.pushes("id-0")).isTrue();
        assertThat(subscriptions.pushes("id-699")).isTrue();
        assertThat(subscriptions.state().healthy()).isEqualTo(2);
        assertThat(subscriptions.state().earliestExpiry()).contains(expiry);
        assertThat(subscriptions.dueCalls()).isEmpty();
    }

    @Test
    void onlyTheRightClientStateOfAKnownSubscriptionIsAccepted() throws Exception {
        List<GraphCall> calls = subscriptions.dueCalls();
        String clientState = body(calls.get(0)).path("clientState").asText();
        String id = createAll(calls).get(0);

        assertThat(subscriptions.accepted(id, clientState)).hasValueSatisfying(users -> assertThat(users).hasSize(650));
        assertThat(subscriptions.accepted(id, clientState + "x")).isEmpty();
        assertThat(subscriptions.accepted(id, null)).isEmpty();
        assertThat(subscriptions.accepted("sub-unknown", clientState)).isEmpty();
        assertThat(subscriptions.accepted(null, clientState)).isEmpty();
    }

    @Test
    void whatStrangersSendIsLoggedOnceBoundedAndNeverAsItIs() throws Exception {
        List<GraphCall> calls = subscriptions.dueCalls();
        String id = createAll(calls).get(0);

        for (int i = 0; i < 3000; i++) {
            subscriptions.accepted("x".repeat(100_000) + i, "state");
            subscriptions.accepted("unknown-" + i, "state");
            subscriptions.accepted("forged\nINFO line " + i, "state");
        }
        subscriptions.accepted(id, "wrong");
        subscriptions.accepted(id, "wrong again");

        assertThat(subscriptions.reported()).hasSizeLessThanOrEqualTo(1001)
                .allSatisfy(entry -> assertThat(entry).hasSizeLessThan(100).doesNotContain("\n"))
                .contains("(malformed or missing id) unknown subscription", id + " wrong clientState");
    }

    @Test
    void aSubscriptionIsRenewedWellBeforeItExpiresAndA404MakesANewOne() throws Exception {
        String id = createAll(subscriptions.dueCalls()).get(0);
        clock.advance(Duration.ofMinutes(39));
        assertThat(subscriptions.dueCalls()).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        List<GraphCall> renewals = subscriptions.dueCalls();
        assertThat(renewals).hasSize(2).allSatisfy(call -> assertThat(call.method()).isEqualTo("PATCH"));
        GraphCall renewal = renewals.stream().filter(call -> call.url().endsWith("/" + id)).findFirst().orElseThrow();
        Instant asked = Instant.parse(body(renewal).path("expirationDateTime").asText());
        assertThat(asked).isAfter(clock.instant().plus(Duration.ofMinutes(50)));
        subscriptions.onAnswer(answer(renewal, 200, "{\"id\":\"" + id + "\",\"expirationDateTime\":\"" + asked + "\"}"));
        assertThat(subscriptions.state().earliestExpiry()).isPresent();

        GraphCall other = renewals.stream().filter(call -> call != renewal).findFirst().orElseThrow();
        subscriptions.onAnswer(answer(other, 404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"gone\"}}"));
        assertThat(subscriptions.state().healthy()).isEqualTo(1);
        List<GraphCall> again = subscriptions.dueCalls();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).method()).isEqualTo("POST");
    }

    @Test
    void aRefusedCreateIsRetriedAfterABackOffAndItsUsersArePolledMeanwhile() throws Exception {
        List<GraphCall> calls = subscriptions.dueCalls();
        subscriptions.onAnswer(answer(calls.get(0), 403,
                "{\"error\":{\"code\":\"ExtensionError\",\"message\":\"Forbidden\"}}"));
        createAll(List.of(calls.get(1)));

        assertThat(subscriptions.pushes("id-0")).isFalse();
        assertThat(subscriptions.pushes("id-699")).isTrue();
        assertThat(subscriptions.state().failures()).singleElement().asString().contains("403");
        assertThat(subscriptions.dueCalls()).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        assertThat(subscriptions.dueCalls()).singleElement()
                .satisfies(call -> assertThat(call.method()).isEqualTo("POST"));
    }

    @Test
    void lifecycleEventsRenewRecreateAndRead() throws Exception {
        List<String> ids = createAll(subscriptions.dueCalls());
        List<Collection<String>> readAtOnce = new ArrayList<>();
        subscriptions.readsWith(readAtOnce::add);

        subscriptions.lifecycle(ids.get(0), "reauthorizationRequired");
        assertThat(tokens.invalidated).isEmpty();
        assertThat(subscriptions.dueCalls()).singleElement()
                .satisfies(call -> assertThat(call.url()).endsWith("/" + ids.get(0)))
                .satisfies(call -> assertThat(call.method()).isEqualTo("PATCH"));
        assertThat(tokens.invalidated).as("the renewal goes with a fresh token").containsExactly("delegated-token-1");

        subscriptions.lifecycle(ids.get(1), "subscriptionRemoved");
        assertThat(subscriptions.pushes("id-699")).isFalse();
        assertThat(subscriptions.dueCalls()).singleElement()
                .satisfies(call -> assertThat(call.method()).isEqualTo("POST"));

        subscriptions.lifecycle(ids.get(0), "missed");
        assertThat(readAtOnce).singleElement().satisfies(users -> assertThat(users).hasSize(650).contains("id-0"));
    }

    @Test
    void aDirectoryChangeReplacesOnlyTheChunkItTouches() throws Exception {
        List<String> ids = createAll(subscriptions.dueCalls());
        wanted = new ArrayList<>(ids(0, 700));
        wanted.add("newcomer");

        List<GraphCall> calls = subscriptions.dueCalls();

        assertThat(calls).extracting(GraphCall::method).containsExactlyInAnyOrder("POST", "DELETE");
        assertThat(calls).filteredOn(call -> call.method().equals("DELETE")).singleElement()
                .satisfies(call -> assertThat(call.url()).endsWith("/" + ids.get(1)));
        assertThat(body(calls.stream().filter(c -> c.method().equals("POST")).findFirst().orElseThrow())
                .path("resource").asText()).contains("'newcomer'");
        assertThat(subscriptions.pushes("id-0")).isTrue();
        assertThat(subscriptions.pushes("newcomer")).isFalse();
        assertThat(subscriptions.accepted(ids.get(1), "anything")).isEmpty();
    }

    @Test
    void aCreateAnsweredAfterItsChunkChangedIsDeletedAgain() throws Exception {
        List<GraphCall> calls = subscriptions.dueCalls();
        wanted = ids(0, 650);
        assertThat(subscriptions.dueCalls()).isEmpty();

        createAll(calls);

        assertThat(subscriptions.dueCalls()).singleElement()
                .satisfies(call -> assertThat(call.method()).isEqualTo("DELETE"))
                .satisfies(call -> assertThat(call.url()).endsWith("/sub-2"));
        assertThat(subscriptions.state().chunks()).isEqualTo(1);
    }

    @Test
    void subscriptionsAnEarlierRunLeftForThisHubAreDeletedOthersKept() {
        PushSubscriptions restarted = new PushSubscriptions(tokens, () -> wanted,
                new SubscriptionRequests("https://graph.test/v1.0", settings), RetryPolicy.standard(clock), clock);
        EarlierRun.left(restarted, "{\"id\":\"old-1\",\"notificationUrl\":\"https://hub.example.com/teams/notifications\"}",
                "{\"id\":\"other-app\",\"notificationUrl\":\"https://elsewhere.example.com/hook\"}");

        List<GraphCall> calls = restarted.dueCalls();

        assertThat(calls).filteredOn(call -> call.method().equals("DELETE")).singleElement()
                .satisfies(call -> assertThat(call.url()).endsWith("/subscriptions/old-1"));
        assertThat(calls).filteredOn(call -> call.method().equals("POST")).hasSize(2);
    }

    @Test
    void aFailedListIsAskedAgainAfterABackOffAndAfterThreeFailuresCreatesGoAhead() {
        PushSubscriptions restarted = new PushSubscriptions(tokens, () -> wanted,
                new SubscriptionRequests("https://graph.test/v1.0", settings), RetryPolicy.standard(clock), clock);
        for (int failure = 1; failure <= LeftoverSubscriptions.MAX_FAILURES; failure++) {
            GraphCall list = restarted.dueCalls().get(0);
            assertThat(list.method()).isEqualTo("GET");
            restarted.onAnswer(answer(list, 503, "{\"error\":{\"code\":\"serviceNotAvailable\"}}"));
            if (failure < LeftoverSubscriptions.MAX_FAILURES) {
                assertThat(restarted.dueCalls()).as("no create before the list was read").isEmpty();
                clock.advance(Duration.ofMinutes(5));
            }
        }
        assertThat(restarted.dueCalls()).hasSize(2).allSatisfy(call -> assertThat(call.method()).isEqualTo("POST"));
    }

    @Test
    void everyPageOfTheListIsReadAndWhatAnEarlierRunLeftOnItDeleted() {
        PushSubscriptions restarted = new PushSubscriptions(tokens, () -> wanted,
                new SubscriptionRequests("https://graph.test/v1.0", settings), RetryPolicy.standard(clock), clock);
        GraphCall first = restarted.dueCalls().get(0);
        restarted.onAnswer(answer(first, 200, "{\"value\":[{\"id\":\"old-1\",\"notificationUrl\":"
                + "\"https://hub.example.com/teams/notifications\"}],\"@odata.nextLink\":"
                + "\"https://graph.test/v1.0/subscriptions?$skiptoken=2\"}"));
        GraphCall second = restarted.dueCalls().get(0);
        assertThat(second.url()).isEqualTo("https://graph.test/v1.0/subscriptions?$skiptoken=2");
        restarted.onAnswer(answer(second, 200, "{\"value\":[{\"id\":\"old-2\",\"notificationUrl\":"
                + "\"https://hub.example.com/teams/notifications\"}]}"));

        assertThat(restarted.dueCalls()).filteredOn(call -> call.method().equals("DELETE"))
                .extracting(GraphCall::url).containsExactlyInAnyOrder("https://graph.test/v1.0/subscriptions/old-1",
                        "https://graph.test/v1.0/subscriptions/old-2");
    }

    @Test
    void aCreateThatTakesLongerThanTheGraceCountsAsNotWorking() {
        subscriptions.dueCalls(); // both creates on their way, no answer yet

        assertThat(subscriptions.state().failures()).isEmpty();
        assertThat(subscriptions.state().describe()).isEqualTo("0 of 2 subscriptions working; 2 being created");

        clock.advance(PushSubscriptions.CREATE_GRACE.plusSeconds(1));
        assertThat(subscriptions.state().failures()).hasSize(2)
                .allSatisfy(failure -> assertThat(failure).startsWith("no subscription for"));
    }

    @Test
    void aLostSignInDropsTheSubscriptionsAndASignInStartsAgain() throws Exception {
        createAll(subscriptions.dueCalls());
        tokens.signedIn = false;

        assertThat(subscriptions.dueCalls()).isEmpty();
        assertThat(subscriptions.pushes("id-0")).isFalse();

        tokens.signedIn = true;
        EarlierRun.left(subscriptions);
        assertThat(subscriptions.dueCalls()).hasSize(2);
        assertThat(Set.copyOf(subscriptions.state().failures())).isEmpty();
    }
}
