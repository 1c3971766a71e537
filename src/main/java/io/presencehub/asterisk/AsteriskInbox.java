package io.presencehub.asterisk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes Asterisk's presence reports in Asterisk's order, classifies each against the hub's own
 * writes (echo, stale or a real change) while the order is still known, and hands them to the
 * owner on a thread of its own. Reports for one presentity that pile up are coalesced: only the
 * latest is handed over, so a burst costs one decision per presentity, not one per event. A
 * snapshot is a barrier: nothing is coalesced across it.
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

    /** One report, with the time the hub received it. */
    public record Item(AsteriskPresence presence, Instant observedAt, Echo echo) {
    }

    /** Everything Asterisk listed after a (re)connect; presentities not in it are not set. */
    public record Snapshot(List<Item> items, Instant observedAt) {
    }

    private final AsteriskEchoes echoes;
    private final Clock clock;
    private final Consumer<Item> onItem;
    private final Consumer<Snapshot> onSnapshot;
    private final Predicate<String> writePending;
    private volatile Runnable onIdle = () -> { };
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile Map<String, Item> latest = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread worker;

    /**
     * @param writePending whether the hub still has a write to the presentity in flight or queued: an unanswered
     *                     write that is not is one whose echo was lost with the previous link
     */
    public AsteriskInbox(AsteriskEchoes echoes, Clock clock, Consumer<Item> onItem, Consumer<Snapshot> onSnapshot,
                         Predicate<String> writePending) {
        this.echoes = echoes;
        this.clock = clock;
        this.onItem = onItem;
        this.onSnapshot = onSnapshot;
        this.writePending = writePending;
    }

    /** A live PresenceStateChange; called on one thread, in Asterisk's order. Never blocks. */
    public void offer(AsteriskPresence presence) {
        received.incrementAndGet();
        Item item = new Item(presence, clock.instant(), classify(presence));
        Map<String, Item> current = latest;
        if (current.put(presence.presentity(), item) == null) {
            queue.add(new Marker(current, presence.presentity()));
        }
    }

    /** A PresenceStateList result; called on the same thread as {@link #offer}. */
    public void offerSnapshot(List<AsteriskPresence> presences) {
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
            return Echo.ECHO;
        }
        return echoes.awaitsEcho(presence.presentity()) ? Echo.STALE : Echo.NONE;
    }

    /** Called on the inbox thread whenever it has handed over everything queued (e.g. to flush batched writes). */
    public void onIdle(Runnable action) {
        this.onIdle = action;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::drain, "asterisk-inbox");
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    /** Reports received and reports handed over (coalesced ones are never handed over). */
    public long received() {
        return received.get();
    }

    public long delivered() {
        return delivered.get();
    }

    private void drain() {
        while (running) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            handle(next);
            if (queue.isEmpty()) {
                runIdle();
            }
        }
        runIdle();
    }

    private void runIdle() {
        try {
            onIdle.run();
        } catch (RuntimeException e) {
            LOG.error("Asterisk inbox idle task failed", e);
        }
    }

    /** Hands over everything queued on the calling thread (tests that run without the worker). */
    int drainNow() {
        int handled = 0;
        Object next;
        while ((next = queue.poll()) != null) {
            handle(next);
            handled++;
        }
        runIdle();
        return handled;
    }

    private void handle(Object next) {
        {
            try {
                if (next instanceof Marker marker) {
                    Item item = marker.map().remove(marker.presentity());
                    if (item != null) {
                        delivered.incrementAndGet();
                        onItem.accept(item);
                    }
                } else if (next instanceof Snapshot snapshot) {
                    onSnapshot.accept(snapshot);
                }
            } catch (RuntimeException e) {
                LOG.error("Asterisk presence report {} could not be handled", next, e);
            }
        }
    }

    private record Marker(Map<String, Item> map, String presentity) {
    }
}
