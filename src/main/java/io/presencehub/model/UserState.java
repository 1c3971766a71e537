package io.presencehub.model;

import java.time.Instant;

/**
 * What the hub knows of one user: status (by id, with its type kept so that a removed status can
 * fall back to its type's default), note, return time (Unix seconds, 0 = none) and where the last
 * change came from.
 */
public record UserState(String statusId, StatusType statusType, String note, long returnTime,
                        Origin origin, Instant changedAt, long version) {

    public UserState {
        note = note == null ? "" : note;
    }

    /** Whether status (and its type), note and return time are the same as in the other state. */
    public boolean sameValues(UserState other) {
        return other != null && statusId.equals(other.statusId) && statusType == other.statusType
                && note.equals(other.note) && returnTime == other.returnTime;
    }
}
