package io.presencehub.asterisk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The device states of {@link FakeAsterisk}, as transcript 13 recorded them: kept across a stop/start (astdb),
 * {@code Setvar DEVICE_STATE(Custom:x)} validated like Asterisk (only Custom devices, only its nine states), and each
 * change reported as {@code DeviceStateChange} plus an {@code ExtensionStatus} for every hint whose status it changes.
 * Callers hold the fake's presence lock, so every client sees changes and lists in one order.
 */
final class FakeDevices {

    static final Set<String> STATES = Set.of("UNKNOWN", "NOT_INUSE", "INUSE", "BUSY", "INVALID", "UNAVAILABLE",
            "RINGING", "RINGINUSE", "ONHOLD");

    private final Map<String, String> states = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> setvars = new ConcurrentHashMap<>();
    private final Map<String, String> lastSetvarValues = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> setvarListener;

    /** Sets a state without events (what astdb held before the test). */
    synchronized void seed(String device, String state) {
        states.put(device, state);
    }

    synchronized Optional<String> state(String device) {
        return Optional.ofNullable(states.get(device));
    }

    synchronized Map<String, String> all() {
        return new LinkedHashMap<>(states);
    }

    int setvarCount(String device) {
        AtomicInteger count = setvars.get(device);
        return count == null ? 0 : count.get();
    }

    Optional<String> lastSetvarValue(String device) {
        return Optional.ofNullable(lastSetvarValues.get(device));
    }

    void onSetvar(BiConsumer<String, String> listener) {
        setvarListener = listener;
    }

    /** A Setvar DEVICE_STATE(device)=value; false if Asterisk would answer "Variable not set". */
    boolean acceptSetvar(String device, String value) {
        BiConsumer<String, String> listener = setvarListener;
        if (listener != null) {
            listener.accept(device, value);
        }
        setvars.computeIfAbsent(device, d -> new AtomicInteger()).incrementAndGet();
        lastSetvarValues.put(device, value == null ? "" : value);
        return device.regionMatches(true, 0, "Custom:", 0, "Custom:".length()) && value != null
                && STATES.contains(value.toUpperCase(Locale.ROOT));
    }

    /**
     * Stores a state and returns the events Asterisk raises: DeviceStateChange when the state changed, and an
     * ExtensionStatus for each hint naming the device whose status changed.
     */
    synchronized List<AmiWire.Message> change(String device, String state, Collection<FakeAsterisk.Hint> hints) {
        Map<FakeAsterisk.Hint, Integer> before = new LinkedHashMap<>();
        hints.stream().filter(h -> devicesOf(h).contains(device)).forEach(h -> before.put(h, status(h)));
        String previous = states.put(device, state);
        List<AmiWire.Message> events = new ArrayList<>();
        before.forEach((hint, old) -> {
            int now = status(hint);
            if (now != old) {
                events.add(AmiWire.message().add("Event", "ExtensionStatus").add("Privilege", "call,all")
                        .add("Exten", hint.exten()).add("Context", hint.context()).add("Hint", hint.hint())
                        .add("Status", String.valueOf(now)).add("StatusText", statusText(now)).build());
            }
        });
        if (!state.equals(previous)) {
            events.add(AmiWire.message().add("Event", "DeviceStateChange").add("Privilege", "call,all")
                    .add("Device", device).add("State", state).build());
        }
        return events;
    }

    /** The hint's status: Asterisk's numbers (0 Idle, 1 InUse, 2 Busy, 4 Unavailable, 8 Ringing, 9, 16 Hold). */
    synchronized int status(FakeAsterisk.Hint hint) {
        List<String> each = devicesOf(hint).stream().map(d -> states.getOrDefault(d, "UNKNOWN")).toList();
        boolean inUse = each.contains("INUSE") || each.contains("RINGINUSE");
        boolean ringing = each.contains("RINGING") || each.contains("RINGINUSE");
        if (each.contains("ONHOLD")) {
            return 16;
        }
        if (ringing) {
            return inUse ? 9 : 8;
        }
        if (each.contains("BUSY")) {
            return 2;
        }
        if (inUse) {
            return 1;
        }
        return each.stream().allMatch(s -> s.equals("UNAVAILABLE") || s.equals("INVALID")) ? 4 : 0;
    }

    static String statusText(int status) {
        return switch (status) {
            case 0 -> "Idle";
            case 1 -> "InUse";
            case 2 -> "Busy";
            case 4 -> "Unavailable";
            case 8 -> "Ringing";
            case 9 -> "InUse&Ringing";
            case 16 -> "Hold";
            default -> "Unknown";
        };
    }

    /** The devices of a hint: the part before the comma, split at '&'. */
    private static List<String> devicesOf(FakeAsterisk.Hint hint) {
        return List.of(hint.hint().split(",", 2)[0].split("&"));
    }
}
