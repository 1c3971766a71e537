package io.presencehub.asterisk;

import io.presencehub.calls.DeviceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of "which Setvar DEVICE_STATE the hub owes Asterisk now" for its own Custom devices: what Asterisk holds
 * (listed after a login, reported live, or written), the latest value wanted per device (coalesced), the write
 * being sent per device, and the values Asterisk refused (not retried until the wanted value changes). Nothing is due
 * between a login and the hand-over of its device list. Pure bookkeeping, no I/O and no locking:
 * {@link AsteriskDeviceWriter} owns one and guards it.
 */
final class DeviceOwedWrites {

    private final Map<String, DeviceState> held = new HashMap<>();
    private final Map<String, DeviceState> wanted = new LinkedHashMap<>();
    private final Map<String, DeviceState> sending = new HashMap<>();
    private final Map<String, DeviceState> refused = new HashMap<>();
    private boolean ready;

    /**
     * The hub wants the device to show {@code want}; null: nothing (the hub does not know, Asterisk's value stands).
     * Owed only when Asterisk will not show it anyway; a device Asterisk holds no state for is not in use.
     */
    void want(String device, DeviceState want) {
        DeviceState refusedValue = refused.get(device);
        if (refusedValue != null && refusedValue != want) {
            refused.remove(device);
        }
        DeviceState willHold = sending.getOrDefault(device, held.getOrDefault(device, DeviceState.UNKNOWN));
        boolean shown = willHold == want || want == DeviceState.NOT_INUSE && willHold == DeviceState.UNKNOWN;
        if (want == null || shown || want == refused.get(device)) {
            wanted.remove(device);
        } else {
            wanted.put(device, want);
        }
    }

    /** Asterisk reported the device's state (a DeviceStateChange of its own or of the hub's write). */
    void reported(String device, DeviceState state) {
        held.put(device, state);
    }

    /** After a login: Asterisk holds exactly these states now (a device it does not list has none). */
    void listed(Map<String, DeviceState> states) {
        held.clear();
        held.putAll(states);
    }

    /** A login is coming: nothing is due until its device list has been taken into account. */
    void pause() {
        ready = false;
    }

    void resume() {
        ready = true;
    }

    /** The writes due now (none while paused, none for a device whose previous write is unanswered). */
    List<DeviceWrite> due() {
        List<DeviceWrite> due = new ArrayList<>();
        if (!ready) {
            return due;
        }
        for (var owed : List.copyOf(wanted.entrySet())) {
            if (!sending.containsKey(owed.getKey())) {
                wanted.remove(owed.getKey());
                sending.put(owed.getKey(), owed.getValue());
                due.add(new DeviceWrite(owed.getKey(), owed.getValue()));
            }
        }
        return due;
    }

    /**
     * Asterisk's answer to a write handed out by {@link #due}. WRITTEN: Asterisk holds it. NOT_CONNECTED: owed again
     * (unless a newer value is), writing pauses until the next login's list. FAILED: refused, not retried.
     *
     * @return true if this value was refused for the first time (worth one log line)
     */
    boolean answered(DeviceWrite write, AsteriskWriteOutcome.Result result) {
        sending.remove(write.device(), write.state());
        switch (result) {
            case WRITTEN -> held.put(write.device(), write.state());
            case NOT_CONNECTED -> {
                ready = false;
                wanted.putIfAbsent(write.device(), write.state());
            }
            case FAILED -> {
                return refused.put(write.device(), write.state()) != write.state();
            }
        }
        return false;
    }

    /** Every device the hub knows something of (held, wanted or being written), sorted. */
    Set<String> known() {
        Set<String> all = new TreeSet<>(held.keySet());
        all.addAll(wanted.keySet());
        all.addAll(sending.keySet());
        return all;
    }

    /** Devices Asterisk holds (or is being set) INUSE. */
    List<String> inUse() {
        return known().stream().filter(d -> sending.getOrDefault(d, held.get(d)) == DeviceState.INUSE).toList();
    }

    /** Writes owed or unanswered. */
    int size() {
        return wanted.size() + sending.size();
    }
}
