package io.presencehub.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The six settable presence types a hub status can have (Asterisk's settable presence values). */
public enum StatusType {
    AVAILABLE, CHAT, AWAY, XA, DND, UNAVAILABLE;

    /** The lower-case name used in configuration files and by Asterisk. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a type code case-insensitively; empty when the text names no type. */
    public static Optional<StatusType> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim();
        return Arrays.stream(values()).filter(t -> t.code().equalsIgnoreCase(wanted)).findFirst();
    }
}
