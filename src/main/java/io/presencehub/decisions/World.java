package io.presencehub.decisions;

/** The world a decision was about: where the input came from or where the hub writes. */
public enum World {
    ASTERISK, TEAMS, STATUS_INTERFACE, WEB, DIRECTORY, CALLS;

    /** asterisk, status-interface, ...: as the admin page and the log show it. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
