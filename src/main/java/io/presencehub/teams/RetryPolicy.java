package io.presencehub.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed Graph request again: after Graph's {@code Retry-After} (seconds, possibly fractional, or an
 * HTTP date) when it sends one, else after an exponential back-off with jitter. Only outages are retried.
 */
public final class RetryPolicy {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;
    private final Clock clock;

    public RetryPolicy(Duration base, Duration max, DoubleSupplier random, Clock clock) {
        this.base = base;
        this.max = max;
        this.random = random;
        this.clock = clock;
    }

    /** 1 s doubling up to 60 s, with jitter from {@link Math#random()}. */
    public static RetryPolicy standard(Clock clock) {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), Math::random, clock);
    }

    /**
     * Throttling, outages, gateway errors, network failures and a failed login are worth another try (a 401 too:
     * the answer processor already retried it once with a fresh token).
     */
    public static boolean isRetryable(GraphOutcome outcome) {
        if (outcome instanceof GraphOutcome.Answered answered) {
            int status = answered.status();
            return status == 401 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
        }
        return true;
    }

    /** Whether every presence request must wait, not just this one (the app is throttled). */
    public static boolean pausesEveryone(GraphOutcome outcome) {
        return outcome.is(429);
    }

    /**
     * The wait before attempt number {@code attempt + 1}, {@code attempt} counting from 1: Retry-After if given,
     * else a random wait between half and all of {@code base * 2^(attempt-1)}, capped at the maximum.
     */
    public Duration delay(int attempt, String retryAfter) {
        Optional<Duration> told = parseRetryAfter(retryAfter);
        if (told.isPresent()) {
            return told.get();
        }
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
        long jittered = cap / 2 + Math.round(random.getAsDouble() * (cap - cap / 2));
        return Duration.ofMillis(Math.max(1, jittered));
    }

    /** Retry-After as seconds ({@code 2.128}) or as an HTTP date; empty when absent or unreadable. */
    public Optional<Duration> parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return Optional.empty();
            }
            // round up: waiting a millisecond too long is harmless, too short is throttled again and still counts
            return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
