package io.presencehub.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an extension's call-state fields: {@code devices} (the Asterisk devices that mean "on the phone", e.g.
 * {@code ["PJSIP/2001", "PJSIP/2001-soft"]}) and {@code teamsDevice} (the hub's Custom device that shows a Teams
 * call, e.g. {@code "Custom:teams-support-2001"}). Both are optional; device names go into AMI actions and hints, so
 * a blank name or one with a control character (a line break would end the AMI header) is rejected.
 */
final class ExtensionDevices {

    private ExtensionDevices() {
    }

    /** The extension's {@code devices}, in file order without repeats; empty when the field is absent. */
    static List<String> devices(Map<?, ?> extension, String path) {
        Object value = extension.get("devices");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new DirectoryException(path + ": devices must be a list of Asterisk device names, e.g. [\"PJSIP/2001\"]");
        }
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String device = deviceName(list.get(i), path + ": devices[" + i + "]");
            if (!devices.contains(device)) {
                devices.add(device);
            }
        }
        return devices;
    }

    /** The extension's {@code teamsDevice}; null when the field is absent (the pattern applies). */
    static String teamsDevice(Map<?, ?> extension, String path) {
        return extension.containsKey("teamsDevice") ? deviceName(extension.get("teamsDevice"), path + ": teamsDevice") : null;
    }

    private static String deviceName(Object value, String what) {
        if (!(value instanceof String text)) {
            throw new DirectoryException(what + " must be a device name in quotes, e.g. \"PJSIP/2001\"");
        }
        if (text.isBlank()) {
            throw new DirectoryException(what + " must not be empty");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new DirectoryException(what + " '" + text.replaceAll("\\p{Cntrl}", "?")
                    + "' must not contain control characters (AMI and hints could not carry it)");
        }
        return text.strip();
    }
}
