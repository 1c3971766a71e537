package io.presencehub.asterisk;

import io.presencehub.calls.DeviceState;
import io.presencehub.metrics.HubMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The coalescing step between the AMI link and route {@code asterisk-devices-in}, the pattern of
 * {@link AsteriskInbox}: takes Asterisk's device states in Asterisk's order without ever blocking the AMI reader,
 * keeps only the latest state per device while it waits, and hands everything waiting over in as few reports as the
 * order allows: the changes before a listing in one report, the listing, the changes after it in another. A burst
 * of changes therefore costs one call-state update, not one per event.
 */
public final class AsteriskDeviceInbox implements DeviceReports {

    /** What the inbox hands over. */
    public sealed interface Report permits Changes, Listing {
    }

    /** Live changes, the latest state per device, in the order the devices first changed. */
    public record Changes(Map<String, DeviceState> states) implements Report {
    }

    /** The DeviceStateList after a login: everything Asterisk holds; a device missing from it has no state. */
    public record Listing(Map<String, DeviceState> states) implements Report, Queued {
    }

    /** What waits in the queue, in Asterisk's order: a device whose latest state waits, or a listing. */
    private sealed interface Queued permits Marker, Listing {
    }

    private record Marker(Map<String, DeviceState> map, String device) implements Queued {
    }

    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private volatile Map<String, DeviceState> latest = new ConcurrentHashMap<>();
    private volatile HubMetrics metrics = HubMetrics.off();

    /** Counts the device state events taken in (live and listed) in these meters. */
    public void measureWith(HubMetrics metrics) {
        this.metrics = metrics;
    }

    /** A live DeviceStateChange; AMI event thread. Never blocks. */
    @Override
    public void changed(String device, DeviceState state) {
        metrics.amiDeviceEvents(1);
        Map<String, DeviceState> current = latest;
        if (current.put(device, state) == null) {
            queue.add(new Marker(current, device));
        }
    }

    /** A DeviceStateList; same thread as {@link #changed}. Changes still waiting are older: the listing replaces them. */
    @Override
    public void listed(Map<String, DeviceState> devices) {
        metrics.amiDeviceEvents(devices.size());
        Map<String, DeviceState> older = latest;
        latest = new ConcurrentHashMap<>();
        older.clear();
        queue.add(new Listing(Map.copyOf(devices)));
    }

    /**
     * Hands everything waiting to {@code deliver}, waiting at most {@code wait} for something. Called from one thread.
     *
     * @return whether anything was waiting
     */
    public boolean handOver(Consumer<Report> deliver, Duration wait) throws InterruptedException {
        Queued first = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return false;
        }
        List<Queued> waiting = new ArrayList<>();
        waiting.add(first);
        queue.drainTo(waiting);
        Map<String, DeviceState> changes = new LinkedHashMap<>();
        for (Queued queued : waiting) {
            if (queued instanceof Marker marker) {
                // null when a listing replaced it meanwhile: nothing left to hand over
                DeviceState state = marker.map().remove(marker.device());
                if (state != null) {
                    changes.put(marker.device(), state);
                }
            } else {
                changes = flush(changes, deliver);
                deliver.accept((Listing) queued);
            }
        }
        flush(changes, deliver);
        return true;
    }

    private static Map<String, DeviceState> flush(Map<String, DeviceState> changes, Consumer<Report> deliver) {
        if (!changes.isEmpty()) {
            deliver.accept(new Changes(Map.copyOf(changes)));
        }
        return new LinkedHashMap<>();
    }
}
