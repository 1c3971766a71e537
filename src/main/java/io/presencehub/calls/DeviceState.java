package io.presencehub.calls;

import java.util.Locale;
import java.util.Optional;

/** The state Asterisk reports for a device ({@code DeviceStateChange} / {@code State:}), as Asterisk spells it. */
public enum DeviceState {
    UNKNOWN, NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD;

    /** The state for Asterisk's text (any case, surrounding blanks ignored); empty for anything else. */
    public static Optional<DeviceState> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
