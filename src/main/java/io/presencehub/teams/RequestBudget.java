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
 * <p>Graph counts a request when it arrives, which may be well after the hub decided to send it (a poll cycle sends
 * its chunks one after another). So each request holds a {@link Ticket} that counts as "now" until its answer
 * arrives, and from then on with the answer's time: the hub's window never empties before Graph's does. A small
 * margin covers the way back.
 */
public final class RequestBudget {

    static final Duration SAFETY_MARGIN = Duration.ofMillis(250);
    /** Longer than any request can take (connect 10 s + response 30 s, twice with a 401 retry). */
    static final Duration LOST_AFTER = Duration.ofMinutes(2);

    /** One request in the window; {@link #done()} when its answer (or failure) arrived. */
    public final class Ticket {
        private final Instant takenAt;
        private Instant doneAt;

        private Ticket(Instant takenAt) {
            this.takenAt = takenAt;
        }

        public void done() {
            synchronized (RequestBudget.this) {
                if (doneAt == null) {
                    doneAt = clock.instant();
                }
            }
        }
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Deque<Ticket> sent = new ArrayDeque<>();
    private Instant pausedUntil = Instant.MIN;

    public RequestBudget(int limit, Duration window, Clock clock) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Teams request budget must be positive, was " + limit);
        }
        this.limit = limit;
        this.window = window.plus(SAFETY_MARGIN);
        this.clock = clock;
    }

    /** A ticket if the window has room and no Retry-After pause runs; null otherwise. */
    public Ticket tryTake() {
        return tryTake(0);
    }

    /** A ticket only if, after taking it, at least {@code reserve} requests stay available (kept for polls). */
    public synchronized Ticket tryTake(int reserve) {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return null;
        }
        expire(now);
        if (sent.size() + Math.max(0, reserve) >= limit) {
            return null;
        }
        Ticket ticket = new Ticket(now);
        sent.addLast(ticket);
        return ticket;
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

    /** How many requests count in the window now (sent, or answered less than a window ago). */
    public synchronized int inUse() {
        expire(clock.instant());
        return sent.size();
    }

    /** Graph said "Retry-After": no presence request leaves before {@code until}. */
    public synchronized void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    public int limit() {
        return limit;
    }

    /**
     * Drops requests answered longer than a window ago; an unanswered one keeps everything after it (conservative),
     * unless it is so old that its answer can no longer come (a lost ticket must not block the budget for good).
     */
    private void expire(Instant now) {
        Instant oldestKept = now.minus(window);
        while (!sent.isEmpty()) {
            Ticket head = sent.peekFirst();
            Instant counted = head.doneAt != null ? head.doneAt : head.takenAt.plus(LOST_AFTER);
            if (counted.isAfter(oldestKept)) {
                return;
            }
            sent.removeFirst();
        }
    }
}
