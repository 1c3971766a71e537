package io.presencehub.asterisk;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the admin page shows about the AMI link, counted at its edge ({@link AsteriskLink}): when the current login's
 * snapshot was handed over, how many logins followed the first, the events of the last minute, and the last error the
 * supervisor reported (kept after the link is back). Counting an event is two array writes, no lock.
 */
final class AmiLinkStats {

    private static final int SECONDS = 60;
    /** One slot more than the window: the second being counted never overwrites the oldest one still averaged. */
    private static final int SLOTS = SECONDS + 1;

    private final Clock clock;
    /** Events per second of the last minute, by second modulo 61; {@link #stamps} says which second a slot counts. */
    private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
    private final AtomicLongArray stamps = new AtomicLongArray(SLOTS);
    private volatile Instant loggedInAt;
    private volatile long logins;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    AmiLinkStats(Clock clock) {
        this.clock = clock;
    }

    /** One event from Asterisk (a presence or device report), on asterisk-java's event thread. */
    void event() {
        long second = clock.millis() / 1000;
        int slot = (int) (second % SLOTS);
        if (stamps.get(slot) != second) {
            // the first event of this second on the one event thread: the slot held a second over a minute old
            stamps.set(slot, second);
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** A login's snapshot was handed over: the link is up from now. */
    void loggedIn() {
        loggedInAt = clock.instant();
        logins++;
    }

    /** Before a login attempt: the supervisor's reason for the previous attempt's end, if it was an error. */
    void loginAttempt(String error) {
        if (error != null && !error.equals("connecting") && !error.equals("not started") && !error.equals("stopped")) {
            lastError = error;
            lastErrorAt = clock.instant();
        }
    }

    /** Events per second, averaged over the last full minute. */
    double eventsPerSecond() {
        long now = clock.millis() / 1000;
        long total = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            long stamp = stamps.get(slot);
            if (stamp < now && stamp >= now - SECONDS) {
                total += counts.get(slot);
            }
        }
        return total / (double) SECONDS;
    }

    Instant loggedInAt() {
        return loggedInAt;
    }

    /** Logins after the first one. */
    long reconnects() {
        return Math.max(0, logins - 1);
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }
}
