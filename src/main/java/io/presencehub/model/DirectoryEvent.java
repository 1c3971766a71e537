package io.presencehub.model;

import java.util.List;

/**
 * A structural change found when the directory is reloaded: something added, removed or renamed.
 * {@code names} are the display names the status interface reports, outermost first.
 */
public record DirectoryEvent(Kind kind, List<String> names) {

    /** What changed. */
    public enum Kind {
        LOCATION_ADDED, LOCATION_REMOVED, LOCATION_RENAMED,
        TENANT_ADDED, TENANT_REMOVED, TENANT_RENAMED,
        STATUS_ADDED, STATUS_REMOVED, STATUS_RENAMED,
        EXTENSION_ADDED, EXTENSION_REMOVED, EXTENSION_RENAMED
    }

    public DirectoryEvent {
        names = List.copyOf(names);
    }

    public static DirectoryEvent of(Kind kind, String... names) {
        return new DirectoryEvent(kind, List.of(names));
    }
}
