package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.teams.TeamsWriteRules.AfterAnswer;
import io.presencehub.teams.TeamsWriteRules.Owed;
import io.presencehub.teams.TeamsWriteRules.Verdict;
import io.presencehub.teams.TeamsWriteRules.Writing;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pure writing rules, case by case: what a user is owed at a given time (coalescing, retry timing, rejected and
 * moved accounts, renewal a tenth of the lifetime before the end), what an answer means (Retry-After, back-off, a 429
 * pausing everyone, 403 every 5 minutes, 400 rejected) and the part of the budget writes leave to the polls.
 */
class TeamsWriteRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(4);
    private static final FakeClock CLOCK = FakeClock.frozenAt(NOW);
    private static final TeamsWriteRules RULES = new TeamsWriteRules(
            new TeamsSessionResolver(TeamsSessionMapper.defaults(), true), TeamsWriteResolver.forExpiration(LIFETIME),
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0, CLOCK), LIFETIME);

    private static final TeamsTarget DND = new TeamsTarget(Optional.of(SessionPair.BUSY_IN_A_CALL), null);
    private static final TeamsTarget AWAY = new TeamsTarget(Optional.of(SessionPair.AWAY), null);
    private static final TeamsTarget AVAILABLE = new TeamsTarget(Optional.empty(), null);
    private static final TeamsTarget.StatusMessage LUNCH = new TeamsTarget.StatusMessage("Lunch", null);
    private static final TeamsTarget AWAY_LUNCH = new TeamsTarget(Optional.of(SessionPair.AWAY), LUNCH);
    private static final Optional<String> G1 = Optional.of("g-1");

    private static TeamsHeld session(SessionPair pair, Duration sinceSet) {
        return TeamsHeld.NOTHING.withSession(pair, NOW.minus(sinceSet).plus(LIFETIME));
    }

    private static Writing wants(TeamsTarget target) {
        return new Writing(target, TeamsHeld.NOTHING, null, false, Instant.MIN, null);
    }

    private static Writing wants(TeamsTarget target, TeamsHeld held) {
        return new Writing(target, held, "g-1", false, Instant.MIN, null);
    }

    private static Owed send(String account, TeamsWrite write) {
        return new Owed.Send(account, write);
    }

    static Stream<Arguments> owed() {
        Owed nothing = new Owed.Nothing();
        Owed later = new Owed.Later();
        return Stream.of(
                Arguments.of("no target yet", new Writing(null, TeamsHeld.NOTHING, null, false, Instant.MIN, null),
                        G1, nothing),
                Arguments.of("dnd wanted, nothing held", wants(DND), G1, send("g-1", TeamsWrite.set(
                        SessionPair.BUSY_IN_A_CALL))),
                Arguments.of("coalesced: dnd then away, only away is written", wants(AWAY), G1,
                        send("g-1", TeamsWrite.set(SessionPair.AWAY))),
                Arguments.of("away wanted, dnd held", wants(AWAY, session(SessionPair.BUSY_IN_A_CALL,
                        Duration.ZERO)), G1, send("g-1", TeamsWrite.set(SessionPair.AWAY))),
                Arguments.of("available wanted, session held: clear", wants(AVAILABLE, session(SessionPair.AWAY,
                        Duration.ZERO)), G1, send("g-1", TeamsWrite.clear())),
                Arguments.of("session done, message owed next", wants(AWAY_LUNCH, session(SessionPair.AWAY,
                        Duration.ZERO)), G1, send("g-1", TeamsWrite.message(LUNCH))),
                Arguments.of("everything held", wants(AWAY_LUNCH, session(SessionPair.AWAY, Duration.ZERO)
                        .withMessage(LUNCH)), G1, nothing),
                Arguments.of("one write in flight", new Writing(DND, TeamsHeld.NOTHING, null, true, Instant.MIN,
                        null), G1, later),
                Arguments.of("Retry-After not over yet", new Writing(DND, TeamsHeld.NOTHING, null, false,
                        NOW.plusMillis(1), null), G1, later),
                Arguments.of("Retry-After over", new Writing(DND, TeamsHeld.NOTHING, null, false, NOW, null), G1,
                        send("g-1", TeamsWrite.set(SessionPair.BUSY_IN_A_CALL))),
                Arguments.of("target rejected (400)", new Writing(DND, TeamsHeld.NOTHING, null, false, Instant.MIN,
                        DND), G1, nothing),
                Arguments.of("rejected target replaced by the next change", new Writing(AWAY, TeamsHeld.NOTHING, null,
                        false, Instant.MIN, DND), G1, send("g-1", TeamsWrite.set(SessionPair.AWAY))),
                Arguments.of("no Microsoft 365 user", wants(DND), Optional.empty(), nothing),
                Arguments.of("e-mail moved to another account: end the session on the old one",
                        wants(DND, session(SessionPair.BUSY_IN_A_CALL, Duration.ZERO)), Optional.of("g-2"),
                        send("g-1", TeamsWrite.clear())),
                Arguments.of("e-mail gone: end the session on the old account",
                        wants(DND, session(SessionPair.BUSY_IN_A_CALL, Duration.ZERO)), Optional.empty(),
                        send("g-1", TeamsWrite.clear())),
                Arguments.of("new account holds nothing yet", new Writing(DND, TeamsHeld.NOTHING, "g-1", false,
                        Instant.MIN, null), Optional.of("g-2"), send("g-2", TeamsWrite.set(
                        SessionPair.BUSY_IN_A_CALL))),
                Arguments.of("renewal: 215 of 240 min gone, not yet (a tenth = 24 min before the end)",
                        wants(DND, session(SessionPair.BUSY_IN_A_CALL, Duration.ofMinutes(215))), G1, nothing),
                Arguments.of("renewal: 216 of 240 min gone, renewed",
                        wants(DND, session(SessionPair.BUSY_IN_A_CALL, Duration.ofMinutes(216))), G1,
                        send("g-1", TeamsWrite.set(SessionPair.BUSY_IN_A_CALL))),
                Arguments.of("renewal of a session no longer wanted: cleared instead",
                        wants(AVAILABLE, session(SessionPair.BUSY_IN_A_CALL, Duration.ofMinutes(230))), G1,
                        send("g-1", TeamsWrite.clear())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void owed(String situation, Writing writing, Optional<String> graphId, Owed expected) {
        assertThat(RULES.owed(writing, graphId, NOW)).isEqualTo(expected);
    }

    static Stream<Arguments> afterAnswer() {
        TeamsWrite set = TeamsWrite.set(SessionPair.AWAY);
        TeamsWrite clear = TeamsWrite.clear();
        Duration zero = Duration.ZERO;
        return Stream.of(
                Arguments.of("setPresence 200", set, answered(200, null), 1,
                        new AfterAnswer(Verdict.ACCEPTED, zero, false, true)),
                Arguments.of("clearPresence 404: the session is gone, done", clear, answered(404, null), 1,
                        new AfterAnswer(Verdict.ACCEPTED, zero, false, true)),
                Arguments.of("setPresence 404: rejected", set, answered(404, null), 1,
                        new AfterAnswer(Verdict.REJECTED, zero, false, false)),
                Arguments.of("400: rejected until the user's state changes", set, answered(400, null), 1,
                        new AfterAnswer(Verdict.REJECTED, zero, false, false)),
                Arguments.of("429 Retry-After 2.128: waits 2128 ms and pauses every presence request", set,
                        answered(429, "2.128"), 1, new AfterAnswer(Verdict.RETRY, Duration.ofMillis(2128), true,
                                false)),
                Arguments.of("503 without Retry-After, first attempt: 1 s", set, answered(503, null), 1,
                        new AfterAnswer(Verdict.RETRY, Duration.ofSeconds(1), false, true)),
                Arguments.of("504, second attempt: 2 s", set, answered(504, null), 2,
                        new AfterAnswer(Verdict.RETRY, Duration.ofSeconds(2), false, true)),
                Arguments.of("503 with Retry-After 7: 7 s", set, answered(503, "7"), 5,
                        new AfterAnswer(Verdict.RETRY, Duration.ofSeconds(7), false, true)),
                Arguments.of("no answer, third attempt: 4 s, may have been applied", set,
                        new GraphOutcome.NoAnswer("Graph unreachable"), 3,
                        new AfterAnswer(Verdict.RETRY, Duration.ofSeconds(4), false, true)),
                Arguments.of("no token: retried, changed nothing", set,
                        new GraphOutcome.NoToken("AADSTS7000215 invalid client secret"), 1,
                        new AfterAnswer(Verdict.RETRY, Duration.ofSeconds(1), false, false)),
                Arguments.of("401 after the fresh-token retry: retried", set, answered(401, null), 1,
                        new AfterAnswer(Verdict.RETRY, Duration.ofSeconds(1), false, false)),
                Arguments.of("403: owed, tried again every 5 minutes", set, answered(403, null), 1,
                        new AfterAnswer(Verdict.FORBIDDEN, Duration.ofMinutes(5), false, false)),
                Arguments.of("403 again, tenth attempt: still 5 minutes", clear, answered(403, null), 10,
                        new AfterAnswer(Verdict.FORBIDDEN, Duration.ofMinutes(5), false, false)));
    }

    private static GraphOutcome answered(int status, String retryAfter) {
        return new GraphOutcome.Answered(status, null, retryAfter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void afterAnswer(String situation, TeamsWrite write, GraphOutcome outcome, int attempts, AfterAnswer expected) {
        assertThat(RULES.afterAnswer(write, outcome, attempts)).isEqualTo(expected);
    }

    static Stream<Arguments> pollReserve() {
        return Stream.of(
                Arguments.of("10,000 users polled every 3 s: 16 requests x 11 cycles", 10_000, "PT3S", 176),
                Arguments.of("10,000 users polled every 10 s: 16 x 4", 10_000, "PT10S", 64),
                Arguments.of("650 users every 10 s: 1 x 4", 650, "PT10S", 4),
                Arguments.of("651 users every 10 s: 2 x 4", 651, "PT10S", 8),
                Arguments.of("no users: all of the budget for writes", 0, "PT10S", 0),
                Arguments.of("100,000 users every second: at most half the budget", 100_000, "PT1S", 750));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void pollReserve(String situation, int users, String pollInterval, int reserved) {
        assertThat(TeamsWriteRules.pollReserve(users, Duration.parse(pollInterval), Duration.ofSeconds(30), 1500))
                .isEqualTo(reserved);
    }

    static Stream<Arguments> heldAfter() {
        TeamsHeld away = session(SessionPair.AWAY, Duration.ofHours(1)).withMessage(LUNCH);
        return Stream.of(
                Arguments.of("set: the session ends a lifetime after it was sent", TeamsHeld.NOTHING,
                        TeamsWrite.set(SessionPair.BUSY_IN_A_CALL),
                        TeamsHeld.NOTHING.withSession(SessionPair.BUSY_IN_A_CALL, NOW.plus(LIFETIME))),
                Arguments.of("clear keeps the message", away, TeamsWrite.clear(),
                        TeamsHeld.NOTHING.withMessage(LUNCH)),
                Arguments.of("message keeps the session", session(SessionPair.AWAY, Duration.ZERO),
                        TeamsWrite.message(LUNCH), session(SessionPair.AWAY, Duration.ZERO).withMessage(LUNCH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void heldAfter(String situation, TeamsHeld before, TeamsWrite write, TeamsHeld expected) {
        assertThat(RULES.heldAfter(before, write, NOW)).isEqualTo(expected);
    }
}
