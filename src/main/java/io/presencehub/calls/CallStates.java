package io.presencehub.calls;

import io.presencehub.model.UserKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every user's call state, transient: <em>on the phone</em> from the Asterisk device states, <em>in a Teams
 * call</em> from Graph. The Asterisk side reports device states (live changes, the list after each login) and the
 * directory's device assignment; the Teams side reports each user's Teams call. Listeners hear of every change once,
 * after it happened and outside this object's lock; a listener that must act on the latest value reads it back
 * ({@link #onThePhone}, {@link #teamsCall}), because two reports for one user may race to their listeners.
 */
public final class CallStates {

    /** The default of {@code hub.calls.busy-states}. */
    public static final Set<DeviceState> DEFAULT_BUSY_STATES =
            EnumSet.of(DeviceState.INUSE, DeviceState.BUSY, DeviceState.ONHOLD, DeviceState.RINGINUSE);

    private final Set<DeviceState> busyStates;
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, DeviceState> deviceStates = new HashMap<>();
    private final Set<UserKey> onThePhone = ConcurrentHashMap.newKeySet();
    private final Map<UserKey, TeamsCall> teamsCalls = new ConcurrentHashMap<>();
    private CallDevices devices = CallDevices.NONE;

    /** @param busyStates the device states that mean "on the phone" ({@code hub.calls.busy-states}) */
    public CallStates(Set<DeviceState> busyStates) {
        this.busyStates = busyStates.isEmpty() ? Set.of() : EnumSet.copyOf(busyStates);
    }

    /** Adds a listener (at wiring time). */
    public void listen(CallListener listener) {
        listeners.add(listener);
    }

    /** The device states that mean "on the phone". */
    public Set<DeviceState> busyStates() {
        return busyStates;
    }

    /** Live device state changes (coalesced per device by the caller), in Asterisk's order. */
    public void devicesChanged(Map<String, DeviceState> changed) {
        List<UserKey> moved;
        synchronized (this) {
            Set<UserKey> affected = new HashSet<>();
            changed.forEach((device, state) -> {
                deviceStates.put(device, state);
                affected.addAll(devices.usersOfPhone(device));
            });
            moved = recompute(affected);
        }
        announcePhones(moved);
    }

    /**
     * Everything Asterisk listed after a (re)connect: what it holds now. A device it no longer lists has no state,
     * so it is not busy (a call that ended while the link was down ends here).
     */
    public void devicesListed(Map<String, DeviceState> listed) {
        List<UserKey> moved;
        synchronized (this) {
            deviceStates.clear();
            deviceStates.putAll(listed);
            moved = recomputeAll();
        }
        announcePhones(moved);
    }

    /** The directory's device assignment, at start and after every reload. */
    public void devicesAssigned(CallDevices assigned) {
        List<UserKey> moved;
        synchronized (this) {
            devices = assigned;
            moved = recomputeAll();
        }
        announcePhones(moved);
    }

    /** The device assignment in use. */
    public synchronized CallDevices devices() {
        return devices;
    }

    /** The last state Asterisk reported for a device; UNKNOWN if it reported none. */
    public synchronized DeviceState deviceState(String device) {
        return deviceStates.getOrDefault(device, DeviceState.UNKNOWN);
    }

    /** Whether any phone device of any of the user's extensions is busy. */
    public boolean onThePhone(UserKey user) {
        return onThePhone.contains(user);
    }

    /** What the Teams side last reported for a user; UNKNOWN before its first report. */
    public TeamsCall teamsCall(UserKey user) {
        return teamsCalls.getOrDefault(user, TeamsCall.UNKNOWN);
    }

    /** The Teams side's report for one user; listeners hear of it only when it differs from the last one. */
    public void teamsCall(UserKey user, TeamsCall call) {
        TeamsCall before = teamsCalls.put(user, call);
        if ((before == null ? TeamsCall.UNKNOWN : before) != call) {
            listeners.forEach(listener -> listener.teamsCallChanged(user, call));
        }
    }

    /** Every user the Teams side reported on so far (with any value). */
    public Set<UserKey> teamsCallUsers() {
        return Set.copyOf(teamsCalls.keySet());
    }

    private List<UserKey> recomputeAll() {
        Set<UserKey> affected = new HashSet<>(onThePhone);
        affected.addAll(devices.usersWithPhones());
        return recompute(affected);
    }

    /** Recomputes the users given; returns those whose "on the phone" flipped. */
    private List<UserKey> recompute(Set<UserKey> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        List<UserKey> moved = new ArrayList<>();
        for (UserKey user : users) {
            boolean now = devices.phoneDevicesOf(user).stream()
                    .anyMatch(device -> busyStates.contains(deviceStates.getOrDefault(device, DeviceState.UNKNOWN)));
            if (now ? onThePhone.add(user) : onThePhone.remove(user)) {
                moved.add(user);
            }
        }
        return moved;
    }

    private void announcePhones(List<UserKey> moved) {
        for (UserKey user : moved) {
            boolean now = onThePhone(user);
            listeners.forEach(listener -> listener.phoneChanged(user, now));
        }
    }
}
