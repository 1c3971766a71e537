package io.presencehub.asterisk;

import io.presencehub.calls.DeviceState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    /** Per device, the states of the hub's writes whose DeviceStateChange has not come back yet, oldest first. */
    private final Map<String, Deque<DeviceState>> echoes = new HashMap<>();
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

    /**
     * Asterisk reported the device's state. The report of one of the hub's own writes may arrive after the answer to
     * a later write (answers and reports are read on different threads), so it is recognised as an echo and ignored;
     * anything else is what Asterisk holds now.
     *
     * @return true if the report was not the hub's own echo (someone else set the device)
     */
    boolean reported(String device, DeviceState state) {
        Deque<DeviceState> expected = echoes.get(device);
        if (expected != null && !expected.isEmpty()) {
            if (expected.peekFirst() == state) {
                expected.pollFirst();
                return false;
            }
            expected.clear(); // an echo Asterisk did not send (the state was already there): expect nothing older
        }
        held.put(device, state);
        return true;
    }

    /** After a login: Asterisk holds exactly these states now (a device it does not list has none). */
    void listed(Map<String, DeviceState> states) {
        held.clear();
        held.putAll(states);
        echoes.clear();
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
                echoes.computeIfAbsent(owed.getKey(), d -> new ArrayDeque<>()).addLast(owed.getValue());
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
        if (result != AsteriskWriteOutcome.Result.WRITTEN) {
            echoes.getOrDefault(write.device(), new ArrayDeque<>()).removeLastOccurrence(write.state());
        }
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

    /** Whether the hub knows anything of the device (held, wanted or being written). */
    boolean knows(String device) {
        return held.containsKey(device) || wanted.containsKey(device) || sending.containsKey(device);
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
