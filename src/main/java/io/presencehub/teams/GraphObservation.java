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

    /** The persisted form: four fields separated by US (unit separator), which Graph values never contain. */
    public String asText() {
        return String.join("\u001f", availability, activity, statusMessage, sequenceNumber);
    }

    public static GraphObservation fromText(String text) {
        String[] f = text.split("\u001f", -1);
        return new GraphObservation(f.length > 0 ? f[0] : null, f.length > 1 ? f[1] : null,
                f.length > 2 ? f[2] : null, f.length > 3 ? f[3] : null);
    }

    @Override
    public String toString() {
        return pair() + "#" + sequenceNumber;
    }
}
