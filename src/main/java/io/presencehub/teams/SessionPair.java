package io.presencehub.teams;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The only five (availability, activity) pairs Graph accepts in setPresence. */
public enum SessionPair {
    AVAILABLE("Available", "Available"),
    BUSY_IN_A_CALL("Busy", "InACall"),
    BUSY_IN_A_CONFERENCE_CALL("Busy", "InAConferenceCall"),
    AWAY("Away", "Away"),
    DO_NOT_DISTURB_PRESENTING("DoNotDisturb", "Presenting");

    private final String availability;
    private final String activity;

    SessionPair(String availability, String activity) {
        this.availability = availability;
        this.activity = activity;
    }

    public String availability() {
        return availability;
    }

    public String activity() {
        return activity;
    }

    /** "Availability/Activity" as Graph spells it. */
    public String text() {
        return availability + "/" + activity;
    }

    /** Parses "Availability/Activity" case-insensitively; empty for any pair Graph would reject. */
    public static Optional<SessionPair> fromText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.replace(" ", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.text().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** The five pairs, for error messages. */
    public static String allowedTexts() {
        return Arrays.stream(values()).map(SessionPair::text).collect(Collectors.joining(", "));
    }
}
