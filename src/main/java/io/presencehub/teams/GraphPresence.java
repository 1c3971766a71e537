package io.presencehub.teams;

import java.time.Instant;
import java.util.Objects;

/**
 * One user's presence as Graph reports it, converted once at the edge.
 *
 * @param userId              Graph user id
 * @param availability        canonical spelling when known (e.g. {@code DoNotDisturb}), else the text as received
 * @param activity            canonical spelling when known (e.g. {@code InACall}), else the text as received
 * @param statusMessage       the status message text, empty when there is none
 * @param statusMessageExpiry when the status message ends; null when it has none (or "never")
 * @param sequenceNumber      Graph's lexicographically sortable version stamp, empty when absent
 */
public record GraphPresence(String userId, String availability, String activity, String statusMessage,
                            Instant statusMessageExpiry, String sequenceNumber) {

    public GraphPresence {
        Objects.requireNonNull(userId, "userId");
        availability = availability == null ? "PresenceUnknown" : availability;
        activity = activity == null ? "PresenceUnknown" : activity;
        statusMessage = statusMessage == null ? "" : statusMessage;
        sequenceNumber = sequenceNumber == null ? "" : sequenceNumber;
    }

    /** "Availability/Activity", the form used in mapping tables and logs. */
    public String pair() {
        return availability + "/" + activity;
    }
}
