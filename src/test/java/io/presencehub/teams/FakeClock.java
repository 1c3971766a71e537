package io.presencehub.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests can move forward. Frozen, it stands still between {@link #advance} calls (exact arithmetic);
 * ticking, it runs with real time and {@link #advance} jumps ahead on top (for tests where the code under test waits
 * in real time, e.g. for a Retry-After).
 */
public final class FakeClock extends Clock {

    private final Instant base;
    private final boolean ticking;
    private final long startNanos = System.nanoTime();
    private final AtomicLong offsetNanos = new AtomicLong();

    private FakeClock(Instant base, boolean ticking) {
        this.base = base;
        this.ticking = ticking;
    }

    /** A clock standing still at {@code start} until advanced. */
    public static FakeClock frozenAt(Instant start) {
        return new FakeClock(start, false);
    }

    /** A clock standing still at the current second until advanced. */
    public static FakeClock frozen() {
        return frozenAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** A clock running with real time from now, which can also jump ahead. */
    public static FakeClock ticking() {
        return new FakeClock(Instant.now(), true);
    }

    public void advance(Duration by) {
        offsetNanos.addAndGet(by.toNanos());
    }

    @Override
    public Instant instant() {
        long elapsed = ticking ? System.nanoTime() - startNanos : 0;
        return base.plusNanos(elapsed + offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("FakeClock is always UTC");
    }
}
