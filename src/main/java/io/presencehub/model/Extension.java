package io.presencehub.model;

import java.util.List;
import java.util.Objects;

/**
 * An extension of a tenant, the Asterisk presentity that carries its presence and, for call state, the Asterisk
 * devices that mean "this person is on the phone" ({@code devices}; empty: the default pattern applies) and the
 * hub's own Custom device that shows a Teams call ({@code teamsDevice}; null: the default pattern applies).
 */
public record Extension(String id, String number, String presentity, List<String> devices, String teamsDevice) {

    public Extension {
        devices = List.copyOf(Objects.requireNonNullElse(devices, List.of()));
    }

    /** An extension that names no devices of its own (the patterns apply). */
    public Extension(String id, String number, String presentity) {
        this(id, number, presentity, List.of(), null);
    }

    /** The presentity Asterisk uses for a number when the directory does not name one. */
    public static String defaultPresentity(String number) {
        return "CustomPresence:" + number;
    }
}
