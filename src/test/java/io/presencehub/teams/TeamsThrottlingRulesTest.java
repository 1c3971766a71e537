package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request budget (sliding window, Retry-After pause) and the retry policy (fractional Retry-After, jitter). */
class TeamsThrottlingRulesTest {

    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-03-02T08:00:00Z"));

    /** Takes a request that Graph answers at once; false when the budget has no room. */
    private static boolean answeredAtOnce(RequestBudget budget) {
        RequestBudget.Ticket ticket = budget.tryTake();
        if (ticket == null) {
            return false;
        }
        ticket.done();
        return true;
    }

    @Test
    void budgetAllowsTheLimitPerSlidingWindowAndNoMore() {
        RequestBudget budget = new RequestBudget(1500, Duration.ofSeconds(30), clock);
        for (int i = 0; i < 1500; i++) {
            assertThat(answeredAtOnce(budget)).isTrue();
            if (i % 100 == 0) {
                clock.advance(Duration.ofMillis(10));
            }
        }
        assertThat(answeredAtOnce(budget)).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(budget.available()).isLessThan(1500); // not all left yet: the window keeps a safety margin
        clock.advance(RequestBudget.SAFETY_MARGIN.plusSeconds(1));
        assertThat(budget.available()).isEqualTo(1500);
    }

    @Test
    void aRequestLeavesTheWindowAWindowAfterItsAnswerNotAfterItWasQueued() {
        RequestBudget budget = new RequestBudget(2, Duration.ofSeconds(30), clock);
        RequestBudget.Ticket slow = budget.tryTake();
        assertThat(answeredAtOnce(budget)).isTrue();
        clock.advance(Duration.ofSeconds(20));
        slow.done(); // answered 20 s after it was queued: Graph counted it late
        clock.advance(Duration.ofSeconds(11));
        assertThat(budget.available()).isZero();
        clock.advance(Duration.ofSeconds(20));
        assertThat(budget.available()).isEqualTo(2);
    }

    @Test
    void aTicketNeverAnsweredStopsCountingOnceItsAnswerCannotCome() {
        RequestBudget budget = new RequestBudget(1, Duration.ofSeconds(30), clock);
        assertThat(budget.tryTake()).isNotNull();
        clock.advance(RequestBudget.LOST_AFTER.plusSeconds(31));
        assertThat(budget.available()).isEqualTo(1);
    }

    @Test
    void writesLeaveTheReserveForPolls() {
        RequestBudget budget = new RequestBudget(10, Duration.ofSeconds(30), clock);
        for (int i = 0; i < 7; i++) {
            assertThat(budget.tryTake(3)).isNotNull();
        }
        assertThat(budget.tryTake(3)).isNull();
        assertThat(budget.tryTake()).isNotNull();
    }

    @Test
    void retryAfterPausesEveryRequest() {
        RequestBudget budget = new RequestBudget(1500, Duration.ofSeconds(30), clock);
        budget.pauseUntil(clock.instant().plusMillis(2128));
        assertThat(answeredAtOnce(budget)).isFalse();
        clock.advance(Duration.ofMillis(2128));
        assertThat(answeredAtOnce(budget)).isTrue();
    }

    @ParameterizedTest(name = "Retry-After {0}")
    @CsvSource({"2.128, 2128", "0.0004, 1", "3, 3000", "0, 0"})
    void retryAfterSecondsMayBeFractional(String header, long millis) {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.5, clock);
        assertThat(policy.delay(1, header)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.5, clock);
        assertThat(policy.delay(1, "Mon, 02 Mar 2026 08:00:05 GMT")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withoutRetryAfterTheWaitDoublesWithJitterUpToTheCap() {
        RetryPolicy low = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0, clock);
        RetryPolicy high = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0, clock);
        assertThat(low.delay(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.delay(1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(high.delay(3, "junk")).isEqualTo(Duration.ofSeconds(4));
        assertThat(high.delay(30, null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(low.delay(30, null)).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "HTTP {0} retryable: {1}")
    @CsvSource({"429, true", "503, true", "504, true", "500, true", "401, true", "400, false", "403, false",
        "404, false"})
    void onlyOutagesAreRetried(int status, boolean retryable) {
        assertThat(RetryPolicy.isRetryable(new GraphOutcome.Answered(status, null, null))).isEqualTo(retryable);
    }

    @Test
    void noAnswerAndNoTokenAreRetriedAndOnlyA429PausesEveryone() {
        assertThat(RetryPolicy.isRetryable(new GraphOutcome.NoAnswer("Graph unreachable"))).isTrue();
        assertThat(RetryPolicy.isRetryable(new GraphOutcome.NoToken("AADSTS7000215 invalid client secret"))).isTrue();
        assertThat(RetryPolicy.pausesEveryone(new GraphOutcome.Answered(429, null, "1"))).isTrue();
        assertThat(RetryPolicy.pausesEveryone(new GraphOutcome.Answered(503, null, "1"))).isFalse();
        assertThat(RetryPolicy.pausesEveryone(new GraphOutcome.NoAnswer("Graph unreachable"))).isFalse();
    }

    @Test
    void graphsErrorCodeIsReadFromTheJsonNotSearchedInTheText() {
        String body = "{\"error\":{\"message\":\"says \\\"code\\\": \\\"Fake\\\"\",\"code\":\"Forbidden\"}}";
        assertThat(new GraphOutcome.Answered(403, body, null).describe()).isEqualTo("HTTP 403 Forbidden");
        assertThat(new GraphOutcome.Answered(403, body, null).error().orElseThrow().message())
                .isEqualTo("says \"code\": \"Fake\"");
        assertThat(new GraphOutcome.Answered(502, "<html>bad gateway</html>", null).describe()).isEqualTo("HTTP 502");
        assertThat(new GraphOutcome.NoToken("AADSTS700016 unknown app").describe())
                .isEqualTo("AADSTS700016 unknown app");
    }
}
