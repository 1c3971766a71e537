package io.presencehub.decisions;

/** The world a decision was about: where the input came from or where the hub writes. */
public enum World {
    ASTERISK, TEAMS, STATUS_INTERFACE, WEB, DIRECTORY, CALLS;

    /** The world a change of this origin came from (every origin has the world of its name). */
    public static World of(io.presencehub.model.Origin origin) {
        return valueOf(origin.name());
    }

    /** asterisk, status-interface, ...: as the admin page and the log show it. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
