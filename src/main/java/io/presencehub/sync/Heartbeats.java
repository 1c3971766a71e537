package io.presencehub.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's own threads, each beating while it runs: the status server's event loops, the
 * directory reload. A thread that died (an error escaped it) or hangs (e.g. waiting for memory)
 * stops beating, and the health check {@code hub} turns DOWN naming it.
 */
public final class Heartbeats {

    private record Beat(Duration period, long lastNanos) {
    }

    private final Duration maxSilence;
    private final Map<String, Beat> beats = new ConcurrentHashMap<>();

    /** @param maxSilence how much longer than its period a thread may stay silent before it counts as stuck */
    public Heartbeats(Duration maxSilence) {
        this.maxSilence = maxSilence;
    }

    /** Records that {@code name} ran just now; it runs again every {@code period}. */
    public void beat(String name, Duration period) {
        beats.put(name, new Beat(period, System.nanoTime()));
    }

    /** Stops watching {@code name} (its thread ended on purpose). */
    public void forget(String name) {
        beats.remove(name);
    }

    /** What has not beaten in time, as readable lines, sorted; empty while everything runs. */
    public List<String> overdue() {
        long now = System.nanoTime();
        List<String> late = new ArrayList<>();
        beats.forEach((name, beat) -> {
            long silentMillis = Duration.ofNanos(now - beat.lastNanos()).toMillis();
            if (silentMillis > beat.period().plus(maxSilence).toMillis()) {
                late.add(name + " has not run for " + silentMillis + " ms (stuck or dead)");
            }
        });
        late.sort(null);
        return late;
    }
}
