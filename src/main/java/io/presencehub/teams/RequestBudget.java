package io.presencehub.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The presence request budget Graph grants one app (1500 requests per 30 s), as a sliding window shared by polls and
 * writes, plus the pause a 429's Retry-After imposes on every presence request.
 *
 * <p>The window is kept a little longer than Graph's, because Graph counts a request when it arrives, which is after
 * the hub counted it: without the margin a request sent exactly one window later could still meet the old one there.
 */
public final class RequestBudget {

    static final Duration SAFETY_MARGIN = Duration.ofMillis(500);

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private Instant pausedUntil = Instant.MIN;

    public RequestBudget(int limit, Duration window, Clock clock) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Teams request budget must be positive, was " + limit);
        }
        this.limit = limit;
        this.window = window.plus(SAFETY_MARGIN);
        this.clock = clock;
    }

    /** Takes one request from the budget if the window has room and no Retry-After pause is running. */
    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return false;
        }
        expire(now);
        if (sent.size() >= limit) {
            return false;
        }
        sent.addLast(now);
        return true;
    }

    /** How many requests could be sent right now. */
    public synchronized int available() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return 0;
        }
        expire(now);
        return limit - sent.size();
    }

    /** Graph said "Retry-After": no presence request leaves before {@code until}. */
    public synchronized void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    public synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    public int limit() {
        return limit;
    }

    private void expire(Instant now) {
        Instant oldestKept = now.minus(window);
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(oldestKept)) {
            sent.removeFirst();
        }
    }
}
