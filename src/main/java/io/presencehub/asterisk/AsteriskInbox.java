package io.presencehub.asterisk;

import io.presencehub.metrics.HubMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coalescing step between the AMI link and the routes. Takes Asterisk's presence reports in Asterisk's order
 * (never blocking the thread that offers them), classifies each against the hub's own writes (echo, stale or a real
 * change) while the order is still known, and hands them over one at a time to whoever asks ({@link AmiConsumer}
 * in the hub). Reports for one presentity that pile up are coalesced: only the latest is handed over, so a burst
 * costs one decision per presentity, not one per event. A snapshot is a barrier: nothing is coalesced across it.
 */
public final class AsteriskInbox {

    private static final Logger LOG = LoggerFactory.getLogger(AsteriskInbox.class);

    /** How a report relates to the hub's own writes. */
    public enum Echo {
        /** Not caused by the hub: may decide. */
        NONE,
        /** The report of one of the hub's writes: refreshes the observation, never decides. */
        ECHO,
        /** A value from before a write of the hub that Asterisk has not reported yet: that write will overtake it. */
        STALE
    }

    /** What the inbox hands over: one live report, or the list after a (re)connect. */
    public sealed interface Report permits Item, Snapshot {
    }

    /** One report, with the time the hub received it. */
    public record Item(AsteriskPresence presence, Instant observedAt, Echo echo) implements Report {
    }

    /** Everything Asterisk listed after a (re)connect; presentities not in it are not set. */
    public record Snapshot(List<Item> items, Instant observedAt) implements Report, Queued {
    }

    /** What waits in the queue, in Asterisk's order: a presentity whose latest report waits, or a snapshot. */
    private sealed interface Queued permits Marker, Snapshot {
    }

    private final AsteriskEchoes echoes;
    private final Clock clock;
    private final Predicate<String> writePending;
    private volatile Runnable onIdle = () -> { };
    private volatile HubMetrics metrics = HubMetrics.off();
    /** Snapshots offered so far (each login's reader thread may be another one). */
    private final AtomicLong snapshots = new AtomicLong();
    /** In order: a marker per presentity with a report waiting (its latest report is in {@link #latest}), and snapshots. */
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private volatile Map<String, Item> latest = new ConcurrentHashMap<>();

    /**
     * @param writePending whether the hub still has a write to the presentity in flight or queued: an unanswered
     *                     write that is not is one whose echo was lost with the previous link
     */
    public AsteriskInbox(AsteriskEchoes echoes, Clock clock, Predicate<String> writePending) {
        this.echoes = echoes;
        this.clock = clock;
        this.writePending = writePending;
    }

    /** A live PresenceStateChange; called on one thread, in Asterisk's order. Never blocks. */
    public void offer(AsteriskPresence presence) {
        metrics.amiPresenceEvents(1);
        Item item = new Item(presence, clock.instant(), classify(presence));
        Map<String, Item> current = latest;
        if (current.put(presence.presentity(), item) == null) {
            queue.add(new Marker(current, presence.presentity()));
        }
    }

    /** A PresenceStateList result; called on the same thread as {@link #offer}. */
    public void offerSnapshot(List<AsteriskPresence> presences) {
        // a snapshot follows every login: any after the first is a reconnect
        if (snapshots.getAndIncrement() > 0) {
            metrics.amiReconnected();
        }
        metrics.amiPresenceEvents(presences.size());
        Instant now = clock.instant();
        List<Item> items = new ArrayList<>(presences.size());
        for (AsteriskPresence presence : presences) {
            items.add(new Item(presence, now, classifyListed(presence)));
        }
        latest = new ConcurrentHashMap<>();
        queue.add(new Snapshot(List.copyOf(items), now));
    }

    /**
     * A listed presence is what Asterisk holds now. One that differs from an unanswered write the hub no longer
     * has in flight means that write's report was lost with the old link (Asterisk accepted it, then the phone
     * changed): that write is forgotten, so neither this nor later reports are taken for older than it.
     */
    private Echo classifyListed(AsteriskPresence presence) {
        Echo echo = classify(presence);
        if (echo == Echo.STALE && !writePending.test(presence.presentity())) {
            echoes.clear(presence.presentity());
            return Echo.NONE;
        }
        return echo;
    }

    private Echo classify(AsteriskPresence presence) {
        if (echoes.isEcho(presence)) {
            metrics.echoSuppressed(HubMetrics.World.ASTERISK);
            return Echo.ECHO;
        }
        return echoes.awaitsEcho(presence.presentity()) ? Echo.STALE : Echo.NONE;
    }

    /** Counts the presence events taken in, the logins after the first and the echoes in these meters. */
    public void measureWith(HubMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs whenever everything queued has been handed over (e.g. to flush batched writes). */
    public void onIdle(Runnable action) {
        this.onIdle = action;
    }

    /**
     * Hands the next report to {@code deliver}, waiting at most {@code wait} for one, and runs the idle action once
     * nothing else is queued. Called from one thread at a time.
     *
     * @return whether a report was handed over
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean handOver(Consumer<Report> deliver, Duration wait) throws InterruptedException {
        Queued next = wait.isZero() ? queue.poll() : queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
            return false;
        }
        // a marker whose report a snapshot replaced meanwhile has nothing left to hand over
        Report report = next instanceof Marker marker ? marker.map().remove(marker.presentity()) : (Snapshot) next;
        if (report != null) {
            deliver.accept(report);
        }
        if (queue.isEmpty()) {
            idle();
        }
        return true;
    }

    /** Runs the idle action (also when the consumer stops). */
    public void idle() {
        try {
            onIdle.run();
        } catch (RuntimeException e) {
            LOG.error("Asterisk inbox idle task failed", e);
        }
    }

    private record Marker(Map<String, Item> map, String presentity) implements Queued {
    }
}
