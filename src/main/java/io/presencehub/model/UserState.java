package io.presencehub.model;

import java.time.Instant;

/**
 * What the hub knows of one user: status (by id, with its type kept so that a removed status can
 * fall back to its type's default), note, return time (Unix seconds, 0 = none), where the last
 * change came from ({@code origin}) and where the current status came from ({@code statusOrigin}:
 * a note or return-time change keeps it).
 */
public record UserState(String statusId, StatusType statusType, String note, long returnTime,
                        Origin origin, Instant changedAt, long version, Origin statusOrigin) {

    public UserState {
        note = note == null ? "" : note;
        statusOrigin = statusOrigin == null ? origin : statusOrigin;
    }

    /** A state whose status came from the same place as its last change. */
    public UserState(String statusId, StatusType statusType, String note, long returnTime, Origin origin,
                     Instant changedAt, long version) {
        this(statusId, statusType, note, returnTime, origin, changedAt, version, origin);
    }

    /** Whether status (and its type), note and return time are the same as in the other state. */
    public boolean sameValues(UserState other) {
        return other != null && statusId.equals(other.statusId) && statusType == other.statusType
                && note.equals(other.note) && returnTime == other.returnTime;
    }
}
