package io.presencehub.bench;

import io.presencehub.testing.LineClient;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongPredicate;

/**
 * A status-interface client reading every event on its own thread and timing each expected status change: from the
 * moment the benchmark made it (in the fake Graph) to its {@code ExtensionStatusUpdatedEvent}, matched by extension
 * number and status. One change per extension may be outstanding at a time.
 */
final class StatusEventTimings implements AutoCloseable {

    private static final String PREFIX = "ExtensionStatusUpdatedEvent@#HQ@#Sales@#";

    /** A change whose event has not arrived yet. */
    private record Expected(int step, String status, long changedNanos) {
    }

    private final LineClient client;
    private final Map<Integer, Expected> expected = new ConcurrentHashMap<>();
    /** Per step: nanoseconds from change to event, 0 while it has not arrived. */
    private final AtomicLongArray latencies;
    /** Per step: when the change was made ({@link System#nanoTime()}). */
    private final AtomicLongArray changed;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();
    private volatile String firstUnexpected = "";
    private final Thread reader;

    StatusEventTimings(int statusPort, int steps) {
        this.client = new LineClient(statusPort);
        this.latencies = new AtomicLongArray(steps);
        this.changed = new AtomicLongArray(steps);
        this.reader = new Thread(this::read, "bench-status-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Called just before the change is made: its event may arrive before the call that makes it returns. */
    void expect(int step, int number, String status, long changedNanos) {
        changed.set(step, changedNanos);
        expected.put(number, new Expected(step, status, changedNanos));
    }

    /** Sorted latencies (ns) of the changes {@code from} (inclusive) to {@code to} (exclusive) that arrived. */
    List<Long> sorted(int from, int to) {
        return sorted(from, to, changedNanos -> true);
    }

    /** The same, of the changes made at a time that {@code when} accepts. */
    List<Long> sorted(int from, int to, LongPredicate when) {
        List<Long> sorted = new ArrayList<>();
        for (int step = from; step < to; step++) {
            long latency = latencies.get(step);
            if (latency > 0 && when.test(changed.get(step))) {
                sorted.add(latency);
            }
        }
        Collections.sort(sorted);
        return sorted;
    }

    /** When the change of a step was made, and nanoseconds to its event (0: none arrived). */
    long changedAt(int step) {
        return changed.get(step);
    }

    long latency(int step) {
        return latencies.get(step);
    }

    int arrived() {
        return arrived.get();
    }

    /** Lines that were no awaited status change (another event, a repeated or wrong status). */
    int unexpected() {
        return unexpected.get();
    }

    String firstUnexpected() {
        return firstUnexpected;
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String line = client.readLine();
                onLine(line, System.nanoTime());
            }
        } catch (UncheckedIOException e) {
            // closed at the end of the run (or silent for 30 s, which the arrival count shows)
        }
    }

    private void onLine(String line, long nanos) {
        String[] parts = line.startsWith(PREFIX) ? line.substring(PREFIX.length()).split("@#", 2) : new String[0];
        if (parts.length == 2 && parts[0].matches("\\d{1,9}")) {
            int number = Integer.parseInt(parts[0]);
            Expected change = expected.get(number);
            if (change != null && change.status().equals(parts[1]) && expected.remove(number, change)) {
                latencies.set(change.step(), Math.max(1, nanos - change.changedNanos()));
                arrived.incrementAndGet();
                return;
            }
        }
        if (unexpected.getAndIncrement() == 0) {
            firstUnexpected = line;
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        client.close();
    }
}
