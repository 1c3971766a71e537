package io.presencehub.calls;

import io.presencehub.model.UserKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Asterisk devices stand for which users, taken from the directory: the phone devices of every extension
 * (field {@code devices}, default {@code hub.asterisk.device-pattern}) and the hub's own Custom device per extension
 * that shows a Teams call to the PBX (field {@code teamsDevice}, default {@code hub.asterisk.teams-device-pattern}).
 * A phone device may belong to several extensions (it counts for each of their users); the hub's own Teams devices
 * never count as phones, even when a directory lists one under {@code devices}, so a Teams call cannot come back as
 * a phone call.
 */
public final class CallDevices {

    /** No devices at all (no directory yet, or call state switched off). */
    public static final CallDevices NONE = new CallDevices(Map.of(), Map.of());

    private final Map<String, Set<UserKey>> phoneUsers;
    private final Map<UserKey, List<String>> phonesOfUser;
    private final Map<String, UserKey> teamsDeviceUsers;
    private final Map<UserKey, List<String>> teamsDevicesOfUser;

    /**
     * @param phoneUsers  every phone device and the users it belongs to
     * @param teamsDevices every Custom device of the hub's and the user whose Teams call it shows
     */
    public CallDevices(Map<String, Set<UserKey>> phoneUsers, Map<String, UserKey> teamsDevices) {
        Map<String, Set<UserKey>> phones = new HashMap<>();
        phoneUsers.forEach((device, users) -> {
            if (!teamsDevices.containsKey(device) && !users.isEmpty()) {
                phones.put(device, Set.copyOf(users));
            }
        });
        this.phoneUsers = Map.copyOf(phones);
        Map<UserKey, List<String>> phonesByUser = new HashMap<>();
        phones.forEach((device, users) -> users.forEach(
                user -> phonesByUser.computeIfAbsent(user, u -> new ArrayList<>()).add(device)));
        this.phonesOfUser = Map.copyOf(phonesByUser);
        this.teamsDeviceUsers = Map.copyOf(new LinkedHashMap<>(teamsDevices));
        Map<UserKey, List<String>> byUser = new HashMap<>();
        teamsDevices.forEach((device, user) -> byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(device));
        Map<UserKey, List<String>> frozen = new HashMap<>();
        byUser.forEach((user, devices) -> frozen.put(user, devices.stream().sorted().toList()));
        this.teamsDevicesOfUser = Map.copyOf(frozen);
    }

    /** The users a phone device belongs to; empty for a device the directory does not name (or a Teams device). */
    public Set<UserKey> usersOfPhone(String device) {
        return phoneUsers.getOrDefault(device, Set.of());
    }

    /** Every phone device the directory names. */
    public Set<String> phoneDevices() {
        return phoneUsers.keySet();
    }

    /** Every user with at least one phone device. */
    public Set<UserKey> usersWithPhones() {
        return phonesOfUser.keySet();
    }

    /** The phone devices of all of a user's extensions. */
    public List<String> phoneDevicesOf(UserKey user) {
        return phonesOfUser.getOrDefault(user, List.of());
    }

    /** Whether the device is one of the hub's own Custom devices. */
    public boolean isTeamsDevice(String device) {
        return teamsDeviceUsers.containsKey(device);
    }

    /** Every Custom device of the hub's, with the user whose Teams call it shows. */
    public Map<String, UserKey> teamsDevices() {
        return teamsDeviceUsers;
    }

    /** The hub's Custom devices of one user (one per extension that has one), sorted. */
    public List<String> teamsDevicesOf(UserKey user) {
        return teamsDevicesOfUser.getOrDefault(user, List.of());
    }
}
