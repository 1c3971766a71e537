package io.presencehub.model;

/** The world a change came from; a change is never sent back to its origin. */
public enum Origin {
    STATUS_INTERFACE, ASTERISK, TEAMS, DIRECTORY,
    /** The web console or the REST API: handled everywhere like a status client's change. */
    WEB
}
