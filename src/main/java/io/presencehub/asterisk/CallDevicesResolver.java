package io.presencehub.asterisk;

import io.presencehub.calls.CallDevices;
import io.presencehub.camel.HubSettings;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.UserKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which Asterisk devices stand for which users ({@link CallDevices}) from the directory: an extension's
 * {@code devices} or else {@code hub.asterisk.device-pattern}, its {@code teamsDevice} or else
 * {@code hub.asterisk.teams-device-pattern} ({@code {number}} is the extension's number; an empty pattern gives no
 * default). A pattern-made Teams device that two extensions would share (tenants reusing a number) goes to neither:
 * one Custom device cannot show two people's Teams calls.
 *
 * @param devicePattern      e.g. {@code PJSIP/{number}}; empty: only extensions with {@code devices} have phones
 * @param teamsDevicePattern e.g. {@code Custom:teams-{number}}; empty: only extensions with {@code teamsDevice}
 */
public record CallDevicesResolver(String devicePattern, String teamsDevicePattern) {

    private static final Logger LOG = LoggerFactory.getLogger(CallDevicesResolver.class);
    static final String NUMBER = "{number}";

    public CallDevicesResolver {
        check("hub.asterisk.device-pattern", devicePattern);
        check("hub.asterisk.teams-device-pattern", teamsDevicePattern);
    }

    /** Reads {@code hub.asterisk.device-pattern} and {@code hub.asterisk.teams-device-pattern}. */
    public static CallDevicesResolver from(HubSettings settings) {
        return new CallDevicesResolver(settings.presentText("hub.asterisk.device-pattern").orElse(""),
                settings.presentText("hub.asterisk.teams-device-pattern").orElse(""));
    }

    private static void check(String key, String pattern) {
        if (!pattern.isEmpty() && !pattern.contains(NUMBER)) {
            throw new IllegalStateException("setting " + key + " '" + pattern + "' must contain " + NUMBER
                    + " (or be empty for no default device): without it every extension would share one device");
        }
    }

    /** The devices of every extension of the directory; logs one WARN per clash of pattern-made Teams devices. */
    public CallDevices resolve(DirectoryIndex index) {
        Map<String, Set<UserKey>> phones = new HashMap<>();
        Map<String, UserKey> teamsDevices = new LinkedHashMap<>();
        Map<String, ExtensionEntry> patterned = new LinkedHashMap<>();
        Map<String, ExtensionEntry> clashes = new LinkedHashMap<>();
        for (UserKey user : index.userKeys()) {
            for (ExtensionEntry entry : index.extensionsOf(user)) {
                phoneDevices(entry).forEach(device -> phones.computeIfAbsent(device, d -> new java.util.HashSet<>()).add(user));
                String explicit = entry.extension().teamsDevice();
                if (explicit != null) {
                    teamsDevices.put(explicit, user); // the parser rejects a teamsDevice written twice
                } else if (!teamsDevicePattern.isEmpty()) {
                    String made = made(teamsDevicePattern, entry);
                    ExtensionEntry first = patterned.putIfAbsent(made, entry);
                    if (first != null) {
                        clashes.putIfAbsent(made, first);
                        LOG.warn("Teams device {} would stand for both {} and {}: neither gets one; give one of them"
                                + " a teamsDevice in the directory", made, describe(first), describe(entry));
                    }
                }
            }
        }
        patterned.forEach((device, entry) -> {
            if (!clashes.containsKey(device) && !teamsDevices.containsKey(device)) {
                teamsDevices.put(device, entry.user());
            } else if (!clashes.containsKey(device)) {
                LOG.warn("Teams device {} of {} is another extension's teamsDevice: it gets none; give it a teamsDevice"
                        + " in the directory", device, describe(entry));
            }
        });
        return new CallDevices(phones, teamsDevices);
    }

    private List<String> phoneDevices(ExtensionEntry entry) {
        if (!entry.extension().devices().isEmpty()) {
            return entry.extension().devices();
        }
        return devicePattern.isEmpty() ? List.of() : List.of(made(devicePattern, entry));
    }

    private static String made(String pattern, ExtensionEntry entry) {
        return pattern.replace(NUMBER, entry.extension().number());
    }

    private static String describe(ExtensionEntry entry) {
        return "extension " + entry.extension().number() + " of " + entry.location().name() + "/" + entry.tenant().name();
    }
}
