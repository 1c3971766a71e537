package io.presencehub.asterisk;

/**
 * The AMI link as the admin page shows it; times are ISO-8601 instants, null when there is none.
 *
 * @param state           connected, disconnected or switched off
 * @param connectedSince  when the current login's snapshot was taken in (null while disconnected)
 * @param eventsPerSecond presence and device events from Asterisk, averaged over the last minute
 * @param reconnects      logins after the first since the start
 * @param lastError       the last thing that went wrong with the link (kept after it is back), null for none
 * @param lastErrorAt     when a login attempt found it; null for an error that has had no login attempt after it yet
 * @param writesOwed      presence writes not yet answered by Asterisk
 */
public record AmiOverview(String state, String address, String connectedSince, double eventsPerSecond,
                          long reconnects, String lastError, String lastErrorAt, int writesOwed) {

    /** Asterisk switched off ({@code hub.asterisk.enabled=false}). */
    public static AmiOverview switchedOff() {
        return new AmiOverview("switched off", null, null, 0, 0, null, null, 0);
    }
}
