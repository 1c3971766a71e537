package io.presencehub.teams;

/**
 * What Graph last showed for one user (persisted, so that the first poll after a restart can tell a change from a
 * baseline). Values are compared case-insensitively.
 */
public record GraphObservation(String availability, String activity, String statusMessage, String sequenceNumber) {

    public GraphObservation {
        availability = availability == null ? "PresenceUnknown" : availability;
        activity = activity == null ? "PresenceUnknown" : activity;
        statusMessage = statusMessage == null ? "" : statusMessage;
        sequenceNumber = sequenceNumber == null ? "" : sequenceNumber;
    }

    public static GraphObservation of(GraphPresence presence) {
        return new GraphObservation(presence.availability(), presence.activity(), presence.statusMessage(),
                presence.sequenceNumber());
    }

    /** Same availability and activity, ignoring case. */
    public boolean samePresence(GraphObservation other) {
        return other != null && availability.equalsIgnoreCase(other.availability)
                && activity.equalsIgnoreCase(other.activity);
    }

    public boolean showsPair(SessionPair pair) {
        return availability.equalsIgnoreCase(pair.availability()) && activity.equalsIgnoreCase(pair.activity());
    }

    public String pair() {
        return availability + "/" + activity;
    }

    @Override
    public String toString() {
        return pair() + "#" + sequenceNumber;
    }
}
