package io.presencehub.teams.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.teams.FakeClock;
import io.presencehub.teams.GraphAnswer;
import io.presencehub.teams.GraphCall;
import io.presencehub.teams.GraphOutcome;
import io.presencehub.teams.GraphRequests;
import io.presencehub.teams.RequestBudget;
import io.presencehub.teams.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The notified reads (chunks of 650 within the budget) and the reconciling poll beside push. */
class PushReadsAndPollTest {

    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-12-06T10:00:00Z"));
    private final GraphRequests requests = new GraphRequests("https://graph.test/v1.0", "client", Duration.ofHours(1));

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "id-" + i).toList();
    }

    @Test
    void notifiedUsersAreReadOnceEachInChunksOf650WithinTheBudget() {
        RequestBudget budget = new RequestBudget(2, Duration.ofSeconds(30), clock);
        PushReads reads = new PushReads(requests, budget, RetryPolicy.standard(clock), clock, answer -> { });
        reads.notified(ids(0, 1000));
        reads.notified(ids(900, 1500));

        List<GraphCall> calls = reads.dueCalls();

        assertThat(calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.purpose()).isEqualTo(GraphCall.Purpose.POLL);
            assertThat(call.url()).endsWith("/communications/getPresencesByUserId");
            assertThat(call.ticket()).isNotNull();
        });
        assertThat(calls.get(0).body().split(",")).hasSize(650);
        assertThat(reads.pendingCount()).as("the budget's rest waits").isEqualTo(200);
        assertThat(reads.dueCalls()).isEmpty();

        calls.forEach(call -> call.ticket().done());
        clock.advance(Duration.ofSeconds(31));
        assertThat(reads.dueCalls()).singleElement()
                .satisfies(call -> assertThat(call.body()).contains("\"id-1499\""));
        assertThat(reads.pendingCount()).isZero();
    }

    @Test
    void aFailedReadIsAskedAgainAfterABackOffAndEveryAnswerReachesThePoller() {
        List<GraphAnswer> toThePoller = new java.util.ArrayList<>();
        PushReads reads = new PushReads(requests, new RequestBudget(100, Duration.ofSeconds(30), clock),
                RetryPolicy.standard(clock), clock, toThePoller::add);
        reads.notified(List.of("id-1", "id-2"));
        GraphCall read = reads.dueCalls().get(0);

        reads.onAnswer(new GraphAnswer(read, new GraphOutcome.Answered(503, "{}", "2")));

        assertThat(toThePoller).hasSize(1);
        assertThat(reads.pendingCount()).isEqualTo(2);
        assertThat(reads.dueCalls()).as("Retry-After: 2 s").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        GraphCall again = reads.dueCalls().get(0);
        assertThat(again.body()).contains("\"id-1\"", "\"id-2\"");

        reads.onAnswer(new GraphAnswer(again, new GraphOutcome.Answered(200, "{\"value\":[]}", null)));
        assertThat(toThePoller).hasSize(2);
        assertThat(reads.pendingCount()).isZero();
    }

    @Test
    void pushedUsersArePolledOnlyWhenTheReconcileIsDueOthersEveryCycle() throws Exception {
        StubDelegatedTokens tokens = new StubDelegatedTokens();
        PushSubscriptions subscriptions = new PushSubscriptions(tokens, () -> ids(0, 700),
                new SubscriptionRequests("https://graph.test/v1.0", new PushSettings("https://hub.example.com",
                        Duration.ofSeconds(60), Duration.ofMillis(100))), RetryPolicy.standard(clock), clock);
        ReconcilingPoll poll = new ReconcilingPoll(subscriptions, Duration.ofSeconds(60), clock);
        EarlierRun.left(subscriptions);
        List<GraphCall> creates = subscriptions.dueCalls();
        subscriptions.onAnswer(new GraphAnswer(creates.get(0), new GraphOutcome.Answered(201,
                "{\"id\":\"sub-1\"}", null)));
        subscriptions.onAnswer(new GraphAnswer(creates.get(1), new GraphOutcome.Answered(500, "{}", null)));

        assertThat(poll.due(ids(0, 700))).as("the failed chunk only").containsExactlyElementsOf(ids(650, 700));
        assertThat(poll.pushed("id-1")).isTrue();
        assertThat(poll.pushed("id-699")).isFalse();

        clock.advance(Duration.ofSeconds(60));
        assertThat(poll.due(ids(0, 700))).as("the reconcile reads everyone").hasSize(700);
        clock.advance(Duration.ofSeconds(10));
        assertThat(poll.due(ids(0, 700))).hasSize(50);
    }
}
